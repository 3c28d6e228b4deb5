"""Location maps' settings (read by marquee.settings from MARQUEE_MAPS)."""

from __future__ import annotations

from dataclasses import dataclass

from ..net.policy import web_url
from . import typed

OSM = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"


@dataclass(frozen=True)
class MapSettings:
    enabled: bool = True
    tiles: str = OSM  # a raster tile server, {z}/{x}/{y}; its tiles are fetched once and cached for tile_days
    attribution: str = "© OpenStreetMap contributors"  # drawn on each map and written under it
    attribution_url: str = "https://www.openstreetmap.org/copyright"
    tile_days: int = 30  # how long a fetched tile is used before it is asked for again
    zoom: int = 14  # a diary entry's map; the locations map fits all places
    tiles_dir: str = ""  # tiles shipped with the project, {z}/{x}/{y}.png under it: only these, never fetched


def read(raw: dict | None) -> MapSettings:
    """The settings, or ValueError naming every bad key at once."""
    values, problems = typed.check(MapSettings, raw, "MARQUEE_MAPS")
    tiles = values.get("tiles", OSM)
    if not (web_url(str(tiles).replace("{", "").replace("}", "")) and all(f"{{{k}}}" in tiles for k in "zxy")):
        problems.append(
            f'MARQUEE_MAPS tiles: "{tiles}" is not a tile address (expected https://…/{{z}}/{{x}}/{{y}}.png)'
        )
    if "zoom" in values and not 1 <= values["zoom"] <= 18:
        problems.append(f'MARQUEE_MAPS zoom: "{values["zoom"]}" is not a zoom level (expected 1 to 18)')
    if "tile_days" in values and not 1 <= values["tile_days"] <= 3650:
        problems.append(f'MARQUEE_MAPS tile_days: "{values["tile_days"]}" is not a number of days (expected 1 to 3650)')
    shipped = str(values.get("tiles_dir", ""))
    if shipped.startswith("/") or ".." in shipped.replace("\\", "/").split("/"):
        problems.append(
            f'MARQUEE_MAPS tiles_dir: "{shipped}" is not a folder of the project (expected e.g. data/tiles)'
        )
    if "attribution_url" in values and not web_url(values["attribution_url"]):
        problems.append(f'MARQUEE_MAPS attribution_url: "{values["attribution_url"]}" is not a web address')
    if problems:
        raise ValueError("; ".join(problems))
    return MapSettings(**values)
