"""Load the gazetteer, roads and actor list shipped in incidents/data/ into the
database. Idempotent: rows are matched on their stable key and updated."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.contrib.gis.geos import GEOSGeometry, LineString, Point
from django.db import transaction

from incidents.models import Actor, ActorAlias, Place, Route

DATA_DIR = Path(__file__).resolve().parent / "data"


@dataclass
class SeedCounts:
    places: int = 0
    routes: int = 0
    actors: int = 0
    aliases: int = 0


def _int_or_none(value: str) -> int | None:
    return int(value) if value not in ("", None) else None


@transaction.atomic
def load_places(path: Path = DATA_DIR / "places.csv") -> int:
    count = 0
    with open(path, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            Place.objects.update_or_create(
                key=row["key"],
                defaults={
                    "name": row["name"],
                    "name_en": row.get("name_en", ""),
                    "name_fr": row.get("name_fr", ""),
                    "alternate_names": [n for n in row["alternate_names"].split("|") if n],
                    "point": Point(float(row["longitude"]), float(row["latitude"]), srid=4326),
                    "country_code": row["country_code"],
                    "country": row["country"],
                    "admin1": row["admin1"],
                    "admin2": row["admin2"],
                    "population": _int_or_none(row["population"]),
                    "kind": row["kind"],
                    "geonameid": _int_or_none(row["geonameid"]),
                    "source": row["source"][:200],
                    "approximate": row["approximate"] == "1",
                },
            )
            count += 1
    return count


def _line(feature: dict[str, Any]) -> LineString:
    line = GEOSGeometry(json.dumps(feature["geometry"]), srid=4326)
    if not isinstance(line, LineString):
        raise ValueError(f"route {feature['properties'].get('slug')!r} is not a LineString")
    return line


@transaction.atomic
def load_routes(path: Path = DATA_DIR / "routes.geojson") -> int:
    collection = json.loads(Path(path).read_text(encoding="utf-8"))
    for feature in collection["features"]:
        props = feature["properties"]
        Route.objects.update_or_create(
            slug=props["slug"],
            defaults={
                "name": props["name"],
                "line": _line(feature),
                "approximate": bool(props.get("approximate", True)),
                "source": props.get("source", "")[:300],
            },
        )
    return len(collection["features"])


@transaction.atomic
def load_actors(path: Path = DATA_DIR / "actors.json") -> tuple[int, int]:
    entries = json.loads(Path(path).read_text(encoding="utf-8"))
    by_key = {}
    for entry in entries:
        actor, _ = Actor.objects.update_or_create(
            key=entry["key"],
            defaults={
                "name": entry["name"],
                "short_name": entry.get("short_name") or "",
                "kind": entry["kind"],
                "country": entry.get("country") or "",
                "inter_code": entry["inter_code"],
            },
        )
        by_key[entry["key"]] = actor
    aliases = 0
    for entry in entries:
        parent = by_key.get(entry.get("parent") or "")
        actor = by_key[entry["key"]]
        if actor.parent_id != (parent.pk if parent else None):
            actor.parent = parent
            actor.save(update_fields=["parent"])
        shown: dict[str, int] = {}  # language -> the alias shown as the name
        for alias in entry.get("aliases", []):
            row, created = ActorAlias.objects.get_or_create(
                text__iexact=alias["text"],
                language=alias["lang"],
                defaults={"actor": actor, "text": alias["text"]},
            )
            if not created and row.actor_id != actor.pk:
                # the reference data moved the alias (a movement got its own entry)
                row.actor = actor
                row.save(update_fields=["actor"])
            aliases += created
            shown.setdefault(alias["lang"], row.pk)
        # The first alias per language is the actor's name in that language.
        for language, pk in shown.items():
            ActorAlias.objects.filter(actor=actor, language=language, shown=True).exclude(
                pk=pk
            ).update(shown=False)
            ActorAlias.objects.filter(pk=pk, shown=False).update(shown=True)
    return len(entries), aliases


def load_reference_data(data_dir: Path = DATA_DIR) -> SeedCounts:
    actors, aliases = load_actors(data_dir / "actors.json")
    return SeedCounts(
        places=load_places(data_dir / "places.csv"),
        routes=load_routes(data_dir / "routes.geojson"),
        actors=actors,
        aliases=aliases,
    )
