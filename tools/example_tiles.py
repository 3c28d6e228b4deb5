"""Draw the map tiles the example film ships (data/tiles/), so that it builds offline with its maps.

    .venv/bin/python tools/example_tiles.py

The example's places are on Ireland's west coast; its tiles are drawn from Natural Earth's 1:10m
land (public domain; world-atlas on npm, fetched into a temporary folder), sea and land in
OpenStreetMap's colours. The tool serves them from 127.0.0.1 while it builds the example once, and
keeps exactly the tiles that build asked for. Run it again after changing the example's places or
MARQUEE_MAPS zoom. (A producer's own film fetches OpenStreetMap's tiles: init sets no tiles_dir.)
"""

from __future__ import annotations

import functools
import http.server
import io
import json
import math
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from marquee.maps import world_pixel  # noqa: E402 (the projection the maps are drawn in)

SHIPPED = ROOT / "data" / "tiles"
SEA, LAND = (170, 211, 223), (242, 239, 233)
WORLD_ATLAS = "world-atlas@2.0.2"


def land_rings(topology: dict) -> list[list[tuple[float, float]]]:
    """The land's polygon rings (lon, lat) from a TopoJSON topology (quantized, delta-encoded arcs)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes):
        points = []
        for i in indexes:
            part = arcs[i] if i >= 0 else arcs[~i][::-1]
            points += part[1:] if points else part
        return points

    rings = []
    for geometry in topology["objects"]["land"]["geometries"]:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        for polygon in polygons:
            rings += [ring(r) for r in polygon]
    return rings


class Tiles:
    def __init__(self, rings):
        self.rings = [
            (r, min(p[0] for p in r), max(p[0] for p in r), min(p[1] for p in r), max(p[1] for p in r)) for r in rings
        ]

    def draw(self, z: int, x: int, y: int) -> bytes:
        west, east = x / 2**z * 360 - 180, (x + 1) / 2**z * 360 - 180
        north = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * y / 2**z))))
        south = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * (y + 1) / 2**z))))
        image = Image.new("RGB", (256, 256), SEA)
        pen = ImageDraw.Draw(image)
        for ring, w, e, s, n in self.rings:  # every ring as land: Natural Earth keeps lakes in another layer
            if e < west or w > east or n < south or s > north:
                continue
            points = [world_pixel(lat, lon, z) for lon, lat in ring]
            pen.polygon([(px - x * 256, py - y * 256) for px, py in points], fill=LAND)
        buffer = io.BytesIO()
        image.save(buffer, "PNG", optimize=True)
        return buffer.getvalue()


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="marquee-tiles-") as work:
        subprocess.run(["npm", "pack", WORLD_ATLAS, "--silent"], cwd=work, check=True, capture_output=True)
        shutil.unpack_archive(next(Path(work).glob("world-atlas-*.tgz")), work)
        tiles = Tiles(land_rings(json.loads((Path(work) / "package" / "land-10m.json").read_text())))
        asked: dict[str, bytes] = {}

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):  # noqa: N802 (http.server's name)
                found = re.fullmatch(r"/(\d+)/(\d+)/(\d+)\.png", self.path)
                if not found:
                    self.send_error(404)
                    return
                body = asked.setdefault(self.path, tiles.draw(*map(int, found.groups())))
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        settings = json.loads((ROOT / "data" / "site.json").read_text(encoding="utf-8"))["site"].get("MARQUEE_MAPS", {})
        maps = {k: v for k, v in settings.items() if k != "tiles_dir"} | {
            "tiles": f"http://127.0.0.1:{server.server_port}/{{z}}/{{x}}/{{y}}.png"
        }
        build = Path(work) / "build"
        subprocess.run(
            [
                str(ROOT / ".venv" / "bin" / "python"),
                "-c",
                "import json, sys; from pelican import Pelican; from pelican.settings import read_settings; "
                "Pelican(read_settings('pelicanconf.py', override=json.loads(sys.argv[1]))).run()",
                json.dumps(
                    {
                        "OUTPUT_PATH": str(build / "out"),
                        "CACHE_PATH": str(build / "cache"),
                        "MARQUEE_OFFLINE": False,
                        "MARQUEE_WALLS": [],
                        "MARQUEE_NET_ALLOW_PRIVATE": True,
                        "MARQUEE_MAPS": maps,
                    }
                ),
            ],
            cwd=ROOT,
            check=True,
        )
        server.shutdown()
        shutil.rmtree(SHIPPED, ignore_errors=True)
        for path, body in sorted(asked.items()):
            target = SHIPPED / path.lstrip("/")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(body)
        print(f"{len(asked)} tiles in {SHIPPED.relative_to(ROOT)} ({sum(map(len, asked.values())) // 1024} KB)")


if __name__ == "__main__":
    main()
