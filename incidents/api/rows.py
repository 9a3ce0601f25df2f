"""Incident rows as the API shows them, built from ``values()`` (no model
instances, no GEOS) so a 100-row page costs two queries and little Python.

The shapes are documented by the serializers in ``serializers.py``; the
schema test and the schemathesis fuzzing check they agree.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import FloatField, Func

from incidents.models import (
    IncidentActor,
    IncidentSource,
    IncidentStatus,
    Place,
    Route,
    SubEventType,
    TollRevision,
)
from incidents.tolls import current_toll


class X(Func):
    function = "ST_X"
    output_field = FloatField()


class Y(Func):
    function = "ST_Y"
    output_field = FloatField()


# Plain columns only: the taxonomy, place keys and route slugs are looked up
# for the page afterwards (tiny tables), which keeps joins out of the filtered
# query and its planning time down.
ROW_FIELDS = (
    "id", "status", "date", "date_precision", "geo_precision", "location_text",
    "country", "admin1", "admin2", "event_type_id", "sub_event_type_id",
    "civilian_targeting", "summary", "killed", "killed_low", "killed_high", "wounded",
    "merged_into_id", "place_id", "route_id", "created_at", "updated_at",
)


def with_row_values(queryset):
    """The queryset as dicts carrying every column a row needs."""
    return queryset.values(*ROW_FIELDS).annotate(lon=X("location"), lat=Y("location"))


def is_tombstone(row: dict, *, for_partner: bool = False) -> bool:
    """Retracted and merged incidents are tombstones for everyone; for a
    partner, so is anything no longer published (set back to draft)."""
    return (row["status"] == IncidentStatus.RETRACTED or row["merged_into_id"] is not None
            or (for_partner and row["status"] != IncidentStatus.PUBLISHED))


def tombstone(row: dict) -> dict:
    return {"id": row["id"], "status": row["status"], "merged_into": row["merged_into_id"],
            "updated_at": row["updated_at"]}


def actors_by_incident(ids) -> dict[int, list[dict]]:
    found = defaultdict(list)
    links = (IncidentActor.objects.filter(incident_id__in=ids)
             .order_by("incident_id", "role", "actor__name")
             .values_list("incident_id", "actor__key", "actor__name", "role"))
    for incident_id, key, name, role in links:
        found[incident_id].append({"key": key, "name": name, "role": role})
    return found


def sub_type_names() -> dict[int, tuple[str, str, str, str]]:
    """Sub-event type id -> (slug, name, event type slug, event type name)."""
    return {
        pk: (slug, name, type_slug, type_name)
        for pk, slug, name, type_slug, type_name in SubEventType.objects.values_list(
            "id", "slug", "name", "event_type__slug", "event_type__name")
    }


class PageLookups:
    """Names for the ids on one page: event types, places, routes."""

    def __init__(self, values: list[dict]):
        self.sub_types = sub_type_names()
        place_ids = {v["place_id"] for v in values} - {None}
        self.places = dict(Place.objects.filter(pk__in=place_ids).values_list("id", "key")) \
            if place_ids else {}
        route_ids = {v["route_id"] for v in values} - {None}
        self.routes = dict(Route.objects.filter(pk__in=route_ids).values_list("id", "slug")) \
            if route_ids else {}


def incident_row(row: dict, actors: list[dict], base_url: str, names: PageLookups) -> dict:
    sub_slug, sub_name, type_slug, type_name = names.sub_types[row["sub_event_type_id"]]
    return {
        "id": row["id"],
        "url": f"{base_url}/api/v1/incidents/{row['id']}/",
        "status": row["status"],
        "date": row["date"],
        "date_precision": row["date_precision"],
        "longitude": round(row["lon"], 6),
        "latitude": round(row["lat"], 6),
        "geo_precision": row["geo_precision"],
        "location_text": row["location_text"],
        "place": names.places.get(row["place_id"]),
        "route": names.routes.get(row["route_id"]),
        "country": row["country"],
        "admin1": row["admin1"],
        "admin2": row["admin2"],
        "event_type": type_slug,
        "event_type_name": type_name,
        "sub_event_type": sub_slug,
        "sub_event_type_name": sub_name,
        "civilian_targeting": row["civilian_targeting"],
        "summary": row["summary"],
        "toll": {"killed": row["killed"], "low": row["killed_low"],
                 "high": row["killed_high"], "wounded": row["wounded"]},
        "actors": actors,
        "merged_into": row["merged_into_id"],
        "created_at": row["created_at"],
        "updated_at": row["updated_at"],
    }


def build_rows(
    values: list[dict], base_url: str = "", *, split_tombstones: bool, for_partner: bool = False
) -> tuple[list[dict], list[dict]]:
    """(incident rows, tombstones) for a page of ``with_row_values`` dicts.

    In incremental sync, retracted and merged incidents are tombstones (for
    partners to delete); otherwise every row is a full incident row."""
    if split_tombstones:
        live = [v for v in values if not is_tombstone(v, for_partner=for_partner)]
        dead = [tombstone(v) for v in values if is_tombstone(v, for_partner=for_partner)]
    else:
        live, dead = values, []
    if not live:
        return [], dead
    actors = actors_by_incident([v["id"] for v in live])
    names = PageLookups(live)
    rows = [incident_row(v, actors.get(v["id"], []), base_url, names) for v in live]
    return rows, dead


def toll_revision(revision: TollRevision) -> dict:
    article = revision.article
    return {
        "id": revision.pk,
        "killed": revision.killed,
        "killed_min": revision.killed_min,
        "killed_max": revision.killed_max,
        "qualifier": revision.qualifier,
        "wounded": revision.wounded,
        "civilians_killed": revision.civilians_killed,
        "soldiers_killed": revision.soldiers_killed,
        "militants_killed": revision.militants_killed,
        "said_by": revision.said_by,
        "article": article.pk if article else None,
        "article_url": article.url if article else None,
        "quote": revision.quote,
        "reported_at": revision.reported_at,
        "entry_kind": revision.entry_kind,
        "reason": revision.reason,
        "status": revision.status,
        "review_note": revision.review_note,
        "current": False,
    }


def toll_history(incident_id: int, pinned_id: int | None) -> list[dict]:
    """Every revision, oldest first; ``current`` marks those the toll rule
    (incidents.tolls) chose for the incident's current toll."""
    revisions = list(TollRevision.objects.filter(incident_id=incident_id)
                     .select_related("article").order_by("reported_at", "id"))
    chosen = set(current_toll(revisions, pinned_id).revision_ids)
    rows = [toll_revision(r) for r in revisions]
    for row in rows:
        row["current"] = row["id"] in chosen
    return rows


def sources(incident_id: int) -> list[dict]:
    links = (IncidentSource.objects.filter(incident_id=incident_id)
             .select_related("article").order_by("created_at", "id"))
    return [{
        "article": s.article_id,
        "url": s.article.url,
        "outlet": s.article.outlet,
        "title": s.article.title,
        "published_at": s.article.published_at,
        "language": s.article.language,
        "quote": s.quote,
    } for s in links]


def detail_actors(incident_id: int) -> list[dict]:
    links = (IncidentActor.objects.filter(incident_id=incident_id)
             .select_related("actor").order_by("role", "actor__name"))
    return [{"key": link.actor.key, "name": link.actor.name, "role": link.role,
             "kind": link.actor.kind, "inter_code": link.actor.inter_code} for link in links]
