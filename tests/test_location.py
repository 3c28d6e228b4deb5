"""Photos under content/ that say where they were taken: content/ is committed to a public
repository, so `invoke check` names each one and `invoke scrub` removes what it carries (GPS,
camera, XMP, comments) while keeping how it looks and the credit the producer chose."""

from __future__ import annotations

import hashlib
import io
import subprocess

import pytest
from helpers import fixture_settings, write_film
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from marquee.check import check
from marquee.media.location import GPS_IFD, location_in, scrub
from PIL import Image
from tiny_images import phone_photo
from yourfilm import INVOKE, project_copy

ARTIST, COPYRIGHT, MAKE, ORIENTATION = 0x013B, 0x8298, 0x010F, 0x0112
XMP_WITH_GPS = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    b'<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="53,58.926N" '
    b'exif:GPSLongitude="10,6.804W"/></rdf:RDF></x:xmpmeta>'
)


def pixels(data: bytes) -> str:
    with Image.open(io.BytesIO(data)) as img:
        return hashlib.sha256(img.convert("RGB").tobytes()).hexdigest()


def credited_photo() -> bytes:
    """A phone photo whose producer set a credit and copyright, with a colour profile and a second
    picture appended after the image (as phones append depth maps and previews)."""
    with Image.open(io.BytesIO(phone_photo(320, 240))) as img:
        exif = img.getexif()
        exif[ARTIST], exif[COPYRIGHT] = "Ana Ruiz", "(c) Low Season 2028"
        icc = b"\0" * 128  # a profile's bytes, kept as they are
        buffer = io.BytesIO()
        img.save(buffer, "JPEG", exif=exif.tobytes(), icc_profile=icc, xmp=XMP_WITH_GPS, comment=b"hotel room 12")
    return buffer.getvalue() + phone_photo(64, 48)


@pytest.mark.parametrize("kind", ["JPEG", "PNG", "WEBP", "HEIF"])
def test_a_phone_photo_carries_its_location_until_scrubbed(tmp_path, kind):
    path = tmp_path / f"IMG_4022.{kind.lower()}"
    path.write_bytes(phone_photo(400, 300, kind=kind))
    assert location_in(path) == "EXIF GPS"
    before = path.read_bytes()
    scrub(path)
    assert location_in(path) == ""
    with Image.open(path) as img:
        exif = img.getexif()
        assert not exif.get_ifd(GPS_IFD) and MAKE not in exif and "xmp" not in img.info
        assert exif.get(ORIENTATION, 1) == Image.open(io.BytesIO(before)).getexif().get(ORIENTATION, 1)
    if kind in ("JPEG", "PNG"):
        assert pixels(path.read_bytes()) == pixels(before)  # not re-encoded: the same pixels
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # written in place, no temporary left


def test_a_jpeg_keeps_its_pixels_profile_and_credit_and_loses_the_rest(tmp_path):
    path = tmp_path / "credited.jpg"
    path.write_bytes(credited_photo())
    assert location_in(path) == "EXIF GPS and XMP GPS"
    before = path.read_bytes()
    scrub(path)
    after = path.read_bytes()
    with Image.open(path) as img:
        exif = dict(img.getexif())
        assert exif == {ORIENTATION: 6, ARTIST: "Ana Ruiz", COPYRIGHT: "(c) Low Season 2028"}
        assert img.info.get("icc_profile") == b"\0" * 128 and "comment" not in img.info
    scan = before.index(b"\xff\xda")
    assert after[after.index(b"\xff\xda") :] == before[scan : before.index(b"\xff\xd9", scan) + 2]  # byte for byte
    assert b"Phonemaker" not in after and b"hotel room" not in after and b"GPS" not in after


def test_only_xmp_saying_where_is_a_location_too(tmp_path):
    path = tmp_path / "xmp.png"
    Image.new("RGB", (40, 30)).save(path, pnginfo=_xmp_png(XMP_WITH_GPS))
    assert location_in(path) == "XMP GPS"
    scrub(path)
    assert location_in(path) == ""


def _xmp_png(xmp: bytes):
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_itxt("XML:com.adobe.xmp", xmp.decode())
    return info


def test_invoke_check_names_each_photo_that_says_where_it_was_taken(tmp_path):
    content = write_film(
        tmp_path,
        {
            "images/diary/IMG_4022.jpg": phone_photo(400, 300),
            "images/diary/IMG_4023.heic": phone_photo(400, 300, kind="HEIF"),
            "images/diary/clean.jpg": phone_photo(400, 300),
        },
    )
    scrub(content / "images" / "diary" / "clean.jpg")
    found = [p for p in check(fixture_settings_file(tmp_path)) if "where it was taken" in p.message]
    assert [(p.level, p.message.split(":")[0]) for p in found] == [
        ("ERROR", "content/images/diary/IMG_4022.jpg"),
        ("ERROR", "content/images/diary/IMG_4023.heic"),
    ]


def fixture_settings_file(tmp_path):
    conf = tmp_path / "conf.py"
    chosen = fixture_settings(tmp_path)
    keys = ("PATH", "OUTPUT_PATH", "CACHE_PATH", "MARQUEE_BUILD_DATE", "MARQUEE_WALLS", "MARQUEE_FILM")
    conf.write_text(
        "from pathlib import Path\nimport runpy\n"
        f"globals().update({{k: v for k, v in runpy.run_path({str(fixture_settings.__globals__['FILM'] / 'pelicanconf.py')!r}).items() if k.isupper()}})\n"
        + "".join(f"{k} = {chosen[k]!r}\n" for k in keys)
        + f"MARQUEE_SYNDICATION = {{'ledger': {str(tmp_path / 'l.json')!r}}}\nMARQUEE_BACKFEED = {{'data': {str(tmp_path / 'b.json')!r}}}\n"
    )
    return conf


def test_invoke_scrub_cleans_every_located_photo_and_checks_named_files_first(tmp_path):
    project = project_copy(tmp_path)
    photos = project / "content" / "images" / "diary"
    photos.mkdir(parents=True, exist_ok=True)
    (photos / "IMG_4022.jpg").write_bytes(phone_photo(400, 300))
    (photos / "IMG_4023.jpg").write_bytes(phone_photo(400, 300))

    def run(*args):
        return subprocess.run(
            [INVOKE, "scrub", *args], cwd=project, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL
        )

    before = (photos / "IMG_4022.jpg").read_bytes()
    refused = run("--file", str(photos / "IMG_4022.jpg"), "--file", str(tmp_path / "elsewhere.jpg"))
    assert (
        refused.returncode == 1
        and "elsewhere.jpg: not under" in refused.stderr
        and "nothing was changed" in refused.stderr
    )
    assert (photos / "IMG_4022.jpg").read_bytes() == before  # checked every file before changing one
    done = run()
    assert done.returncode == 0, done.stderr
    assert "[1/2] content/images/diary/IMG_4022.jpg: location and camera data removed" in done.stdout
    assert not location_in(photos / "IMG_4022.jpg") and not location_in(photos / "IMG_4023.jpg")
    assert "No image under content/ carries a location." in run().stdout


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    start=st.integers(0, 2000),
    junk=st.binary(min_size=1, max_size=40),
    cut=st.booleans(),
)
def test_a_damaged_photo_is_never_a_traceback_and_is_left_as_it_was(tmp_path, start, junk, cut):
    """Bytes of a phone photo overwritten or cut short: location_in answers, and scrub either
    writes a picture Pillow opens or raises a plain error leaving the file unchanged."""
    data = bytearray(phone_photo(120, 90))
    at = start % len(data)
    data = data[:at] if cut else data[:at] + junk + data[at + len(junk) :]
    path = tmp_path / "damaged.jpg"
    path.write_bytes(bytes(data))
    assert isinstance(location_in(path), str)
    try:
        scrub(path)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        assert path.read_bytes() == bytes(data)
    else:
        assert location_in(path) == ""
    assert [p.name for p in tmp_path.iterdir()] == ["damaged.jpg"]
