"""Incident rows as the API shows them, built from ``values()`` (no model
instances, no GEOS).

A page of rows is one query: the page's incidents are picked by id first (an
index can answer the filters and the ordering without reading the table), then
the outer query reads just those rows with their event-type names, place key,
route slug and actors (as JSON text built by PostgreSQL).

The shapes are documented by the serializers in ``serializers.py``; the
schema test and the schemathesis fuzzing check they agree.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import orjson
from django.db import connections, transaction
from django.db.models import BigIntegerField, F, FloatField, Func, TextField
from django.db.models.expressions import RawSQL

from incidents.models import (
    Incident,
    IncidentActor,
    IncidentSource,
    IncidentStatus,
    SubEventType,
    TollRevision,
)
from incidents.selectors import toll_history as read_toll_history


class X(Func):
    function = "ST_X"
    output_field = FloatField()


class Y(Func):
    function = "ST_Y"
    output_field = FloatField()


class EpochMicros(Func):
    """A timestamptz as whole microseconds since 1970-01-01 UTC. Reading a
    bigint is far cheaper than Django's Python timestamptz loader, which
    otherwise costs more than anything else in building a page."""

    template = "(extract(epoch from %(expressions)s) * 1000000)::bigint"
    output_field = BigIntegerField()


UTC_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def from_epoch_micros(value: int) -> datetime:
    return UTC_EPOCH + timedelta(microseconds=value)


def actors_json_sql(*, inter: bool = False) -> str:
    """SQL for each incident's actors as a JSON array, by role then name."""
    extra = ", 'inter', a.inter_code" if inter else ""
    return f"""(SELECT coalesce(json_agg(json_build_object('key', a.key, 'name', a.name,
                                                           'role', ia.role{extra})
                                         ORDER BY ia.role, a.name), '[]')
                FROM incidents_incidentactor ia JOIN incidents_actor a ON a.id = ia.actor_id
                WHERE ia.incident_id = incidents_incident.id)"""  # nosec B608 # constant SQL


def actors_json(*, inter: bool = False) -> RawSQL:
    """Each incident's actors as JSON text, by role then name."""
    # Constant SQL from actors_json_sql, no value from a request.
    return RawSQL(
        f"{actors_json_sql(inter=inter)}::text",
        [],  # nosec B611
        output_field=TextField(),
    )


ROW_FIELDS = (
    "id",
    "status",
    "date",
    "date_precision",
    "geo_precision",
    "location_text",
    "country",
    "admin1",
    "admin2",
    "civilian_targeting",
    "summary",
    "killed",
    "killed_low",
    "killed_high",
    "killed_qualifier",
    "wounded",
    "merged_into_id",
)
ROW_EXPRESSIONS = {
    "lon": X("location"),
    "lat": Y("location"),
    "event_type_slug": F("event_type__slug"),
    "event_type_name": F("event_type__name"),
    "sub_event_type_slug": F("sub_event_type__slug"),
    "sub_event_type_name": F("sub_event_type__name"),
    "place_key": F("place__key"),
    "route_slug": F("route__slug"),
    "created_us": EpochMicros("created_at"),
    "updated_us": EpochMicros("updated_at"),
    "actors_json": actors_json(),
}


def with_row_values(queryset):
    """The queryset as dicts carrying every column a row needs (read them
    with ``read_rows``)."""
    return queryset.values(*ROW_FIELDS, **ROW_EXPRESSIONS)


def read_rows(queryset) -> list[dict]:
    """Evaluate a ``with_row_values`` queryset: timestamps become aware
    datetimes (``created_at``, ``updated_at``), actors become lists."""
    rows = list(queryset)
    for row in rows:
        row["created_at"] = from_epoch_micros(row.pop("created_us"))
        row["updated_at"] = from_epoch_micros(row.pop("updated_us"))
        row["actors"] = orjson.loads(row.pop("actors_json"))
    return rows


@contextmanager
def serial_plan(using: str = "default") -> Iterator[None]:
    """A transaction whose queries are planned without parallel workers.

    A page reads at most page_size + 1 rows, picked through an index. With a
    million incidents the planner may still choose a parallel plan for it (it
    overestimates how many rows the filters leave), and starting the workers
    costs several times the query itself (70 ms against 18 ms at 1M). The
    setting is local to the transaction: exports, the map and the timeline
    keep PostgreSQL's defaults."""
    with transaction.atomic(using=using):
        with connections[using].cursor() as cursor:
            cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
        yield


def read_page(window, ordering, decorate=None) -> list[dict]:
    """The rows of ``page_queryset``, read in a ``serial_plan``."""
    queryset = page_queryset(window, ordering, decorate)
    with serial_plan(queryset.db):
        return read_rows(queryset)


def page_queryset(window, ordering, decorate=None):
    """The rows of ``window`` (an ordered, sliced incident queryset) as one
    query: the window only picks ids, the outer query reads those rows."""
    outer = with_row_values(Incident.objects.filter(pk__in=window.values("pk")))
    if decorate is not None:
        outer = decorate(outer)
    return ordering.apply(outer)


def is_tombstone(row: dict, *, for_partner: bool = False) -> bool:
    """Retracted and merged incidents are tombstones for everyone; for a
    partner, so is anything no longer published (set back to draft)."""
    return (
        row["status"] == IncidentStatus.RETRACTED
        or row["merged_into_id"] is not None
        or (for_partner and row["status"] != IncidentStatus.PUBLISHED)
    )


def tombstone(row: dict, *, outside_filter: bool = False) -> dict:
    """What a partner must delete, and why: ``merged`` (into ``merged_into``),
    ``retracted``, ``unpublished`` (set back to draft) or, in a filtered sync,
    ``outside_filter`` (changed so it no longer matches the sync's filters)."""
    if outside_filter:
        reason = "outside_filter"
    elif row["merged_into_id"] is not None:
        reason = "merged"
    elif row["status"] == IncidentStatus.RETRACTED:
        reason = "retracted"
    else:
        reason = "unpublished"
    return {
        "id": row["id"],
        "status": row["status"],
        "merged_into": row["merged_into_id"],
        "reason": reason,
        "updated_at": row["updated_at"],
    }


def sub_type_names() -> dict[int, tuple[str, str, str, str]]:
    """Sub-event type id -> (slug, name, event type slug, event type name)."""
    return {
        pk: (slug, name, type_slug, type_name)
        for pk, slug, name, type_slug, type_name in SubEventType.objects.values_list(
            "id", "slug", "name", "event_type__slug", "event_type__name"
        )
    }


def incident_row(row: dict, base_url: str) -> dict:
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
        "place": row["place_key"],
        "route": row["route_slug"],
        "country": row["country"],
        "admin1": row["admin1"],
        "admin2": row["admin2"],
        "event_type": row["event_type_slug"],
        "event_type_name": row["event_type_name"],
        "sub_event_type": row["sub_event_type_slug"],
        "sub_event_type_name": row["sub_event_type_name"],
        "civilian_targeting": row["civilian_targeting"],
        "summary": row["summary"],
        "toll": {
            "killed": row["killed"],
            "qualifier": row["killed_qualifier"] or None,
            "low": row["killed_low"],
            "high": row["killed_high"],
            "wounded": row["wounded"],
        },
        "actors": row["actors"],
        "merged_into": row["merged_into_id"],
        "created_at": row["created_at"],
        "updated_at": row["updated_at"],
    }


def build_rows(
    values: list[dict],
    base_url: str = "",
    *,
    split_tombstones: bool,
    for_partner: bool = False,
    matching: set[int] | None = None,
    synced_until=None,
) -> tuple[list[dict], list[dict]]:
    """(incident rows, tombstones) for rows from ``read_rows``.

    In incremental sync, retracted and merged incidents are tombstones (for
    partners to delete). In a filtered sync (``matching`` given: the ids that
    match the filters), a row that does not match is a tombstone if it existed
    at the partner's last sync (``synced_until``), since it may have matched
    then; one created since never reached the partner and is left out.
    Outside sync every row is a full incident row."""
    if not split_tombstones:
        return [incident_row(v, base_url) for v in values], []
    live, dead = [], []
    for value in values:
        if is_tombstone(value, for_partner=for_partner):
            dead.append(tombstone(value))
        elif matching is not None and value["id"] not in matching:
            if synced_until is not None and value["created_at"] <= synced_until:
                dead.append(tombstone(value, outside_filter=True))
        else:
            live.append(incident_row(value, base_url))
    return live, dead


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
        "pending": False,
    }


def toll_history(incident: Incident) -> list[dict]:
    """Every revision, oldest first, from the toll read model
    (selectors.toll_history): ``current`` marks those the toll rule chose,
    ``pending`` the machine figures awaiting an editor's review."""
    history = read_toll_history(incident=incident)
    rows = []
    for revision in history.revisions:
        row = toll_revision(revision)
        row["current"] = history.is_current(revision)
        row["pending"] = history.is_pending(revision)
        rows.append(row)
    return rows


def sources(incident_id: int) -> list[dict]:
    links = (
        IncidentSource.objects.filter(incident_id=incident_id)
        .select_related("article")
        .order_by("created_at", "id")
    )
    return [
        {
            "article": s.article_id,
            "url": s.article.url,
            "outlet": s.article.outlet,
            "title": s.article.title,
            "published_at": s.article.published_at,
            "language": s.article.language,
            "quote": s.quote,
        }
        for s in links
    ]


def detail_actors(incident_id: int) -> list[dict]:
    links = (
        IncidentActor.objects.filter(incident_id=incident_id)
        .select_related("actor")
        .order_by("role", "actor__name")
    )
    return [
        {
            "key": link.actor.key,
            "name": link.actor.name,
            "role": link.role,
            "kind": link.actor.kind,
            "inter_code": link.actor.inter_code,
        }
        for link in links
    ]
