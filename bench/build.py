"""Build benchmark: Marquee against vanilla Pelican on the same generated Markdown.

    .venv/bin/python bench/build.py                 # 1,000 and 5,000 posts (several minutes)
    .venv/bin/python bench/build.py --sizes 1000    # one size
    .venv/bin/python bench/build.py --profile       # also print where a warm Marquee build spends its time

For each size it generates a realistic site (diary entries with photos, one in five with a YouTube
embed; interview episodes with a YouTube video; events), serves the YouTube oEmbed and thumbnail
endpoints from 127.0.0.1, and measures, each build in its own process:

  vanilla       Pelican with its default theme and no plugins, same Markdown and URL settings
  cold          Marquee, first build (every share image drawn, every embed fetched)
  warm          Marquee again, caches warm: the build a producer runs all day
  rebuild       Marquee with Pelican's content cache, after editing one post
  hugo pages    Hugo (Debian's package, installed when missing) on the same posts, its photos as they are
  hugo images   Hugo resizing every photo to Marquee's widths (WebP and JPEG): cold, then warm
  save to see   under `invoke livereload`, from saving a post to Chromium showing the reloaded page

and reports warm/vanilla (target <= 1.3, stretch 1.15), rebuild/warm (target <= 0.35), cold/vanilla
(every diary entry has a photo of its own), the requests the warm build made (target 0) and peak
memory; and the image pipeline's process-pool speed-up on this machine (pool_speedup). Then it
adds an entry with three 4032x3024 phone photos (EXIF orientation, GPS, camera) to the example
film, loads its home page and that entry in Chromium as a phone, and counts every byte and every
request to another host before any click (targets: <= 150 KB each, 0), and reads every published
image back for GPS, camera or XMP metadata (target 0). The last line is all the numbers as JSON.
"""

from __future__ import annotations

import argparse
import cProfile
import http.server
import io
import json
import os
import pstats
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
PLACES = [
    "Inishcarrow harbour",
    "The radio mast",
    "Bríd's cottage",
    "The ferry",
    "North strand",
    "The pub",
    "Lighthouse rocks",
    "Mainland studio",
    "Sound stage 2",
    "The edit suite",
]
WORDS = (
    "salt static radio harbour night tide mast signal voice island ferry crew lamp fog wind "
    "take scene light sound quiet listen shore boat rope cable reel frame"
).split()
TAGS = [
    f"{a}-{b}" for a in ("night", "day", "sound", "cast", "crew", "sea") for b in ("work", "notes", "shots", "talk")
]
TARGETS = {
    "warm_vs_vanilla": 1.3,
    "rebuild_vs_warm": 0.35,
    "warm_requests": 0,
    "home_kb": 150,
    "entry_kb": 150,
    "third_party_before_click": 0,
    "images_with_metadata": 0,
}


# -- the generated site


def write_images(folder: Path, count: int = 24, size: tuple[int, int] = (1600, 1067)) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(7)
    names = []
    for n in range(count):
        img = Image.new("RGB", size, tuple(rng.randrange(30, 200) for _ in range(3)))
        draw = ImageDraw.Draw(img)
        for _ in range(40):
            x, y = rng.randrange(size[0]), rng.randrange(size[1])
            draw.ellipse(
                (x, y, x + rng.randrange(40, 300), y + rng.randrange(40, 300)),
                fill=tuple(rng.randrange(256) for _ in range(3)),
            )
        name = f"photo-{n:02d}.jpg"
        img.save(folder / name, "JPEG", quality=82)
        names.append(name)
    return names


def paragraph(rng: random.Random, words: int = 70) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def generate(content: Path, posts: int) -> None:
    """`posts` Markdown files: 70% diary entries, 15% episodes, 15% events, dated in the past."""
    rng = random.Random(posts)
    (content / "pages").mkdir(parents=True)
    (content / "pages" / "about.md").write_text("Title: About the film\n\nAn island, a radio mast and a voice.\n")
    shutil.copytree(ROOT / "content" / "extra", content / "extra")
    (content / "images").mkdir(parents=True)
    shutil.copy(ROOT / "content" / "images" / "key-art.jpg", content / "images" / "key-art.jpg")
    shutil.copytree(ROOT / "content" / "images" / "stills", content / "images" / "stills")  # the trailer's picture
    photos = write_images(
        content / "images" / "bench", count=sum(1 for n in range(posts) if n % 20 < 14), size=(2000, 1333)
    )
    for folder in ("diary", "interviews", "events"):
        (content / folder).mkdir()
    episode = 0
    for n in range(posts):
        date = f"{2020 + n // 2000}-{1 + (n // 160) % 12:02d}-{1 + (n // 6) % 27:02d} {n % 24:02d}:{n % 60:02d}"
        tags = ", ".join(rng.sample(TAGS, 3))
        body = "\n\n".join(paragraph(rng) for _ in range(3))
        video = f"https://www.youtube.com/watch?v=bench{n:06d}"
        kind = n % 20
        if kind < 14:
            embed = f"\n\n{video}\n\n" if kind % 5 == 0 else "\n\n"
            text = (
                f"Title: Day {n}: {rng.choice(WORDS)} and {rng.choice(WORDS)}\nDate: {date}\n"
                f"Summary: {paragraph(rng, 20)}\nTags: {tags}\nShoot-Day: {n % 60 + 1}\nPhase: production\n"
                f"Location: {rng.choice(PLACES)}\nImage: images/bench/{photos.pop()}\n"
                f"Image-Alt: A production photo from day {n}.\n\n{body}{embed}{paragraph(rng)}\n"
            )
            (content / "diary" / f"day-{n:05d}.md").write_text(text)
        elif kind < 17:
            episode += 1
            text = (
                f"Title: Bench talk {episode}\nDate: {date}\nSummary: {paragraph(rng, 20)}\nTags: {tags}\n"
                f"Series: Bench Talks\nEpisode: {episode}\nGuests: Guest {episode} (crew)\nVideo: {video}\n"
                f"Duration: 00:12:00\n\n{body}\n\n{video}\n"
            )
            (content / "interviews" / f"bench-talk-{episode:05d}.md").write_text(text)
        else:
            text = (
                f"Title: Screening {n}\nDate: {date}\nSummary: {paragraph(rng, 20)}\nTags: {tags}\n"
                f"Event-Kind: screening\nStart: {date}\nTimezone: Europe/Dublin\nVenue: Hall {n}\n"
                f"Address: {n} Main Street, Galway, Ireland\n\n{body}\n"
            )
            (content / "events" / f"screening-{n:05d}.md").write_text(text)


class YouTubeStandIn(http.server.BaseHTTPRequestHandler):
    """oEmbed answers and thumbnails on 127.0.0.1; counts every request."""

    requests = 0
    thumbnail = b""

    def do_GET(self):  # noqa: N802 (http.server's name)
        type(self).requests += 1
        parts = urlsplit(self.path)
        if parts.path == "/oembed":
            video = parse_qs(parts.query)["url"][0].rsplit("=", 1)[-1]
            host = f"http://127.0.0.1:{self.server.server_port}"
            body = json.dumps(
                {"title": f"Bench video {video}", "thumbnail_url": f"{host}/vi/{video}/hqdefault.jpg"}
            ).encode()
            kind = "application/json"
        else:
            body, kind = self.thumbnail, "image/jpeg"
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


# -- one build, in its own process


def child(spec_file: str) -> None:
    from pelican import Pelican
    from pelican.settings import read_settings

    spec = json.loads(Path(spec_file).read_text())
    settings = read_settings(spec["settings"], override=spec["override"])
    profile = cProfile.Profile() if spec.get("profile") else None
    started = time.perf_counter()
    if profile:
        profile.enable()
    Pelican(settings).run()
    if profile:
        profile.disable()
    seconds = time.perf_counter() - started
    if profile:
        out = io.StringIO()
        stats = pstats.Stats(profile, stream=out)
        stats.sort_stats("cumulative").print_stats("marquee|generators|writers|readers", 30)
        stats.sort_stats("tottime").print_stats(20)
        Path(spec["profile"]).write_text(out.getvalue())
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb}))


def build(work: Path, settings: str | None, override: dict, profile: Path | None = None) -> dict:
    spec = work / "spec.json"
    spec.write_text(
        json.dumps({"settings": settings, "override": override, "profile": str(profile) if profile else None})
    )
    result = subprocess.run([sys.executable, __file__, "--child", str(spec)], capture_output=True, text=True, cwd=ROOT)
    if result.returncode:
        raise SystemExit(f"build failed ({settings or 'vanilla'}):\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def vanilla_settings(content: Path, output: Path) -> dict:
    names = (
        "TIMEZONE",
        "DEFAULT_DATE_FORMAT",
        "ARTICLE_PATHS",
        "PAGE_PATHS",
        "USE_FOLDER_AS_CATEGORY",
        "SLUGIFY_SOURCE",
        "ARTICLE_URL",
        "ARTICLE_SAVE_AS",
        "PAGE_URL",
        "PAGE_SAVE_AS",
        "CATEGORY_URL",
        "CATEGORY_SAVE_AS",
        "TAG_URL",
        "TAG_SAVE_AS",
        "DEFAULT_PAGINATION",
        "PAGINATION_PATTERNS",
        "STATIC_PATHS",
        "EXTRA_PATH_METADATA",
        "WITH_FUTURE_DATES",
        "SITENAME",
    )
    from pelican.settings import get_settings_from_file

    ours = get_settings_from_file(str(ROOT / "pelicanconf.py"))
    return {
        **{name: ours[name] for name in names if name in ours},
        "PATH": str(content),
        "OUTPUT_PATH": str(output),
        "PAGINATION_PATTERNS": [list(p) for p in ours["PAGINATION_PATTERNS"]],
        "CACHE_PATH": str(output) + "-cache",
        "DELETE_OUTPUT_DIRECTORY": True,
    }


def measure(posts: int, profile: bool) -> dict:
    work = Path(tempfile.mkdtemp(prefix=f"marquee-bench-{posts}-"))
    try:
        content = work / "content"
        generate(content, posts)
        YouTubeStandIn.thumbnail = (ROOT / "content" / "images" / "key-art.jpg").read_bytes()
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), YouTubeStandIn)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_port}"
        marquee = {
            "PATH": str(content),
            "OUTPUT_PATH": str(work / "out"),
            "CACHE_PATH": str(work / "cache"),
            "MARQUEE_OFFLINE": False,
            "MARQUEE_WALLS": [],
            "MARQUEE_BUILD_DATE": "2026-11-23",
            "MARQUEE_NET_ALLOW_PRIVATE": True,  # the YouTube stand-in, and the images it names, are on loopback
            "MARQUEE_EMBED_ENDPOINTS": {"youtube_oembed": f"{base}/oembed", "youtube_thumbnails": base},
            "MARQUEE_SYNDICATION": {"ledger": str(work / "ledger.json")},
            "MARQUEE_BACKFEED": {"data": str(work / "backfeed.json")},
            "DELETE_OUTPUT_DIRECTORY": True,
        }
        conf = str(ROOT / "pelicanconf.py")
        results = {"posts": posts}
        results["vanilla"] = build(work, None, vanilla_settings(content, work / "vanilla"))
        results["cold"] = build(work, conf, marquee)
        results["cold_requests"] = YouTubeStandIn.requests
        YouTubeStandIn.requests = 0
        results["warm"] = build(work, conf, marquee)
        results["warm_requests"] = YouTubeStandIn.requests
        if profile:  # a build of its own: profiling slows what it watches
            build(work, conf, marquee, work / "profile.txt")
        cached = {**marquee, "CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "DELETE_OUTPUT_DIRECTORY": False}
        build(work, conf, cached)  # fills Pelican's content cache
        edited = sorted((content / "diary").iterdir())[len(list((content / "diary").iterdir())) // 2]
        edited.write_text(edited.read_text() + "\nOne more line, written after the build.\n")
        results["rebuild"] = build(work, conf, cached)
        edited.write_text(edited.read_text().removesuffix("\nOne more line, written after the build.\n"))
        results |= measure_hugo(content, work)
        diary = sorted((content / "diary").iterdir())[-1]
        results["live"] = save_to_see(content, work, marquee, diary, f"diary/{diary.stem}/")
        results["warm_vs_hugo"] = results["warm"]["seconds"] / results["hugo_pages"]["warm"]["seconds"]
        results["cold_vs_hugo_images"] = results["cold"]["seconds"] / results["hugo_images"]["cold"]["seconds"]
        results["warm_vs_vanilla"] = results["warm"]["seconds"] / results["vanilla"]["seconds"]
        results["cold_vs_vanilla"] = results["cold"]["seconds"] / results["vanilla"]["seconds"]
        results["rebuild_vs_warm"] = results["rebuild"]["seconds"] / results["warm"]["seconds"]
        if profile:
            print((work / "profile.txt").read_text(), file=sys.stderr)
        server.shutdown()
        return results
    finally:
        shutil.rmtree(work, ignore_errors=True)


# -- Hugo on the same posts


HUGO_LAYOUTS = {
    "_default/baseof.html": (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>'
        '<body><main>{{ block "main" . }}{{ end }}</main></body></html>'
    ),
    "_default/single.html": (
        '{{ define "main" }}<article><h1>{{ .Title }}</h1><time>{{ .Date.Format "2 January 2006" }}</time>'
        '{{ partial "photo.html" . }}{{ .Content }}'
        '<ul>{{ range .Params.tags }}<li><a href="{{ "tags/" | relURL }}{{ . | urlize }}/">{{ . }}</a></li>{{ end }}</ul>'
        "</article>{{ end }}"
    ),
    "_default/list.html": (
        '{{ define "main" }}<h1>{{ .Title }}</h1>{{ range .Paginator.Pages }}<article><h2><a href="{{ .RelPermalink }}">'
        "{{ .Title }}</a></h2><p>{{ .Summary }}</p></article>{{ end }}{{ end }}"
    ),
    # pages only: the photo as it is; with images: the same widths Marquee publishes, as WebP and JPEG
    "partials/photo.html": (
        "{{ with .Params.image }}{{ if site.Params.resize }}{{ with resources.Get . }}{{ $img := . }}<picture>"
        "{{ range site.Params.widths }}{{ if le . $img.Width }}"
        '<source type="image/webp" srcset="{{ ($img.Resize (printf "%dx webp q80" (int .))).RelPermalink }} {{ . }}w">'
        "{{ end }}{{ end }}"
        '{{ $jpg := $img.Resize (printf "%dx jpg q80" (int (index site.Params.widths 1))) }}'
        '<img src="{{ $jpg.RelPermalink }}" width="{{ $jpg.Width }}" height="{{ $jpg.Height }}" alt=""></picture>'
        '{{ end }}{{ else }}<img src="{{ . | relURL }}" alt="">{{ end }}{{ end }}'
    ),
}


def hugo_site(content: Path, site: Path, resize: bool) -> None:
    """The generated posts as a Hugo site: the same text and tags, the photo as a front-matter
    field; with `resize`, the photos are Hugo resources resized to Marquee's widths."""
    from marquee.settings.images import ImageSettings

    (site / "content").mkdir(parents=True)
    for path in sorted(p for section in ("diary", "interviews", "events") for p in (content / section).glob("*.md")):
        head, _, body = path.read_text().partition("\n\n")
        meta = dict(line.split(": ", 1) for line in head.splitlines() if ": " in line)
        front = {
            "title": meta["Title"],
            "date": meta["Date"].replace(" ", "T") + ":00",
            "summary": meta.get("Summary", ""),
            "tags": [t.strip() for t in meta.get("Tags", "").split(",") if t.strip()],
        }
        if "Image" in meta:
            front["image"] = meta["Image"]
        target = site / "content" / path.parent.name / path.name
        target.parent.mkdir(exist_ok=True)
        target.write_text(json.dumps(front) + "\n\n" + body.replace("{static}/", "/"))
    photos = "assets" if resize else "static"
    shutil.copytree(content / "images", site / photos / "images")
    for name, text in HUGO_LAYOUTS.items():
        (site / "layouts" / name).parent.mkdir(parents=True, exist_ok=True)
        (site / "layouts" / name).write_text(text)
    widths = list(ImageSettings().widths)
    (site / "hugo.json").write_text(
        json.dumps(
            {
                "baseURL": "http://127.0.0.1/",
                "title": "Bench",
                "paginate": 10,
                "taxonomies": {"tag": "tags"},
                "params": {"resize": resize, "widths": widths},
                "imaging": {"quality": 80},
                "disableKinds": ["RSS"],
            }
        )
    )


def hugo() -> str:
    """Debian's hugo, installed when it is missing (as the Makefile installs Chromium)."""
    if not shutil.which("hugo"):
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        apt = [*sudo, "env", "DEBIAN_FRONTEND=noninteractive", "apt-get"]
        subprocess.run([*apt, "update", "-qq"], check=True)
        subprocess.run([*apt, "install", "-y", "-qq", "hugo"], check=True)
    return shutil.which("hugo")


def hugo_build(site: Path) -> dict:
    """One `hugo` build of `site`, its seconds and peak memory (GNU time's maximum resident set)."""
    started = time.perf_counter()
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%M", hugo(), "--quiet", "-s", str(site), "-d", str(site / "public")],
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    if done.returncode:
        raise SystemExit(f"hugo failed:\n{done.stderr[-3000:]}")
    return {"seconds": seconds, "peak_mb": int(done.stderr.strip().splitlines()[-1]) / 1024}


def measure_hugo(content: Path, work: Path) -> dict:
    """Hugo, pages only (warm: its second build) and with its image processing (cold: resizing
    every photo; warm: from its resources cache)."""
    results = {}
    for resize, name in ((False, "hugo_pages"), (True, "hugo_images")):
        site = work / name
        hugo_site(content, site, resize)
        cold = hugo_build(site)
        results[name] = {"cold": cold, "warm": hugo_build(site)}
    return results


# -- save to see


def save_to_see(content: Path, work: Path, override: dict, entry: Path, url_path: str, saves: int = 3) -> dict:
    """`invoke livereload` on `content`; a phone's Chromium shows `url_path` (the page of `entry`);
    each save of `entry` with a new sentence is timed until the reloaded page shows it."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT / "tests"))
    from helpers import serving

    conf = work / "live-conf.py"
    conf.write_text(
        f"import runpy\nglobals().update({{k: v for k, v in runpy.run_path({str(ROOT / 'pelicanconf.py')!r}).items() "
        f"if k.isupper()}})\n" + "".join(f"{name} = {value!r}\n" for name, value in override.items())
    )
    with serving("livereload", conf, work / "live", seconds=900) as site, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
        page.goto(f"{site}/{url_path}", wait_until="load")
        original, seconds = entry.read_text(), []
        for n in range(saves):
            sentence = f"Saved and seen, take {n} {time.time_ns()}."
            began = time.perf_counter()
            entry.write_text(original + f"\n{sentence}\n")
            page.wait_for_function(
                f"() => document.body && document.body.innerText.includes({sentence!r})", timeout=300_000, polling="raf"
            )
            seconds.append(time.perf_counter() - began)
        entry.write_text(original)
        browser.close()
    return {"save_to_see_s": sorted(seconds)[len(seconds) // 2], "save_to_see_each_s": seconds}


def example_save_to_see() -> dict:
    """Save to see on a copy of the example film (its first diary entry)."""
    work = Path(tempfile.mkdtemp(prefix="marquee-live-"))
    try:
        shutil.copytree(ROOT / "content", work / "content")
        entry = sorted((work / "content" / "diary").glob("*.md"))[0]
        override = {
            "PATH": str(work / "content"),
            "CACHE_PATH": str(work / "cache"),
            "MARQUEE_BUILD_DATE": "2026-11-23",
            "MARQUEE_WALL_DATA": str(ROOT / "data" / "walls"),
        }
        return save_to_see(work / "content", work, override, entry, f"diary/{entry.stem}/")
    finally:
        shutil.rmtree(work, ignore_errors=True)


# -- the image pool


def pool_speedup(count: int = 12) -> dict:
    """Encode `count` 3000x2000 photos with one worker, then with one per core: the ratio."""
    from marquee.media import ImageSettings, Library

    work = Path(tempfile.mkdtemp(prefix="marquee-pool-"))
    try:
        photos = write_images(work / "content" / "images", count, size=(3000, 2000))
        seconds = {}
        for workers in (1, 0):
            library = Library(work / "content", work / f"cache-{workers}", ImageSettings(workers=workers))
            for name in photos:
                library.plan(f"images/{name}")
            started = time.perf_counter()
            library.make()
            seconds[workers] = time.perf_counter() - started
        return {
            "pool_speedup": seconds[1] / seconds[0],
            "pool_one_worker_s": seconds[1],
            "pool_all_cores_s": seconds[0],
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)


# -- pages in a browser


def phone_photo(seed: int) -> bytes:
    """A 4032x3024 photo as a phone saves it (a few MB of detail), held upright by EXIF, with GPS,
    the phone's make and model, and XMP."""
    base = Image.linear_gradient("L").resize((4032, 3024)).convert("RGB")
    noise = Image.effect_noise((4032, 3024), 40 + seed).convert("RGB")
    img = Image.blend(base, noise, 0.35)
    exif = Image.Exif()
    exif[0x0112], exif[0x010F], exif[0x0110] = 6, "Phonemaker", "Pocket 15 Pro"
    exif.get_ifd(0x8825).update({1: "N", 2: (53.0, 58.0, 55.0), 3: "W", 4: (10.0, 6.0, 48.0)})
    buffer = io.BytesIO()
    img.save(buffer, "JPEG", quality=92, exif=exif.tobytes(), xmp=b"<x:xmpmeta>on location</x:xmpmeta>")
    return buffer.getvalue()


def images_with_metadata(root: Path) -> int:
    count = 0
    for path in root.rglob("*"):
        if path.suffix.lower() not in (".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif"):
            continue
        with Image.open(path) as img:
            exif = img.getexif()
            if exif.get_ifd(0x8825) or 0x010F in exif or 0x0110 in exif or img.info.get("xmp"):
                count += 1
    return count


def page_weights() -> dict:
    """The example film plus an entry with three phone photos: its home page and that entry as a
    phone loads them (bytes, requests to other hosts before a click), and metadata left in images."""
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="marquee-pages-"))
    try:
        from pelican import Pelican
        from pelican.settings import read_settings

        content, out = work / "content", work / "out"
        shutil.copytree(ROOT / "content", content)
        for n in range(3):
            (content / "images" / "diary" / f"phone-{n}.jpg").write_bytes(phone_photo(n))
        (content / "diary" / "three-photos.md").write_text(
            "Title: Three photos from the pier\nDate: 2026-11-20 18:00\nPhase: post-production\n"
            "Image: images/diary/phone-0.jpg\nImage-Alt: The crew on the pier at dusk.\n\nA day in photos.\n\n"
            "![The camera on its track](/images/diary/phone-1.jpg)\n\nThe light went at six.\n\n"
            "![The harbour after the rain](/images/diary/phone-2.jpg)\n"
        )
        Pelican(
            read_settings(
                str(ROOT / "pelicanconf.py"),
                override={
                    "PATH": str(content),
                    "OUTPUT_PATH": str(out),
                    "CACHE_PATH": str(work / "cache"),
                    "MARQUEE_BUILD_DATE": "2026-11-23",
                    "MARQUEE_WALL_DATA": str(ROOT / "data" / "walls"),
                },
            )
        ).run()
        handler = lambda *a, **k: _Quiet(*a, directory=str(out), **k)  # noqa: E731
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_port}/"
        results = {}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=["--no-sandbox"])
            for key, path in (("home", ""), ("entry", "diary/three-photos/")):
                page = browser.new_page(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True)
                loaded, elsewhere = [], []
                page.on("requestfinished", lambda r, loaded=loaded: loaded.append(r))
                page.on(
                    "request",
                    lambda r, elsewhere=elsewhere: elsewhere.append(r.url) if not r.url.startswith(base) else None,
                )
                page.goto(base + path, wait_until="networkidle")
                total = sum(r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"] for r in loaded)
                results |= {
                    f"{key}_kb": total / 1024,
                    f"{key}_requests": len(loaded),
                    f"{key}_third_party": len(elsewhere),
                }
                page.close()
            browser.close()
        server.shutdown()
        results["third_party_before_click"] = results["home_third_party"] + results["entry_third_party"]
        results["images_with_metadata"] = images_with_metadata(out)
        return results
    finally:
        shutil.rmtree(work, ignore_errors=True)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--child")
    args = parser.parse_args()
    if args.child:
        return child(args.child)
    from rich.console import Console
    from rich.table import Table

    console = Console(stderr=True, width=150)  # the table is wide; a pipe would fold it to 80
    results = {"sizes": []}
    for size in args.sizes:
        with console.status(f"{size} posts: generating and building five times"):
            results["sizes"].append(measure(size, args.profile))
    with console.status("save to see: the example film under invoke livereload, in Chromium"):
        results["example_live"] = example_save_to_see()
    with console.status("the image pool"):
        results["pool"] = pool_speedup()
    with console.status("home page and an entry with three phone photos, in Chromium"):
        results["home"] = page_weights()
    table = Table(title="Marquee build benchmark (seconds; peak memory in MB)")
    for column in (
        "posts",
        "vanilla",
        "marquee cold",
        "marquee warm",
        "rebuild 1 edit",
        "warm/vanilla",
        "rebuild/warm",
        "cold/vanilla",
        "warm requests",
        "peak MB",
        "hugo pages warm",
        "hugo images cold/warm",
        "warm/hugo",
        "cold/hugo images",
        "save to see",
    ):
        table.add_column(column, justify="right")
    for r in results["sizes"]:
        table.add_row(
            str(r["posts"]),
            f"{r['vanilla']['seconds']:.1f}",
            f"{r['cold']['seconds']:.1f}",
            f"{r['warm']['seconds']:.1f}",
            f"{r['rebuild']['seconds']:.1f}",
            f"{r['warm_vs_vanilla']:.2f} (≤ 1.3)",
            f"{r['rebuild_vs_warm']:.2f} (≤ 0.35)",
            f"{r['cold_vs_vanilla']:.1f}",
            f"{r['warm_requests']} (0)",
            f"{r['warm']['peak_mb']:.0f} / vanilla {r['vanilla']['peak_mb']:.0f} / hugo {r['hugo_pages']['warm']['peak_mb']:.0f}",
            f"{r['hugo_pages']['warm']['seconds']:.2f}",
            f"{r['hugo_images']['cold']['seconds']:.1f} / {r['hugo_images']['warm']['seconds']:.2f}",
            f"{r['warm_vs_hugo']:.1f}",
            f"{r['cold_vs_hugo_images']:.1f}",
            f"{r['live']['save_to_see_s']:.1f}",
        )
    console.print(table)
    home, pool = results["home"], results["pool"]
    console.print(
        f"Save to see, the example film under invoke livereload: {results['example_live']['save_to_see_s']:.2f} s "
        f"(median of {len(results['example_live']['save_to_see_each_s'])}; ≤ 1.5)"
    )
    console.print(
        f"Home page as a phone loads it: {home['home_kb']:.0f} KB in {home['home_requests']} requests (≤ 150 KB); "
        f"the entry with three phone photos: {home['entry_kb']:.0f} KB in {home['entry_requests']} requests (≤ 150 KB); "
        f"requests to other hosts before a click: {home['third_party_before_click']} (0); "
        f"published images with GPS, camera or XMP metadata: {home['images_with_metadata']} (0)"
    )
    console.print(
        f"Image pool: {pool['pool_one_worker_s']:.1f} s with one worker, {pool['pool_all_cores_s']:.1f} s with one per "
        f"core: {pool['pool_speedup']:.2f}x"
    )
    flat = {
        **results,
        **home,
        **pool,
        "example_save_to_see_s": results["example_live"]["save_to_see_s"],
    }  # the earlier keys as they were, and every figure at the top level
    if results["sizes"]:
        first = results["sizes"][0]
        flat |= {
            key: first[key]
            for key in (
                "warm_vs_vanilla",
                "rebuild_vs_warm",
                "cold_vs_vanilla",
                "warm_requests",
                "warm_vs_hugo",
                "cold_vs_hugo_images",
            )
        }
        flat["peak_mb"] = first["warm"]["peak_mb"]
    print(json.dumps(flat))


if __name__ == "__main__":
    main()
