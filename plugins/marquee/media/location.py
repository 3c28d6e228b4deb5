"""Photos under content/ that say where they were taken.

The built site never publishes a photo's metadata (images.encode drops it), but content/ is
committed, and the repository of a GitHub Pages site is public: a phone photo committed as it came
from the camera gives away the shoot's GPS position (and the crew's hotel). `invoke check` and
`invoke publish` refuse such photos, naming each; `invoke scrub` removes the metadata in place.

scrub keeps what changes how the photo looks (orientation, colour profile) and what the producer
chose to say (the EXIF credit and copyright); everything else goes (GPS, camera make and model,
XMP, IPTC, maker notes, comments). A JPEG is rewritten without re-encoding its pixels; other
formats are saved again by Pillow (PNG, GIF and TIFF losslessly).
"""

from __future__ import annotations

import io
import os
import re
import tempfile
import warnings
from pathlib import Path

from PIL import Image

from .images import ARTIST, COPYRIGHT, ORIENTATION, RASTER

GPS_IFD = 0x8825
_XMP_GPS = re.compile(rb"GPS(Latitude|Longitude|Altitude|Position)", re.I)
MAX_BYTES = 200 * 1024 * 1024  # a photo larger than this is not read here (the pipeline names it)


def location_in(path: Path) -> str:
    """What in the image at `path` says where it was taken ("" when nothing does, or when it is
    not an image Pillow reads: the image pipeline names those)."""
    try:
        if path.stat().st_size > MAX_BYTES:
            return ""
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # a damaged EXIF tag: what is left of it is read
            with Image.open(path) as img:  # the header and metadata only: no pixels are decoded
                gps = {tag: value for tag, value in img.getexif().get_ifd(GPS_IFD).items() if tag != 0}
                xmp = img.info.get("xmp") or img.info.get("XML:com.adobe.xmp") or b""
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return ""
    found = ["EXIF GPS"] if gps else []
    if _XMP_GPS.search(xmp.encode("utf-8", "replace") if isinstance(xmp, str) else bytes(xmp)):
        found.append("XMP GPS")
    return " and ".join(found)


def images_under(content: Path) -> list[Path]:
    return sorted(
        p
        for p in content.rglob("*")
        if p.suffix.lower() in RASTER and p.is_file() and not any(part.startswith(".") for part in p.parts)
    )


def located(content: Path) -> list[str]:
    """One message per image under `content` that carries a location, naming the file."""
    messages = []
    for path in images_under(content):
        if what := location_in(path):
            name = path.relative_to(content.parent) if content.parent in path.parents else path
            messages.append(
                f"{name}: carries where it was taken ({what}), and content/ goes into the public repository; "
                f"remove it before committing: invoke scrub {name}"
            )
    return messages


def scrub(path: Path) -> None:
    """Rewrite the image at `path` without location or camera metadata (atomically)."""
    data = path.read_bytes()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # a damaged EXIF tag: it is dropped anyway
        cleaned = _scrub_jpeg(data) if data[:2] == b"\xff\xd8" else _resave(data)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(cleaned)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _kept_exif(exif: Image.Exif) -> bytes:
    """An EXIF block with only the orientation, credit and copyright of `exif` (b"" when none)."""
    kept = Image.Exif()
    for tag in (ORIENTATION, ARTIST, COPYRIGHT):
        if exif.get(tag):
            kept[tag] = exif[tag]
    return kept.tobytes() if len(kept) else b""


def _kept_segment(marker: int, payload: bytes) -> bool:
    """Of the application segments and comments, only JFIF, the ICC colour profile and Adobe's
    colour transform (not APP2's multi-picture data: a second image, with its own EXIF)."""
    if not (0xE0 <= marker <= 0xEF or marker == 0xFE):
        return True  # tables, frame header: the picture itself
    return (
        (marker == 0xE0 and payload.startswith(b"JFIF\0"))
        or (marker == 0xE2 and payload.startswith(b"ICC_PROFILE\0"))
        or (marker == 0xEE and payload.startswith(b"Adobe"))
    )


def _end_of_image(data: bytes, at: int) -> int:
    """Where the JPEG whose first scan starts at `at` ends (after EOI): what a phone appends after
    it (a depth map, a second picture with its metadata) is not kept."""
    while at + 1 < len(data):
        if data[at] != 0xFF:
            at += 1
            continue
        marker = data[at + 1]
        if marker == 0xD9:
            return at + 2
        if marker in (0x00, 0xFF) or 0xD0 <= marker <= 0xD7:  # stuffed byte, fill, restart marker
            at += 1 if marker == 0xFF else 2
            continue
        at += 2 + int.from_bytes(data[at + 2 : at + 4], "big")  # a segment between scans (SOS, DHT ...)
    raise ValueError("the JPEG has no end-of-image marker")


def _scrub_jpeg(data: bytes) -> bytes:
    """The JPEG without its metadata segments, its pixels byte for byte as they were."""
    with Image.open(io.BytesIO(data)) as img:
        exif = _kept_exif(img.getexif())
    out, at = bytearray(b"\xff\xd8"), 2
    if exif:
        out += b"\xff\xe1" + (len(exif) + 2).to_bytes(2, "big") + exif
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            raise ValueError("not a JPEG segment where one was expected")
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker == 0xDA:  # start of scan: the pixels as they are, to the end of the image
            out += data[at : _end_of_image(data, at)]
            return bytes(out)
        length = int.from_bytes(data[at + 2 : at + 4], "big")
        if length < 2 or at + 2 + length > len(data):
            raise ValueError("a JPEG segment runs past the end of the file")
        if _kept_segment(marker, data[at + 4 : at + 2 + length]):
            out += data[at : at + 2 + length]
        at += 2 + length
    raise ValueError("no image data in the JPEG")


def _resave(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as img:
        kind = img.format
        frames = getattr(img, "n_frames", 1)
        extra = {"exif": _kept_exif(img.getexif())} if kind in ("PNG", "WEBP", "TIFF", "HEIF", "AVIF") else {}
        if img.info.get("icc_profile"):
            extra["icc_profile"] = img.info["icc_profile"]
        if kind in ("WEBP", "AVIF", "HEIF"):
            extra["quality"] = 95
        if kind == "GIF" and frames > 1:
            extra.update(save_all=True, loop=img.info.get("loop", 0), duration=img.info.get("duration", 100))
        buffer = io.BytesIO()
        img.save(buffer, kind, **{k: v for k, v in extra.items() if v != b""})
    return buffer.getvalue()
