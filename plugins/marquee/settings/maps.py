"""Location maps' settings (read by marquee.settings from MARQUEE_MAPS)."""

from __future__ import annotations

from dataclasses import dataclass

from ..net.policy import web_url

OSM = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"


@dataclass(frozen=True)
class MapSettings:
    enabled: bool = True
    tiles: str = OSM  # a raster tile server, {z}/{x}/{y}; its tiles are fetched once and cached for tile_days
    attribution: str = "© OpenStreetMap contributors"  # drawn on each map and written under it
    attribution_url: str = "https://www.openstreetmap.org/copyright"
    tile_days: int = 30  # how long a fetched tile is used before it is asked for again
    zoom: int = 14  # a diary entry's map; the locations map fits all places


def read(raw: dict | None) -> MapSettings:
    raw = dict(raw or {})
    known = set(MapSettings.__dataclass_fields__)
    if unknown := sorted(set(raw) - known):
        raise ValueError(f"MARQUEE_MAPS: unknown key(s) {', '.join(unknown)} (known: {', '.join(sorted(known))})")
    tiles = raw.get("tiles", OSM)
    if not (web_url(str(tiles).replace("{", "").replace("}", "")) and all(f"{{{k}}}" in tiles for k in "zxy")):
        raise ValueError(f'MARQUEE_MAPS tiles: "{tiles}" is not a tile address (expected https://…/{{z}}/{{x}}/{{y}}.png)')
    if "zoom" in raw and not (isinstance(raw["zoom"], int) and 1 <= raw["zoom"] <= 18):
        raise ValueError(f'MARQUEE_MAPS zoom: "{raw["zoom"]}" is not a zoom level (expected 1 to 18)')
    if "attribution_url" in raw and not web_url(raw["attribution_url"]):
        raise ValueError(f'MARQUEE_MAPS attribution_url: "{raw["attribution_url"]}" is not a web address')
    return MapSettings(**raw)
