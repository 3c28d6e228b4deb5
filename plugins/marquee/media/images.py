"""One image: what it is (probe) and what is published of it (encode).

probe() reads the header and test-decodes the file (a JPEG at 1/8 scale, cheaply): the size as
displayed (EXIF orientation applied), alpha, animation, or why it cannot be published. It runs
once per file change (the library's manifest keeps it). encode() does the pixel work in a worker process: orientation
applied, every piece of metadata dropped (EXIF with GPS and camera, XMP, IPTC, maker notes,
comments; the colour profile is kept), resized to each width in the modern format and in JPEG (PNG
when it has transparency), plus a full-size copy where one is meant to be downloaded. The only
metadata written back is the credit and copyright the producer set.
"""

from __future__ import annotations

import os
import unicodedata
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps
from pillow_heif import register_heif_opener

from ..settings.images import ImageSettings

register_heif_opener()  # HEIC/HEIF, the iPhone's default: pillow-heif teaches Pillow to open it

RASTER = {".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif", ".heic", ".heif", ".tif", ".tiff"}
ROTATED = {5, 6, 7, 8}  # EXIF orientations that swap width and height
ARTIST, COPYRIGHT, ORIENTATION = 0x013B, 0x8298, 0x0112
MIME = {"avif": "image/avif", "webp": "image/webp", "jpg": "image/jpeg", "png": "image/png", "gif": "image/gif"}


@dataclass(frozen=True)
class Probe:
    width: int = 0  # as displayed
    height: int = 0
    alpha: bool = False
    animated: bool = False
    problem: str = ""  # why it cannot be published; "" when it can
    lossless: bool = False  # a PNG or a still GIF: drawings and screenshots stay lossless

    @property
    def fallback(self) -> str:
        """The format every browser shows: GIF keeps animation, PNG transparency and lossless
        originals, else JPEG."""
        return "gif" if self.animated else "png" if self.alpha or self.lossless else "jpg"


def probe(path: Path, max_pixels: int) -> Probe:
    Image.MAX_IMAGE_PIXELS = max_pixels  # Pillow's own guard, at our limit
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as img:
                width, height = img.size
                if width * height > max_pixels:
                    return Probe(problem=f"{width}x{height} is over {max_pixels:,} pixels")
                if img.getexif().get(ORIENTATION) in ROTATED:
                    width, height = height, width
                alpha = "A" in img.getbands() or (img.mode == "P" and "transparency" in img.info)
                animated = bool(getattr(img, "is_animated", False))
                if img.format == "JPEG":
                    img.draft("RGB", (max(1, img.width // 8), max(1, img.height // 8)))  # decode at 1/8: fast
                img.load()  # a truncated file fails here, before any page names it
                return Probe(width, height, alpha, animated, lossless=img.format in ("PNG", "GIF"))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return Probe(problem=f"over {max_pixels:,} pixels: too large to decode safely")
    except Exception as error:  # noqa: BLE001 (any decoder's failure: the file is left out, the build goes on)
        return Probe(problem=f"cannot be read as an image ({type(error).__name__}: {error})")


def widths_for(probe: Probe, widths: tuple[int, ...]) -> tuple[int, ...]:
    """The published widths: those narrower than the image, and the image's own width capped at
    the largest (never upscaled)."""
    if probe.animated:
        return (probe.width,)
    largest = min(probe.width, max(widths))
    return tuple(sorted({w for w in widths if w < largest} | {largest}))


def clean_pixels(img: Image.Image, alpha: bool = False) -> Image.Image:
    """8-bit RGB(A) pixels, oriented, with nothing else attached."""
    img = ImageOps.exif_transpose(img)
    if img.mode in ("I;16", "I;16B", "I;16L", "I"):  # 16-bit greyscale: scale down to 8 bits
        img = img.point(lambda value: value / 256).convert("L")
    if img.mode == "CMYK" or img.mode not in ("RGB", "RGBA"):
        img = img.convert("RGBA" if alpha else "RGB")
    clean = img.copy()
    clean.info = {}  # EXIF, XMP, IPTC, comments: none of it travels
    return clean


def ascii_text(text: str) -> str:
    """EXIF text is ASCII: © becomes (C), accents go (Ruíz -> Ruiz)."""
    text = text.replace("©", "(C)").replace("℗", "(P)")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _exif(credit: str, copyright: str) -> bytes:
    exif = Image.Exif()
    if credit:
        exif[ARTIST] = ascii_text(credit)
    if copyright:
        exif[COPYRIGHT] = ascii_text(copyright)
    return exif.tobytes() if credit or copyright else b""


def encode(
    source: str, folder: str, found: Probe, widths: tuple[int, ...], modern: str, full: bool, settings: ImageSettings
) -> dict[str, str]:
    """Write every published file of `source` into `folder` (a cache folder): name -> file name.

    `found` is the source's probe (made once, in the main process). Names: "480.avif", "480.jpg"
    ... and "full.jpg" when `full`. Runs in a worker process."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    Image.MAX_IMAGE_PIXELS = settings.max_pixels
    jpeg_quality, modern_quality = settings.jpeg_quality, settings.modern_quality
    extra = {"exif": exif} if (exif := _exif(settings.credit, settings.copyright)) else {}
    written = {}
    with Image.open(source) as img:
        icc = {"icc_profile": img.info["icc_profile"]} if img.info.get("icc_profile") else {}
        if found.animated:  # frames as they are: re-saved without comments or metadata
            name = f"{found.width}.gif"
            _save_animation(img, out / name)
            return {name: name}
        pixels = clean_pixels(img, found.alpha)
    for width in widths:
        height = max(1, round(pixels.height * width / pixels.width))
        resized = (
            pixels
            if width == pixels.width
            else pixels.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        )
        written |= _save(
            resized, out, str(width), found.fallback, modern, jpeg_quality, modern_quality, {**extra, **icc}
        )
    if full:
        written |= _save(pixels, out, "full", found.fallback, None, jpeg_quality, modern_quality, {**extra, **icc})
    return written


def _save(img, out: Path, stem: str, fallback: str, modern: str | None, jpeg_quality, modern_quality, extra) -> dict:
    written = {}
    for kind in (modern, fallback) if modern else (fallback,):
        name = f"{stem}.{kind}"
        partial = out / f".{name}.{os.getpid()}.tmp"
        if kind == "jpg":
            img.convert("RGB").save(partial, "JPEG", quality=jpeg_quality, optimize=True, progressive=True, **extra)
        elif kind == "png":
            img.save(partial, "PNG", optimize=True, **{k: v for k, v in extra.items() if k == "icc_profile"})
        elif kind == "webp":
            img.save(partial, "WEBP", quality=min(100, modern_quality + 20), method=4, **extra)
        else:
            img.save(partial, "AVIF", quality=modern_quality, **extra)
        os.replace(partial, out / name)
        written[name] = name
    return written


def _save_animation(img: Image.Image, target: Path) -> None:
    partial = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    durations = []
    frames = []
    for index in range(getattr(img, "n_frames", 1)):
        img.seek(index)
        durations.append(img.info.get("duration", 100))
        frame = img.convert("RGBA")
        frame.info = {}
        frames.append(frame)
    frames[0].save(
        partial,
        "GIF",
        save_all=True,
        append_images=frames[1:],
        duration=durations,
        loop=img.info.get("loop", 0),
        disposal=2,
    )
    os.replace(partial, target)
