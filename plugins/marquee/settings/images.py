"""Image settings (read by marquee.settings from MARQUEE_IMAGES)."""

from __future__ import annotations

from dataclasses import dataclass, field

from PIL import features


def _modern_format() -> str:
    return "avif" if features.check("avif") else "webp"


@dataclass(frozen=True)
class ImageSettings:
    widths: tuple[int, ...] = (
        480,
        720,
        1080,
        1600,
    )  # published widths (never wider than the photo); 720 and 1080 fit 360 px phones at 2x and 3x
    modern: str = field(default_factory=_modern_format)  # "avif" when Pillow has it, else "webp"
    jpeg_quality: int = 80
    modern_quality: int = 55  # AVIF's scale (WebP uses it + 20)
    credit: str = ""  # written into every published image as EXIF Artist, when set
    copyright: str = ""  # written as EXIF Copyright, when set
    full_size: tuple[str, ...] = ("images/stills",)  # folders whose images are also published at full size
    page_budget_kb: int = 200  # `invoke check` warns above this first load at a phone viewport
    max_pixels: int = 80_000_000  # larger images are refused (decompression bombs)
    workers: int = 0  # processes for a cold build; 0 = one per core

    @property
    def key(self) -> str:
        """What changes the encoded files: part of every cache key."""
        return (
            f"v1|{self.widths}|{self.modern}|{self.jpeg_quality}|{self.modern_quality}|{self.credit}|{self.copyright}"
        )


def read(raw: dict | None) -> ImageSettings:
    raw = dict(raw or {})
    for name in ("widths", "full_size"):
        if name in raw:
            raw[name] = tuple(raw[name])
    known = set(ImageSettings.__dataclass_fields__)
    if unknown := sorted(set(raw) - known):
        raise ValueError(f"MARQUEE_IMAGES: unknown key(s) {', '.join(unknown)} (known: {', '.join(sorted(known))})")
    return ImageSettings(**raw)
