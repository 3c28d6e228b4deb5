"""Maps of the shooting locations, drawn at build: raster tiles (OpenStreetMap's by default) fetched
once through the cache, composed into one WebP with numbered pins and the attribution, served from
the site. A visitor's browser never asks a map service for anything.

A map is made only when every tile it needs can be had (from the network or the cache); otherwise
the page keeps its coordinates and links, and the build says why (network trouble never stops it).
"""

from __future__ import annotations

import hashlib
import logging
import math
from dataclasses import dataclass, replace
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from .net import NETWORK
from .net.pixels import opened
from .settings.maps import MapSettings
from .settings.net import NetSettings

log = logging.getLogger(__name__)

TILE = 256
MAX_SHIPPED_TILE_BYTES = 1024 * 1024  # a tile of a few KB; a file far larger is not one
MAX_TILE_PIXELS = 1024 * 1024  # a tile is 256 x 256 (512 at high density): anything far larger is refused
PAD = 60  # pixels kept clear around the pins of a map that fits several places
PIN, PIN_RING, PIN_TEXT = "#b3261e", "#ffffff", "#ffffff"


@dataclass(frozen=True)
class Pin:
    lat: float
    lon: float
    label: str = ""  # drawn in the pin: "1", "2" … on a map of several places


@dataclass(frozen=True)
class MapImage:
    src: str  # under the site root: images/maps/<hash>.webp
    alt: str
    width: int
    height: int
    file: Path  # the composed image, in the cache


def world_pixel(lat: float, lon: float, zoom: int) -> tuple[float, float]:
    """Web Mercator: where a position is on the world's map at `zoom`, in pixels from its top left."""
    lat = max(min(lat, 85.05112878), -85.05112878)
    size = TILE * 2**zoom
    x = (lon + 180) / 360 * size
    sin = math.sin(math.radians(lat))
    y = (0.5 - math.log((1 + sin) / (1 - sin)) / (4 * math.pi)) * size
    return x, y


def fitting_zoom(pins: list[Pin], width: int, height: int, most: int) -> int:
    """The closest zoom (up to `most`) at which every pin is inside the map, clear of its edges."""
    for zoom in range(most, 0, -1):
        xs, ys = zip(*(world_pixel(p.lat, p.lon, zoom) for p in pins), strict=False)
        if max(xs) - min(xs) <= width - 2 * PAD and max(ys) - min(ys) <= height - 2 * PAD:
            return zoom
    return 1


def compose(pins: list[Pin], width: int, height: int, zoom: int, tile, attribution: str) -> Image.Image | None:
    """The map, or None when `tile(z, x, y)` (PNG/JPEG bytes or None) cannot give a tile it needs."""
    points = [world_pixel(p.lat, p.lon, zoom) for p in pins]
    cx = (min(x for x, _ in points) + max(x for x, _ in points)) / 2
    cy = (min(y for _, y in points) + max(y for _, y in points)) / 2
    left, top = round(cx - width / 2), round(cy - height / 2)
    count = 2**zoom
    canvas = Image.new("RGB", (width, height), "#dddddd")
    for ty in range(math.floor(top / TILE), math.floor((top + height - 1) / TILE) + 1):
        if not 0 <= ty < count:
            continue  # above the north or below the south of the world: left grey
        for tx in range(math.floor(left / TILE), math.floor((left + width - 1) / TILE) + 1):
            data = tile(zoom, tx % count, ty)
            if data is None:
                return None
            try:
                with opened(data, MAX_TILE_PIXELS) as image:  # checked before it is decoded
                    canvas.paste(image.convert("RGB").resize((TILE, TILE)), (tx * TILE - left, ty * TILE - top))
            except (OSError, ValueError, Image.DecompressionBombError) as error:
                log.warning("map tile %s/%s/%s is not a usable image (%s); no map", zoom, tx % count, ty, error)
                return None
    draw = ImageDraw.Draw(canvas)
    for pin, (x, y) in zip(pins, points, strict=False):
        _pin(draw, x - left, y - top, pin.label)
    _attribution(draw, canvas.size, attribution)
    return canvas


def _pin(draw: ImageDraw.ImageDraw, x: float, y: float, label: str) -> None:
    radius = 17 if label else 12
    draw.ellipse((x - radius - 3, y - radius - 3, x + radius + 3, y + radius + 3), fill=PIN_RING)
    draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=PIN)
    if label:
        draw.text((x, y + 1), label, fill=PIN_TEXT, font=ImageFont.load_default(size=20), anchor="mm")


def _attribution(draw: ImageDraw.ImageDraw, size: tuple[int, int], text: str) -> None:
    font = ImageFont.load_default(size=12)
    box = draw.textbbox((0, 0), text, font=font)
    w, h = box[2] - box[0] + 10, box[3] - box[1] + 8
    draw.rectangle((size[0] - w, size[1] - h, size[0], size[1]), fill="#ffffffdd")
    draw.text((size[0] - w + 5, size[1] - h + 4 - box[1]), text, fill="#222222", font=font)


class MapMaker:
    """Maps for one build: tiles through a long-lived cache of their own, images cached by what they show."""

    def __init__(self, settings: MapSettings, net: NetSettings, cache: Path):
        self.settings = settings
        self.net = replace(net, cache_dir=net.cache_dir / "tiles", fresh_for=settings.tile_days * 86400)
        self.folder = cache / "maps"
        self._fetcher = None
        self.made: list[MapImage] = []
        self.tiles_asked = 0
        self.not_drawn: list[str] = []  # after one tile could not be had, no more are asked for in this build

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        if self.settings.tiles_dir:  # shipped with the project (the example film's): only these, never fetched
            shipped = Path(self.settings.tiles_dir) / str(z) / str(x) / f"{y}.png"
            if shipped.is_file() and shipped.stat().st_size <= MAX_SHIPPED_TILE_BYTES:
                return shipped.read_bytes()
            log.warning("map tile %s is not among the tiles shipped in %s; no map", shipped, self.settings.tiles_dir)
            return None
        if self._fetcher is None:
            from .net import Fetcher  # the HTTP stack only when a map is drawn

            self._fetcher = Fetcher(self.net)
        self.tiles_asked += 1
        url = self.settings.tiles.replace("{z}", str(z)).replace("{x}", str(x)).replace("{y}", str(y))
        fetched = self._fetcher.get(url, accept=("image/",))
        return fetched.body if fetched else None

    def map(self, pins: list[Pin], alt: str, width: int, height: int, zoom: int | None = None) -> MapImage | None:
        if not (self.settings.enabled and pins):
            return None
        zoom = (
            zoom
            if zoom is not None and len(pins) == 1
            else fitting_zoom(pins, width, height, min(self.settings.zoom + 1, 17))
        )
        key = repr(
            (self.settings.tiles, self.settings.tiles_dir, self.settings.attribution, pins, width, height, zoom)
        ).encode()
        name = hashlib.sha256(key).hexdigest()[:16] + ".webp"
        file = self.folder / name
        if not file.exists():
            image = None if self.not_drawn else compose(pins, width, height, zoom, self.tile, self.settings.attribution)
            if image is None:
                self.not_drawn.append(alt)
                return None
            self.folder.mkdir(parents=True, exist_ok=True)
            image.save(file, "WEBP", quality=80, method=6)
        made = MapImage(f"images/maps/{name}", alt, width, height, file)
        self.made.append(made)
        return made

    def close(self) -> None:
        if self.not_drawn:
            log.warning(
                "maps: %d map(s) not drawn, a tile could not be had (offline, or the tile server failed; "
                "the next build tries again); their pages show coordinates: %s",
                len(self.not_drawn),
                "; ".join(self.not_drawn[:3]),
                extra=NETWORK,
            )
        if self._fetcher is not None:
            self._fetcher.close()
