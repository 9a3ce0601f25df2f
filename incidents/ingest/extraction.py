"""Feed the extraction engine from the database and run it on articles.

The engine is plain Python; here Django hands it the gazetteer, actor aliases
and routes. Building it takes a moment, so each worker process keeps one and
rebuilds it only when the curated data changes (a cheap fingerprint query).

The gazetteer is the database's places (curated, imported, editor-added: a few
hundred rows) over the full GeoNames dump, which is read from the shipped file
``incidents/data/geonames.tsv`` once per process and not loaded into the
database: 49,000 rows would make every reference-data load, fingerprint and
rebuild slow for places that no editor has touched. A dump place is copied
into the database only when an editor approves an incident placed there
(``incidents.services.places``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection

from incidents.extraction import ActorEntry, Extractor, GazetteerPlace, RouteLine
from incidents.extraction.layers import with_dump
from incidents.extraction.proposal import IncidentProposal
from incidents.extraction.resources import DATA_DIR, load_geonames_tsv
from incidents.ingest.screening import screen_proposal
from incidents.models import Actor, Article, Place, Route

_FINGERPRINT_SQL = """
SELECT md5(concat_ws('|',
  (SELECT md5(coalesce(string_agg(concat_ws(',', id, key, name,
          array_to_string(alternate_names, ';'), ST_AsText(point), country, admin1, admin2,
          kind), '/' ORDER BY id), ''))
     FROM incidents_place),
  (SELECT md5(coalesce(string_agg(concat_ws(',', id, key, name, kind, country, parent_id), '/'
          ORDER BY id), '')) FROM incidents_actor),
  (SELECT md5(coalesce(string_agg(concat_ws(',', id, actor_id, text, language), '/'
          ORDER BY id), '')) FROM incidents_actoralias),
  (SELECT md5(coalesce(string_agg(concat_ws(',', id, slug, name, ST_AsText(line)), '/'
          ORDER BY id), '')) FROM incidents_route)))
"""


@dataclass
class _Cache:
    """What one process keeps: the extractor and the reference data it was built from."""

    fingerprint: str | None = None
    extractor: Extractor | None = None
    dump: list[GazetteerPlace] | None = None
    dump_by_key: dict[str, GazetteerPlace] | None = None


_cache = _Cache()
GEONAMES_DUMP = DATA_DIR / "geonames.tsv"


def _fingerprint() -> str:
    with connection.cursor() as cursor:
        cursor.execute(_FINGERPRINT_SQL)
        return cursor.fetchone()[0]


def place_entry(p: Place) -> GazetteerPlace:
    """A database place as the engine's gazetteer holds it (the overlay)."""
    return GazetteerPlace(
        key=p.key,
        name=p.name,
        alternate_names=tuple(p.alternate_names),
        latitude=p.point.y,
        longitude=p.point.x,
        country=p.country,
        admin1=p.admin1 or None,
        admin2=p.admin2 or None,
        population=p.population,
        kind=p.kind,
        geonameid=p.geonameid,
    )


def build_extractor() -> Extractor:
    places = [place_entry(p) for p in Place.objects.all().order_by("id")]
    places = with_dump(places, geonames_dump())
    actors = [
        ActorEntry(
            key=a.key,
            name=a.name,
            kind=a.kind,
            aliases=tuple((alias.text, alias.language) for alias in a.aliases.all()),
            country=a.country or None,
            parent=a.parent.key if a.parent else None,
        )
        for a in Actor.objects.select_related("parent").prefetch_related("aliases").order_by("id")
    ]
    routes = [
        RouteLine(key=r.slug, name=r.name, coordinates=tuple((c[0], c[1]) for c in r.line.coords))
        for r in Route.objects.order_by("id")
    ]
    return Extractor(places, actors, routes)


def geonames_dump() -> list[GazetteerPlace]:
    """The GeoNames dump rows, read once per process (the file ships with the code)."""
    if _cache.dump is None:
        _cache.dump = load_geonames_tsv(GEONAMES_DUMP) if GEONAMES_DUMP.exists() else []
    return _cache.dump


def dump_place(key: str) -> GazetteerPlace | None:
    """The GeoNames dump row with this key (``cc-slug-geonameid``), if any."""
    if _cache.dump_by_key is None:
        _cache.dump_by_key = {row.key: row for row in geonames_dump()}
    return _cache.dump_by_key.get(key)


def get_extractor() -> Extractor:
    fingerprint = _fingerprint()
    if _cache.extractor is None or _cache.fingerprint != fingerprint:
        _cache.extractor = build_extractor()
        _cache.fingerprint = fingerprint
    return _cache.extractor


def extract_article(article: Article) -> list[IncidentProposal]:
    """The engine's incidents for an article, typed for filing, with the background
    mentions (flagged ``background``) that filing queues for review. Each is read once
    from the engine's JSON and passed through the validation gate, typed in and out
    (its ``json`` is what a candidate stores)."""
    result = get_extractor().extract(
        article.text,
        published=article.published_at,
        lang=article.language or None,
        title=article.title or None,
    )
    return [
        screen_proposal(
            IncidentProposal.from_json({**incident, "lang": result.lang}),
            published=article.published_at,
        )
        for incident in result.to_dict()["incidents"]
    ]
