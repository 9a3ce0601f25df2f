"""Loaders for the data files in ``incidents/data/`` (plain Python, no Django)."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .types import ActorEntry, GazetteerPlace, RouteLine

if TYPE_CHECKING:
    from .engine import Extractor

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def load_places_csv(path: str | Path) -> list[GazetteerPlace]:
    """Rows: key,name,alternate_names (|-separated),latitude,longitude,country_code,country,
    admin1,admin2,population,kind,geonameid,source,approximate. Rows without coordinates
    are skipped."""
    places: list[GazetteerPlace] = []
    with open(path, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            lat, lon = _float(row.get("latitude")), _float(row.get("longitude"))
            if lat is None or lon is None or not row.get("key"):
                continue
            alternates = tuple(
                a.strip() for a in (row.get("alternate_names") or "").split("|") if a.strip()
            )
            population = row.get("population") or ""
            places.append(
                GazetteerPlace(
                    key=row["key"].strip(),
                    name=row["name"].strip(),
                    alternate_names=alternates,
                    latitude=lat,
                    longitude=lon,
                    country=(row.get("country") or row.get("country_code") or "").strip(),
                    admin1=(row.get("admin1") or "").strip() or None,
                    admin2=(row.get("admin2") or "").strip() or None,
                    population=int(float(population)) if population.strip() else None,
                    kind=(row.get("kind") or "populated_place").strip(),
                    geonameid=int(row["geonameid"])
                    if (row.get("geonameid") or "").strip()
                    else None,
                )
            )
    return places


# GeoNames feature code -> place kind for what is not a plain settlement
# (scripts/build_gazetteer.py keeps dump rows by this table plus settlement codes).
FEATURE_KINDS = {
    "PPLC": "country_capital",
    "PPLA": "admin1_capital",
    "PPLA2": "admin2_capital",
    "CMP": "camp",
    "MILB": "military_site",
    "INSM": "military_site",
    "WLL": "well",
    "WLLQ": "well",
    "WLLS": "well",
    "WTRH": "well",
    "WAD": "wadi",
    "WADS": "wadi",
    "MN": "mine",
    "MNAU": "mine",
    "AIRP": "airfield",
    "AIRF": "airfield",
    "LCTY": "locality",
}
COUNTRY_NAMES = {"ML": "Mali", "BF": "Burkina Faso", "NE": "Niger"}


def load_geonames_tsv(path: str | Path) -> list[GazetteerPlace]:
    """The compact GeoNames gazetteer built by scripts/build_gazetteer.py (tab-separated,
    one header line; columns key, name, alternate_names, latitude, longitude,
    country_code, admin1, admin2, feature, population, common_word, geonameid).
    Plain ``str.split`` rather than the csv module: the file has no quoting, and this
    is the engine's start-up cost."""
    places: list[GazetteerPlace] = []
    intern = sys.intern
    with open(path, encoding="utf-8") as fh:
        next(fh, None)
        for line in fh:
            key, name, alts, lat, lon, cc, admin1, admin2, feature, pop, common, gid = line.rstrip(
                "\n"
            ).split("\t")
            places.append(
                GazetteerPlace(
                    key=key,
                    name=name,
                    alternate_names=tuple(alts.split("|")) if alts else (),
                    latitude=float(lat),
                    longitude=float(lon),
                    country=COUNTRY_NAMES.get(cc, cc),
                    admin1=intern(admin1) if admin1 else None,
                    admin2=intern(admin2) if admin2 else None,
                    population=int(pop) if pop else None,
                    kind=FEATURE_KINDS.get(feature, "populated_place"),
                    geonameid=int(gid),
                    from_dump=True,
                    common_word=common == "1",
                )
            )
    return places


def load_actors_json(path: str | Path) -> list[ActorEntry]:
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    return [
        ActorEntry(
            key=item["key"],
            name=item["name"],
            kind=item.get("kind", "unidentified"),
            aliases=tuple((a["text"], a.get("lang", "")) for a in item.get("aliases", ())),
            country=item.get("country"),
            parent=item.get("parent"),
        )
        for item in data
    ]


def load_routes_geojson(path: str | Path) -> list[RouteLine]:
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    routes: list[RouteLine] = []
    for feature in data.get("features", ()):
        geom = feature.get("geometry") or {}
        props = feature.get("properties") or {}
        if geom.get("type") == "LineString":
            lines = [geom["coordinates"]]
        elif geom.get("type") == "MultiLineString":
            lines = [[pt for part in geom["coordinates"] for pt in part]]
        else:
            continue
        coords = tuple((float(pt[0]), float(pt[1])) for pt in lines[0])
        key = props.get("slug") or props.get("key") or str(feature.get("id", ""))
        routes.append(RouteLine(key=key, name=props.get("name", key), coordinates=coords))
    return routes


def default_extractor(data_dir: str | Path | None = None) -> Extractor:
    """An Extractor built from places.csv (with geonames.tsv beneath it), actors.json
    and routes.geojson (each optional)."""
    from .engine import Extractor
    from .layers import with_dump

    base = Path(data_dir) if data_dir else DATA_DIR
    places = load_places_csv(base / "places.csv") if (base / "places.csv").exists() else []
    if (base / "geonames.tsv").exists():
        places = with_dump(places, load_geonames_tsv(base / "geonames.tsv"))
    actors = load_actors_json(base / "actors.json") if (base / "actors.json").exists() else []
    routes = (
        load_routes_geojson(base / "routes.geojson") if (base / "routes.geojson").exists() else []
    )
    return Extractor(places, actors, routes)
