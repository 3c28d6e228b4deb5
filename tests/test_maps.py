"""Maps of the shooting locations, drawn at build from tiles fetched once (a loopback tile server
here), served from the site: no request to a map service when a page is viewed."""

from __future__ import annotations

import io
import re
import shutil

import pytest
from helpers import build_film, write_film
from PIL import Image
from werkzeug import Response

ENTRY = "Title: {title}\nDate: {date}\nPhase: production\nLocation: {place}\n{geo}\nWe shot.\n"
FILES = {
    "diary/harbour.md": ENTRY.format(
        title="At the harbour", date="2026-11-02 10:00", place="Harbour", geo="Geo: 53.27, -9.05\n"
    ),
    "diary/lighthouse.md": ENTRY.format(
        title="At the lighthouse", date="2026-11-03 10:00", place="Lighthouse", geo="Geo: 53.25, -9.12\n"
    ),
    "diary/studio.md": ENTRY.format(title="In the studio", date="2026-11-04 10:00", place="Studio", geo=""),
}


class TileServer:
    """Raster tiles as a tile server gives them: 256 px PNGs at /{z}/{x}/{y}.png, counted."""

    def __init__(self, httpserver):
        self.asked: list[str] = []
        self.failing = False
        httpserver.expect_request(re.compile(r"/tiles/\d+/\d+/\d+\.png")).respond_with_handler(self.answer)
        self.template = httpserver.url_for("/tiles/") + "{z}/{x}/{y}.png"

    def answer(self, request):
        self.asked.append(request.path)
        if self.failing:
            return Response("tile server overloaded", status=503)
        buffer = io.BytesIO()
        Image.new("RGB", (256, 256), (170, 211, 223)).save(buffer, "PNG")  # the sea, as OSM paints it
        return Response(buffer.getvalue(), content_type="image/png")


def settings(server: TileServer, **maps) -> dict:
    return {"MARQUEE_OFFLINE": False, "MARQUEE_MAPS": {"tiles": server.template, **maps}}


def test_world_pixels_are_web_mercators():
    from marquee.maps import Pin, fitting_zoom, world_pixel

    assert world_pixel(0, 0, 0) == (128, 128)
    assert world_pixel(0, -180, 1) == (0, 256) and world_pixel(85.05112878, 180, 1)[1] == pytest.approx(0, abs=1e-6)
    near, far = [Pin(53.27, -9.05), Pin(53.25, -9.12)], [Pin(53.27, -9.05), Pin(40.4, -3.7)]
    assert fitting_zoom(near, 960, 540, 15) > fitting_zoom(far, 960, 540, 15)


def test_locations_are_drawn_into_one_image_each_with_numbered_pins_and_the_credit(httpserver, tmp_path):
    from marquee.maps import PAD

    server = TileServer(httpserver)
    write_film(tmp_path, FILES)
    out = build_film(tmp_path, **settings(server))
    page = (out / "diary" / "locations" / "index.html").read_text(encoding="utf-8")
    src, width, height, alt = re.search(
        r'<figure class="map map--locations">\s*<img src="/(images/maps/\w+\.webp)" width="(\d+)" height="(\d+)" alt="([^"]+)"',
        page,
    ).groups()
    assert alt == "Map of the shooting locations: 1 Harbour, 2 Lighthouse"
    assert re.findall(r'<span class="map-pin" aria-hidden="true">(\d)</span> (\w+)</h2>', page) == [
        ("1", "Harbour"),
        ("2", "Lighthouse"),
    ]
    assert '<a href="https://www.openstreetmap.org/copyright">© OpenStreetMap contributors</a>' in page
    with Image.open(out / src) as image:
        assert image.format == "WEBP" and image.size == (int(width), int(height)) == (960, 540)
        assert not image.info.get("exif") and not image.info.get("xmp")
        pixels = image.convert("RGB")
        reds = [(x, y) for x in range(0, 960, 2) for y in range(0, 540, 2) if _is_pin(pixels.getpixel((x, y)))]
    # Two pins, inside the map and clear of its edges: the one to the east (Harbour) right of the other.
    assert reds and min(x for x, _ in reds) >= PAD - 20 and max(x for x, _ in reds) <= 960 - PAD + 20
    east = [x for x, _ in reds if x > 480]
    west = [x for x, _ in reds if x < 480]
    assert east and west
    entry = (out / "diary" / "harbour" / "index.html").read_text(encoding="utf-8")
    (entry_map,) = re.findall(
        r'<img src="/(images/maps/\w+\.webp)" width="640" height="320" alt="Map of Harbour \(53.27, -9.05\)"', entry
    )
    assert (out / entry_map).is_file()
    assert "images/maps" not in (out / "diary" / "studio" / "index.html").read_text(
        encoding="utf-8"
    )  # no position, no map
    assert server.asked  # fetched at build
    assert (
        "tile.openstreetmap.org" not in page and server.template.split("/tiles/")[0] not in page
    )  # the tiles' server is not named


def _is_pin(rgb) -> bool:
    r, g, b = rgb
    return r > 150 and g < 80 and b < 80


def test_tiles_are_fetched_once_and_an_outage_never_breaks_the_build(httpserver, tmp_path, caplog):
    server = TileServer(httpserver)
    write_film(tmp_path, FILES)
    out = build_film(tmp_path, **settings(server))
    first = {p.name: p.read_bytes() for p in (out / "images" / "maps").iterdir()}
    asked = len(server.asked)
    assert len(first) == 3 and asked  # the locations map and two entries'
    server.failing = True
    out = build_film(tmp_path, **settings(server))
    assert {
        p.name: p.read_bytes() for p in (out / "images" / "maps").iterdir()
    } == first  # byte-identical, from the cache
    assert len(server.asked) == asked  # and not one tile asked for again
    # A new place while the tile server fails: the build goes on, its page keeps the coordinates.
    (tmp_path / "content" / "diary" / "quay.md").write_text(
        ENTRY.format(title="At the quay", date="2026-11-05 10:00", place="Quay", geo="Geo: 53.3, -9.0\n")
    )
    caplog.clear()
    out = build_film(tmp_path, **settings(server))
    said = "\n".join(r.getMessage() for r in caplog.records)
    assert "maps: 2 map(s) not drawn, a tile could not be had" in said and "HTTP 503" in said
    quay = (out / "diary" / "quay" / "index.html").read_text(encoding="utf-8")
    assert "images/maps" not in quay and "https://www.openstreetmap.org/?mlat=53.3&amp;mlon=-9.0" in quay
    assert "map map--locations" not in (out / "diary" / "locations" / "index.html").read_text(encoding="utf-8")
    assert (out / "diary" / "harbour" / "index.html").read_text(encoding="utf-8").count(
        "images/maps/"
    ) == 1  # drawn before: still there


def test_maps_can_be_switched_off_and_bad_settings_are_named(httpserver, tmp_path):
    from marquee.settings import maps

    server = TileServer(httpserver)
    write_film(tmp_path, FILES)
    out = build_film(tmp_path, **settings(server, enabled=False))
    assert not (out / "images" / "maps").exists() and server.asked == []
    for raw, words in [
        (
            {"tiles": "ftp://tiles.example/{z}/{x}/{y}.png"},
            'MARQUEE_MAPS tiles: "ftp://tiles.example/{z}/{x}/{y}.png" is not a tile address',
        ),
        ({"tiles": "https://tiles.example/{z}/{x}.png"}, "expected https://…/{z}/{x}/{y}.png"),
        ({"zoom": 30}, 'MARQUEE_MAPS zoom: "30" is not a zoom level (expected 1 to 18)'),
        ({"style": "dark"}, "MARQUEE_MAPS: unknown key(s) style"),
    ]:
        with pytest.raises(ValueError, match=re.escape(words)):
            maps.read(raw)


def test_shipped_tiles_draw_maps_with_no_request_and_a_missing_one_is_named(httpserver, tmp_path, caplog, monkeypatch):
    """tiles_dir (the example film's data/tiles): maps from the project's own tiles, never a fetch."""
    from marquee.settings import maps

    server = TileServer(httpserver)
    write_film(tmp_path, FILES)
    build_film(tmp_path, **settings(server, zoom=12))  # the tiles these maps need, as a server gives them
    shipped = tmp_path / "shipped"
    for path in server.asked:
        z, x, y = path.removeprefix("/tiles/").removesuffix(".png").split("/")
        (shipped / z / x).mkdir(parents=True, exist_ok=True)
        buffer = io.BytesIO()
        Image.new("RGB", (256, 256), (242, 239, 233)).save(buffer, "PNG")
        (shipped / z / x / f"{y}.png").write_bytes(buffer.getvalue())
    asked = len(server.asked)
    monkeypatch.chdir(tmp_path)  # tiles_dir is a folder of the project
    shutil.rmtree(tmp_path / "cache", ignore_errors=True)
    out = build_film(tmp_path, **settings(server, zoom=12, tiles_dir="shipped", attribution="Natural Earth"))
    assert len(list((out / "images" / "maps").iterdir())) == 3 and len(server.asked) == asked  # not one request
    (tmp_path / "content" / "diary" / "quay.md").write_text(
        ENTRY.format(title="At the quay", date="2026-11-05 10:00", place="Quay", geo="Geo: 52.0, -8.0\n")
    )
    caplog.clear()
    build_film(tmp_path, **settings(server, zoom=12, tiles_dir="shipped", attribution="Natural Earth"))
    assert "is not among the tiles shipped in shipped" in caplog.text and len(server.asked) == asked
    for bad in ("/etc/tiles", "../elsewhere"):
        with pytest.raises(
            ValueError, match=re.escape(f'MARQUEE_MAPS tiles_dir: "{bad}" is not a folder of the project')
        ):
            maps.read({"tiles_dir": bad})
