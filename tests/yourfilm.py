"""A producer's own film, made the way the README says: a copy of the project, `invoke init` with
flags, a few posts of each kind. Used by the tests (test_init, test_your_film) and by
bench/lighthouse.py --init. Its trailer's oEmbed and picture and its map tiles come from a
loopback server (MediaServer), never from the internet."""

from __future__ import annotations

import contextlib
import functools
import http.server
import io
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
INVOKE = str(Path(sys.executable).with_name("invoke"))
FLAGS = [
    "--title",
    "Low Season",
    "--director",
    "Ana Ruiz",
    "--year",
    "2028",
    "--domain",
    "https://lowseason.example",
    "--logline",
    "A hotel out of season, and a guest who never checks out.",
    "--cast",
    "Lucía Prieto, Tomás Vidal",
    "--timezone",
    "Europe/Madrid",
    "--language",
    "es",
    "--colour",
    "#2a9d8f",
    "--typeface",
    "bebas-neue",
]
TRAILER = "https://www.youtube.com/watch?v=Lw5eAsnQn0E"
BUILD_DATE = "2026-11-23"
PAGES = {
    "home": "/",
    "diary entry": "/diary/dia-1-la-playa-vacia/",
    "episode": "/interviews/conversaciones-01-lucia-prieto/",
    "event": "/events/estreno-en-valencia/",
    "locations": "/diary/locations/",
    "not found": "/404.html",
}
POSTS = {
    "diary/dia-1-la-playa-vacia.md": (
        "Title: Día 1: la playa vacía\nDate: 2026-11-10 19:00\nSummary: The first day: an empty beach, a closed hotel, wind.\n"
        "Shoot-Day: 1\nPhase: production\nLocation: Playa de la Malvarrosa, Valencia\nGeo: 39.478, -0.323\n"
        "Image: images/diary/beach.jpg\nImage-Alt: An empty beach in winter under a grey sky, a closed hotel behind it.\n\n"
        "We started where the film starts: on the beach in front of the Hotel Miramar, closed since October.\n\n"
        "The wind took two takes from us and gave back one we did not plan.\n"
    ),
    "interviews/conversaciones-01-lucia-prieto.md": (
        "Title: Lucía Prieto on playing the last guest\nDate: 2026-11-12 12:00\nSummary: Lucía Prieto on a part written for silence.\n"
        "Series: Conversaciones\nEpisode: 1\nGuests: Lucía Prieto\nVideo: " + TRAILER + "\nDuration: 00:12:10\n\n"
        "Our monthly conversation with the people who make the film. This month: Lucía Prieto.\n\n" + TRAILER + "\n"
    ),
    "events/estreno-en-valencia.md": (
        "Title: Estreno en Valencia\nDate: 2026-11-14 10:00\nSummary: The premiere, with the director and cast.\n"
        "Event-Kind: premiere\nStart: 2027-01-20 20:00\nEnd: 2027-01-20 22:30\nTimezone: Europe/Madrid\n"
        "Venue: Filmoteca de Valencia\nAddress: Plaza del Ayuntamiento 17, Valencia, 46002, Spain\n"
        "Tickets: https://tickets.lowseason.example/estreno\nPrice: €8\n\nThe first screening of Low Season, at home.\n"
    ),
}


def project_copy(tmp_path: Path, film: Path | None = None) -> Path:
    """The project as a producer forks it: settings, tasks, theme, the example's content and data.
    `film`: another film's settings, content and data instead (the suite's own, which does not
    change when `invoke init` has made the repository someone's film)."""
    project = tmp_path / "project"
    project.mkdir()
    source = film or ROOT
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy(source / name, project / name)
    shutil.copy(ROOT / "tasks.py", project / "tasks.py")
    shutil.copytree(ROOT / "theme", project / "theme")
    for name in ("content", "data"):
        shutil.copytree(source / name, project / name)
    return project


def run_init(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [INVOKE, "init", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "CI": "true"},
    )


def _jpeg(width: int, height: int, top: tuple, bottom: tuple) -> bytes:
    """A photo-like picture: a sky-to-sea gradient with a horizon, so it compresses like one."""
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / height
        draw.line([(0, y), (width, y)], fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=False)))
    draw.rectangle((0, int(height * 0.62), width, int(height * 0.63)), fill=(230, 220, 200))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=88)
    return buffer.getvalue()


def make(tmp_path: Path) -> Path:
    """`invoke init` on a copy of the project, with a poster; then the trailer, laurels and a quote in
    the settings, and a diary entry with a photo and a place, an episode and a premiere."""
    project = project_copy(tmp_path)
    poster, key_art = tmp_path / "poster.jpg", tmp_path / "key-art.jpg"
    poster.write_bytes(_jpeg(1600, 2400, (20, 60, 70), (200, 120, 90)))
    key_art.write_bytes(_jpeg(2400, 1200, (20, 60, 70), (200, 120, 90)))
    done = run_init(
        project,
        *FLAGS,
        *("--poster", str(poster), "--poster-alt", "A hotel corridor, empty, lit green."),
        *("--key-art", str(key_art), "--key-art-alt", "The hotel's empty lobby at dusk, its lights green."),
        *("--trailer", TRAILER, "--genre", "Thriller", "--runtime", "104"),
        "--yes",
    )
    if done.returncode:
        raise RuntimeError(done.stderr)
    with (project / "pelicanconf.py").open("a", encoding="utf-8") as settings:
        settings.write(
            '\nMARQUEE_FILM["laurels"] = [{"festival": "Festival de Málaga", "award": "Official Selection", "year": 2028}]\n'
            'MARQUEE_FILM["quotes"] = [{"quote": "A ghost story without a ghost.", "source": "Caimán Cuadernos de Cine"}]\n'
        )
    for name, text in POSTS.items():
        (project / "content" / name).parent.mkdir(parents=True, exist_ok=True)
        (project / "content" / name).write_text(text, encoding="utf-8")
    (project / "content" / "images" / "diary").mkdir(parents=True, exist_ok=True)
    (project / "content" / "images" / "diary" / "beach.jpg").write_bytes(
        _jpeg(2400, 1600, (150, 160, 170), (60, 80, 90))
    )
    return project


def build(project: Path, output: Path, media: str) -> Path:
    """Build the project's pelicanconf.py (in the project, as `make site` does) with its trailer's
    oEmbed and picture and its map tiles from `media` (a MediaServer's address)."""
    from pelican import Pelican
    from pelican.settings import read_settings

    with contextlib.chdir(project):
        settings = read_settings(
            str(project / "pelicanconf.py"),
            override={
                "OUTPUT_PATH": str(output),
                "CACHE_PATH": str(project / "cache"),
                "MARQUEE_BUILD_DATE": BUILD_DATE,
                "MARQUEE_OFFLINE": False,
                "MARQUEE_NET_ALLOW_PRIVATE": True,
                "MARQUEE_EMBED_ENDPOINTS": {"youtube_oembed": f"{media}/oembed", "youtube_thumbnails": f"{media}/yt"},
                "MARQUEE_MAPS": {"tiles": media + "/tiles/{z}/{x}/{y}.png"},
            },
        )
        Pelican(settings).run()
    return output


class _MediaHandler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802 (http.server's name)
        base = f"http://127.0.0.1:{self.server.server_port}"
        if self.path.startswith("/oembed"):
            body, kind = (
                json.dumps({"title": "Low Season: the trailer", "thumbnail_url": f"{base}/yt/trailer.jpg"}).encode(),
                "application/json",
            )
        elif self.path.startswith("/yt/"):
            body, kind = _jpeg(1280, 720, (10, 40, 50), (120, 70, 60)), "image/jpeg"
        elif re.fullmatch(r"/tiles/\d+/\d+/\d+\.png", self.path):
            image = Image.new("RGB", (256, 256), (242, 239, 233))  # land, with streets every 64 px
            draw = ImageDraw.Draw(image)
            for i in range(0, 256, 64):
                draw.line([(i, 0), (i, 255)], fill=(255, 255, 255), width=5)
                draw.line([(0, i), (255, i)], fill=(255, 255, 255), width=5)
            buffer = io.BytesIO()
            image.save(buffer, "PNG")
            body, kind = buffer.getvalue(), "image/png"
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextlib.contextmanager
def _serving(handler):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)


def media_server():
    """http://127.0.0.1:PORT answering as YouTube's oEmbed, its thumbnails and a tile server would."""
    return _serving(_MediaHandler)


class _QuietFiles(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder: Path):
    """http://127.0.0.1:PORT serving a built site."""
    return _serving(functools.partial(_QuietFiles, directory=str(folder)))
