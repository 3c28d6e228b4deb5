"""The image pipeline through real builds: phone photos (EXIF orientation, GPS, camera, XMP),
HEIC, every kind of bad image; published files read back; the cache; the press kit; the page
budget of `invoke check`."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from conftest import FILM
from helpers import build_film, write_film
from marquee.check import check
from marquee.content import ContentError
from PIL import Image
from tiny_images import GPS_IFD, MAKE, MODEL, jpeg, phone_photo

pytestmark = pytest.mark.slow
CAMERA_TAGS = (MAKE, MODEL, GPS_IFD, 0x9003, 0x927C)  # make, model, GPS, date taken, maker note


film = write_film
build = build_film


def entry(image: str = "images/diary/phone.jpg", body: str = "") -> str:
    return (
        f"Title: On location\nDate: 2026-05-01 10:00\nPhase: production\nImage: {image}\n"
        f"Image-Alt: The crew on the pier\n\nWe shot at dawn.\n\n{body}\n"
    )


def metadata_of(path: Path) -> list[str]:
    """What a published image still says about where and with what it was taken."""
    with Image.open(path) as img:
        exif = img.getexif()
        found = [f"EXIF {tag:#x}" for tag in CAMERA_TAGS if tag in exif or (tag == GPS_IFD and exif.get_ifd(GPS_IFD))]
        found += [key for key in ("xmp", "XML:com.adobe.xmp", "comment", "iptc") if img.info.get(key)]
        return found


def published_images(out: Path) -> list[Path]:
    return [
        p for p in out.rglob("*") if p.suffix.lower() in (".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif", ".heic")
    ]


def test_a_phone_photo_is_published_upright_stripped_and_in_every_width(tmp_path):
    film(tmp_path, {"images/diary/phone.jpg": phone_photo(), "diary/x.md": entry()})
    out = build(tmp_path)
    page = (out / "diary" / "x" / "index.html").read_text()
    hero = re.search(r"<picture>.*?</picture>", page, re.S)[0]
    assert (
        '<source type="image/avif" srcset="/images/diary/phone.480.avif 480w, /images/diary/phone.720.avif 720w, '
        '/images/diary/phone.1080.avif 1080w, /images/diary/phone.1600.avif 1600w"' in hero
    )
    assert 'width="1600" height="2133"' in hero and 'fetchpriority="high"' in hero  # portrait, as it was held
    for name in ("phone.jpg", "phone.480.jpg", "phone.720.avif", "phone.1080.jpg", "phone.1600.jpg", "phone.1600.avif"):
        path = out / "images" / "diary" / name
        assert metadata_of(path) == [], name
        with Image.open(path) as img:
            assert img.height > img.width, name  # upright: orientation applied, not just flagged
            assert img.getexif().get(0x0112) in (None, 1)
            assert img.getpixel((img.width - 2, 2))[2] > 120  # the mark (top-left before turning) is top-right
    with Image.open(out / "images" / "diary" / "phone.jpg") as img:
        assert img.size == (1600, 2133)  # no full-size copy outside the press kit
    assert (out / "images" / "diary" / "phone.jpg").stat().st_size < 400_000
    assert [p for p in published_images(out) if metadata_of(p)] == []


def test_heic_from_an_iphone_becomes_jpeg_and_avif(tmp_path):
    film(
        tmp_path,
        {"images/diary/iphone.heic": phone_photo(kind="HEIF"), "diary/x.md": entry("images/diary/iphone.heic")},
    )
    out = build(tmp_path)
    page = (out / "diary" / "x" / "index.html").read_text()
    assert 'src="/images/diary/iphone.jpg"' in page and "iphone.heic" not in page
    assert not (out / "images" / "diary" / "iphone.heic").exists()
    with Image.open(out / "images" / "diary" / "iphone.jpg") as img:
        assert img.format == "JPEG" and img.height > img.width
    assert (out / "images" / "share" / "diary-x.jpg").is_file()


def test_images_in_the_body_become_pictures_with_their_size(tmp_path):
    body = "![The harbour at night]({static}/images/diary/phone.jpg)\n\n![Old style](/images/diary/small.png)\n"
    film(
        tmp_path,
        {
            "images/diary/phone.jpg": phone_photo(),
            "images/diary/small.png": _png(300, 200, alpha=True),
            "diary/x.md": entry(image="images/diary/small.png", body=body),
        },
    )
    out = build(tmp_path)
    prose = (out / "diary" / "x" / "index.html").read_text().split('class="prose e-content"')[1]
    assert '<img alt="The harbour at night" decoding="async" height="2133" loading="lazy"' in prose
    assert (
        'srcset="/images/diary/phone.480.jpg 480w, /images/diary/phone.720.jpg 720w, /images/diary/phone.1080.jpg 1080w, '
        '/images/diary/phone.1600.jpg 1600w"'
    ) in prose
    assert (
        '<source sizes="(min-width: 46rem) 44rem, 100vw" srcset="/images/diary/small.300.avif 300w" type="image/avif">'
        in prose
    )
    with Image.open(out / "images" / "diary" / "small.png") as img:  # transparency kept: PNG, not JPEG
        assert img.mode == "RGBA" and img.size == (300, 200)


def test_the_credit_is_the_only_metadata_written_back(tmp_path):
    film(
        tmp_path,
        {
            "images/stills/pier.jpg": phone_photo(orientation=1),
            "images/key-art.jpg": jpeg(800, 1200),
            "diary/x.md": entry("images/stills/pier.jpg"),
            "pages/press-kit.md": "Title: Press kit\n\nKit.\n",
        },
    )
    out = build(
        tmp_path,
        MARQUEE_IMAGES={"credit": "Photo: Ana Ruiz", "copyright": "© 2026 Tidewater Pictures"},
        MARQUEE_FILM={"title": "Photo Film", "poster": "images/key-art.jpg", "poster_alt": "Key art"},
    )
    with Image.open(out / "images" / "stills" / "pier.1080.jpg") as img:
        exif = img.getexif()
        assert (exif.get(0x013B), exif.get(0x8298)) == (
            "Photo: Ana Ruiz",
            "(C) 2026 Tidewater Pictures",
        )  # EXIF is ASCII
    assert metadata_of(out / "images" / "stills" / "pier.1080.jpg") == []
    with Image.open(out / "images" / "stills" / "pier.jpg") as img:  # a still: full size, to download
        assert img.size == (4032, 3024)
    with zipfile.ZipFile(out / "press" / "press-kit.zip") as kit:
        assert sorted(kit.namelist()) == ["poster.jpg", "stills/pier.jpg", "synopsis.txt"]
        with Image.open(io.BytesIO(kit.read("stills/pier.jpg"))) as img:
            assert img.size == (4032, 3024) and not img.getexif().get_ifd(GPS_IFD) and MAKE not in img.getexif()
            assert img.getexif().get(0x013B) == "Photo: Ana Ruiz"


def _png(width, height, alpha=False, mode=None) -> bytes:
    img = Image.new(mode or ("RGBA" if alpha else "RGB"), (width, height))
    buffer = io.BytesIO()
    img.save(buffer, "PNG")
    return buffer.getvalue()


def _bad_images() -> dict[str, bytes]:
    cmyk, sixteen, gif = io.BytesIO(), io.BytesIO(), io.BytesIO()
    Image.new("CMYK", (600, 400), (0, 50, 100, 0)).save(cmyk, "JPEG")
    Image.new("I;16", (300, 200), 40000).save(sixteen, "PNG")
    frames = [Image.new("RGB", (120, 80), (80 * i, 40, 200 - 60 * i)) for i in range(3)]
    frames[0].save(gif, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0, comment=b"made on set")
    bomb = io.BytesIO()
    Image.new("1", (12000, 9000)).save(bomb, "PNG")  # 108 million pixels, a few KB
    return {
        "cmyk.jpg": cmyk.getvalue(),
        "sixteen.png": sixteen.getvalue(),
        "alpha.png": _png(640, 480, alpha=True),
        "moving.gif": gif.getvalue(),
        "truncated.jpg": phone_photo(800, 600, 1)[:3000],
        "bomb.png": bomb.getvalue(),
        "drawing.svg": b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>',
        "not-an-image.jpg": b"hello",
    }


def test_bad_images_are_warnings_never_crashes(tmp_path, caplog):
    files = {f"images/odd/{name}": data for name, data in _bad_images().items()}
    film(tmp_path, {**files, "diary/x.md": entry("images/odd/cmyk.jpg", "![a](/images/odd/truncated.jpg)")})
    out = build(tmp_path)
    odd = out / "images" / "odd"
    with Image.open(odd / "cmyk.jpg") as img:
        assert img.mode == "RGB" and img.size == (600, 400)
    with Image.open(odd / "sixteen.png") as img:
        assert img.mode in ("RGB", "L") and img.size == (300, 200)
    with Image.open(odd / "alpha.png") as img:
        assert img.mode == "RGBA"
    with Image.open(odd / "moving.gif") as img:
        assert img.n_frames == 3 and not img.info.get("comment")
    for gone in ("truncated.jpg", "bomb.png", "drawing.svg", "not-an-image.jpg"):
        assert not (odd / gone).exists(), gone
    warnings = " ".join(r.getMessage() for r in caplog.records)
    for name in ("truncated.jpg", "bomb.png", "drawing.svg", "not-an-image.jpg", "moving.gif"):
        assert f"content/images/odd/{name}" in warnings, name
    assert "over 80,000,000 pixels" in warnings


@pytest.mark.parametrize("name", ["truncated.jpg", "bomb.png", "not-an-image.jpg", "drawing.svg"])
def test_an_image_field_naming_an_unpublishable_image_is_an_error(tmp_path, caplog, name):
    film(tmp_path, {f"images/odd/{name}": _bad_images()[name], "diary/x.md": entry(f"images/odd/{name}")})
    with pytest.raises(ContentError):
        build(tmp_path)
    assert any(
        f"images/odd/{name}" in r.getMessage() and "Image" in r.getMessage()
        for r in caplog.records
        if r.levelname == "ERROR"
    )


def test_a_warm_build_does_no_image_work(tmp_path, monkeypatch):
    film(tmp_path, {"images/diary/phone.jpg": phone_photo(), "diary/x.md": entry()})
    build(tmp_path)
    first = {p.relative_to(tmp_path / "output"): p.read_bytes() for p in published_images(tmp_path / "output")}
    import marquee.content.share as share
    import marquee.media.library as library

    def no_work(*args, **kwargs):
        raise AssertionError("image work in a warm build")

    monkeypatch.setattr(library, "encode", no_work)
    monkeypatch.setattr(share, "draw", no_work)
    build(tmp_path)
    second = {p.relative_to(tmp_path / "output"): p.read_bytes() for p in published_images(tmp_path / "output")}
    assert first == second


def test_check_warns_when_a_page_is_over_the_phone_budget(tmp_path):
    heavy = "\n\n".join(f"![Photo {n}](/images/diary/p{n}.png)" for n in range(3))
    noise = {f"images/diary/p{n}.png": _noise_png(1600, 1200, n) for n in range(3)}
    film(tmp_path, {**noise, "diary/x.md": entry("images/diary/p0.png", heavy)})
    problems = check(
        str(FILM / "pelicanconf.py"),
        {
            "PATH": str(tmp_path / "content"),
            "CACHE_PATH": str(tmp_path / "cache"),
            "MARQUEE_WALLS": [],
            "MARQUEE_IMAGES": {"page_budget_kb": 60},
            "MARQUEE_BUILD_DATE": "2026-11-23",
            "MARQUEE_FILM": {"title": "F"},
        },
    )
    budget = [p.message for p in problems if "phone" in p.message]
    assert any(
        m.startswith("diary/x/index.html: first load at a phone viewport is")
        and "over the 60 KB budget" in m
        and "images/diary/p0" in m
        for m in budget
    ), budget


def _noise_png(width, height, seed) -> bytes:
    img = Image.effect_noise((width, height), 80 + seed).convert("RGB")
    buffer = io.BytesIO()
    img.save(buffer, "PNG")
    return buffer.getvalue()


def test_fetched_images_are_stored_upright_and_stripped(httpserver, tmp_path):
    """Avatars, wall media and embed posters: the same cleaning as the site's own photos."""
    from marquee.net import Fetcher, NetSettings, localize

    httpserver.expect_request("/photo.jpg").respond_with_data(phone_photo(1200, 900, 6), content_type="image/jpeg")
    fetcher = Fetcher(NetSettings(cache_dir=tmp_path / "cache", allow_private=True))
    stored = localize(fetcher, httpserver.url_for("/photo.jpg"), 800, tmp_path / "media")
    assert (stored.width, stored.height) == (600, 800)
    assert metadata_of(stored.path) == []
