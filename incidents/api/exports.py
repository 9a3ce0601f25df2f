"""Streaming exports of incidents: GeoJSON FeatureCollection and CSV with
ACLED's columns.

Rows come from a server-side cursor a chunk at a time, with each incident's
actors (and, for CSV, source outlets) aggregated to JSON text by PostgreSQL in
the same query, and are written out a chunk at a time: memory stays flat
however many incidents are exported.

An export cannot be cut silently. The CSV is plain CSV (a header, then one
row per incident; nothing else, so every CSV reader takes it as it is): a
complete one ends the HTTP response cleanly, an interrupted one aborts it
(the error propagates to the server, which closes the connection without the
chunked encoding's last chunk), so curl, requests, urllib, GDAL and browsers
report a failed download instead of a shorter file. Scripts that want the
check inside the file ask for ``end_marker=true``: the CSV then ends with the
comment line ``# end of export: N incidents`` (or ``# ERROR: export
interrupted after N incidents ...`` before the abort). GeoJSON's
FeatureCollection ends with ``"complete": true`` and ``"count"`` (foreign
members GeoJSON readers ignore), or ``"complete": false`` and ``"error"``.
"""

from __future__ import annotations

import csv
import logging
import uuid
from collections.abc import Iterable, Iterator

import orjson
from django.db import connections, transaction
from django.db.models import F, FloatField, Func, IntegerField, QuerySet, TextField
from django.db.models.expressions import RawSQL
from django.http import StreamingHttpResponse

from incidents.api.rows import X, Y, actors_json, actors_json_sql, sub_type_names
from incidents.interchange import countries
from incidents.interchange.acled_codes import (
    ACLED_COLUMNS,
    CIVILIANS_TARGETED,
    DISORDER_TYPE,
    GEO_PRECISION,
    SIDE_1_ROLES,
    SIDE_2_ROLES,
    TIME_PRECISION,
    interaction,
)
from incidents.models import Place, Route

CHUNK_ROWS = 2000
CSV_END_MARKER = "# end of export"
CSV_ERROR_MARKER = "# ERROR: export interrupted"

logger = logging.getLogger(__name__)


class _Counter:
    """Counts the rows that pass through it."""

    def __init__(self, rows: Iterable):
        self.rows, self.count = rows, 0

    def __iter__(self):
        for row in self.rows:
            self.count += 1
            yield row


class ExportInterrupted(Exception):
    """An export failed after its status line went out. Raised out of the
    response's iterator, so the server aborts the transfer and the client
    sees a failed download, not a complete-looking shorter file."""


def _with_end_marker(
    chunks: Iterator, counter: _Counter, *, done=None, failed=None, abort: bool = False
) -> Iterator:
    """``chunks``, then ``done(count)`` if given; if producing them fails
    half-way, ``failed(count)`` if given, then (with ``abort``) the
    transfer is aborted, so the client can tell (the status line went out
    long ago)."""
    try:
        yield from chunks
    except Exception as exc:
        logger.exception("export interrupted", extra={"rows": counter.count})
        if failed is not None:
            yield failed(counter.count)
        if abort:
            raise ExportInterrupted(f"export interrupted after {counter.count} rows") from exc
        return
    if done is not None:
        yield done(counter.count)


EXPORT_FIELDS = (
    "id",
    "status",
    "date",
    "date_precision",
    "geo_precision",
    "location_text",
    "country",
    "admin1",
    "admin2",
    "event_type_id",
    "sub_event_type_id",
    "civilian_targeting",
    "summary",
    "killed",
    "killed_low",
    "killed_high",
    "killed_qualifier",
    "wounded",
    "place_id",
    "route_id",
)

# JSON built by PostgreSQL and passed through as text: no per-row decoding for GeoJSON.
ACTORS_JSON = actors_json(inter=True)
OUTLETS_JSON = RawSQL(
    """(SELECT coalesce(json_agg(ar.outlet ORDER BY s.created_at, s.id), '[]')::text
        FROM incidents_incidentsource s JOIN incidents_article ar ON ar.id = s.article_id
        WHERE s.incident_id = incidents_incident.id)""",
    [],
    output_field=TextField(),
)


class Round6(Func):
    """Coordinates to 6 decimals (about 10 cm), rounded in SQL."""

    template = "round(%(expressions)s::numeric, 6)::float8"
    output_field = FloatField()


class EpochSeconds(Func):
    template = "floor(extract(epoch from %(expressions)s))::bigint"
    output_field = IntegerField()


class Names:
    """Slugs and names for the ids in exported rows (small tables, read once)."""

    def __init__(self):
        self.sub_types = sub_type_names()
        self.places = {
            pk: (key, name) for pk, key, name in Place.objects.values_list("id", "key", "name")
        }
        self.routes = dict(Route.objects.values_list("id", "slug"))


def export_rows(queryset: QuerySet, *, with_outlets: bool = False) -> Iterator[dict]:
    """Row dicts (EXPORT_FIELDS + lon, lat, updated_epoch, actors_json
    [, outlets_json]) streamed from a server-side cursor, for the CSV."""
    annotations = {
        "lon": Round6(X("location")),
        "lat": Round6(Y("location")),
        "updated_epoch": EpochSeconds(F("updated_at")),
        "actors_json": ACTORS_JSON,
    }
    if with_outlets:
        annotations["outlets_json"] = OUTLETS_JSON
    queryset = queryset.annotate(**annotations).values_list(*EXPORT_FIELDS, *annotations)
    return _stream(queryset)


def _stream(queryset: QuerySet) -> Iterator[dict]:
    """Row dicts of the query, read from a server-side cursor (``_batches``)."""
    sql, params = queryset.query.sql_with_params()
    columns = None
    for batch, description in _described_batches(sql, params, queryset.db):
        if columns is None:
            columns = [c.name for c in description]
        for row in batch:
            yield dict(zip(columns, row, strict=True))


def _batches(sql: str, params, using: str) -> Iterator[list[tuple]]:
    """The query's rows, CHUNK_ROWS at a time (``_described_batches``)."""
    for batch, _description in _described_batches(sql, params, using):
        yield batch


def _described_batches(sql: str, params, using: str) -> Iterator[tuple[list[tuple], list]]:
    """The query's rows from a named (server-side) cursor, CHUNK_ROWS at a time,
    each batch with the cursor's description.

    Inside one read transaction the cursor is not WITH HOLD, so PostgreSQL
    sends rows as it produces them (nothing is materialised first), and the
    export reads one consistent snapshot. For that transaction only it plans
    for reading every row (cursor_tuple_fraction is 0.1 by default, which
    favours fast-start plans) and skips JIT compilation, which costs more than
    it saves here. Values come straight from psycopg, without Django's per-row
    converters.
    """
    connection = connections[using]
    with transaction.atomic(using=using):
        connection.ensure_connection()
        with connection.connection.cursor() as cursor:
            cursor.execute("SET LOCAL cursor_tuple_fraction = 1.0")
            cursor.execute("SET LOCAL jit = off")
        with connection.connection.cursor(name=f"export_{uuid.uuid4().hex}") as cursor:
            cursor.itersize = CHUNK_ROWS
            cursor.execute(sql, params)
            while batch := cursor.fetchmany(CHUNK_ROWS):
                yield batch, cursor.description


def _chunked(pieces: Iterable, joiner, opening, closing) -> Iterator:
    """``opening``, the pieces joined in chunks of CHUNK_ROWS, ``closing``."""
    yield opening
    buffer = []
    first = True
    for piece in pieces:
        buffer.append(piece)
        if len(buffer) >= CHUNK_ROWS:
            yield (joiner[:0] if first else joiner) + joiner.join(buffer)
            first, buffer = False, []
    if buffer:
        yield (joiner[:0] if first else joiner) + joiner.join(buffer)
    yield closing


# --- GeoJSON ---------------------------------------------------------------------

# Each Feature is written by PostgreSQL as JSON text (compact, like PostGIS's own
# ST_AsGeoJSON(record)): the geometry's text from ST_AsGeoJSON and the properties
# from row_to_json, concatenated without re-parsing either. Python only joins the
# texts of each fetched batch with commas (one join per batch, nothing per row).
# Same properties as the JSON rows of the list (tests/api/test_formats.py checks).
FEATURE_PROPERTIES_SQL = f"""(SELECT row_to_json(p) FROM (SELECT
           incidents_incident.id,
           incidents_incident.status,
           incidents_incident.date,
           incidents_incident.date_precision,
           incidents_incident.geo_precision,
           incidents_incident.location_text,
           incidents_incident.country,
           incidents_incident.admin1,
           incidents_incident.admin2,
           incidents_eventtype.slug AS event_type,
           incidents_eventtype.name AS event_type_name,
           incidents_subeventtype.slug AS sub_event_type,
           incidents_subeventtype.name AS sub_event_type_name,
           incidents_incident.civilian_targeting,
           incidents_incident.summary,
           incidents_incident.killed,
           incidents_incident.killed_low,
           incidents_incident.killed_high,
           nullif(incidents_incident.killed_qualifier, '') AS killed_qualifier,
           incidents_incident.wounded,
           incidents_place.key AS place,
           incidents_route.slug AS route,
           incidents_incident.updated_at,
           {actors_json_sql(inter=True)} AS actors) AS p)"""  # nosec B608 # constant SQL
FEATURE_JSON = RawSQL(  # nosec B611 # constant SQL, no value from a request
    f"""'{{"type":"Feature","id":' || incidents_incident.id
        || ',"geometry":' || ST_AsGeoJSON(incidents_incident.location, 6)
        || ',"properties":' || {FEATURE_PROPERTIES_SQL}::text || '}}'""",
    [],
    output_field=TextField(),
)
# The joined tables FEATURE_JSON reads; selecting a column of each makes the
# ORM join them under their table names.
FEATURE_JOINS = ("event_type__slug", "sub_event_type__slug", "place__key", "route__slug")


def geojson_batches(queryset: QuerySet) -> Iterator[list[tuple]]:
    """Batches of 1-tuples (the Feature's JSON text), from a server-side cursor."""
    inner = queryset.annotate(feature=FEATURE_JSON).values_list("feature", *FEATURE_JOINS)
    sql, params = inner.query.sql_with_params()
    # Only the feature leaves the server. The ordered subquery is not flattened
    # (PostgreSQL never pulls up a subquery with ORDER BY) and a plain projection
    # over it keeps its order.
    return _batches(f"SELECT feature FROM ({sql}) AS export", params, inner.db)  # nosec B608


def geojson_chunks(batches: Iterable[list[tuple]]) -> Iterator[bytes]:
    """A FeatureCollection, written a batch of features at a time, ending
    with whether it is complete and how many features it has."""
    counted = _Counter(())  # counts the features of each batch below

    def body() -> Iterator[bytes]:
        yield b'{"type":"FeatureCollection","features":['
        separator = ""
        for batch in batches:
            yield (separator + ",".join([row[0] for row in batch])).encode()
            counted.count += len(batch)
            separator = ","
        yield b"]"

    return _with_end_marker(
        body(),
        counted,
        done=lambda n: b',"complete":true,"count":%d}' % n,
        failed=lambda n: (
            b'],"complete":false,"count":%d,"error":"export interrupted; '
            b'this file is incomplete"}' % n
        ),
    )


# --- ACLED-compatible CSV --------------------------------------------------------------


class _Line:
    """A file-like object that hands back what csv.writer writes to it."""

    def write(self, value: str) -> str:
        return value


def _sides(actors: list[dict]):
    one = [a for role in SIDE_1_ROLES for a in actors if a["role"] == role]
    two = [a for role in SIDE_2_ROLES for a in actors if a["role"] == role]
    return one, two


def acled_record(row: dict, names: Names) -> list:
    """One incident as ACLED's columns; blank where we have nothing to say."""
    _sub_slug, sub_name, type_slug, type_name = names.sub_types[row["sub_event_type_id"]]
    place = names.places.get(row["place_id"])
    info = countries.by_name(row["country"])
    one, two = _sides(orjson.loads(row["actors_json"]))
    inter1 = one[0]["inter"] if one else ""
    inter2 = two[0]["inter"] if two else ""
    day = row["date"]
    outlets = orjson.loads(row.get("outlets_json") or "[]")
    values = {
        "event_id_cnty": f"{info.alpha3 if info else 'XXX'}CW{row['id']}",
        "event_date": day.isoformat(),
        "year": day.year,
        "time_precision": TIME_PRECISION.get(row["date_precision"], ""),
        "disorder_type": DISORDER_TYPE.get(type_slug, ""),
        "event_type": type_name,
        "sub_event_type": sub_name,
        "actor1": one[0]["name"] if one else "",
        "assoc_actor_1": "; ".join(a["name"] for a in one[1:]),
        "inter1": inter1,
        "actor2": two[0]["name"] if two else "",
        "assoc_actor_2": "; ".join(a["name"] for a in two[1:]),
        "inter2": inter2,
        "interaction": interaction(inter1, inter2),
        "civilian_targeting": CIVILIANS_TARGETED if row["civilian_targeting"] else "",
        "iso": info.numeric if info else "",
        "region": info.region if info else "",
        "country": row["country"],
        "admin1": row["admin1"],
        "admin2": row["admin2"],
        "admin3": "",
        "location": place[1] if place else row["location_text"],
        "latitude": f"{row['lat']:.4f}",
        "longitude": f"{row['lon']:.4f}",
        "geo_precision": GEO_PRECISION.get(row["geo_precision"], ""),
        "source": "; ".join(dict.fromkeys(o for o in outlets if o)),
        "source_scale": "",
        "notes": row["summary"],
        "fatalities": "" if row["killed"] is None else row["killed"],
        "tags": "",
        "timestamp": row["updated_epoch"],
    }
    ours = {
        "fatalities_qualifier": row["killed_qualifier"],
        "fatalities_low": _blank_if_none(row["killed_low"]),
        "fatalities_high": _blank_if_none(row["killed_high"]),
        "wounded": _blank_if_none(row["wounded"]),
    }
    return [
        spreadsheet_safe(values[name]) if name in FREE_TEXT_COLUMNS else values[name]
        for name in ACLED_COLUMNS
    ] + [ours[name] for name in OUR_COLUMNS]


# Our own columns, after ACLED's (which stay exactly as ACLED has them, so
# tools reading ACLED files by position or name keep working). ``fatalities``
# is the best figure; "at_least" 32 is not 32.
OUR_COLUMNS = ["fatalities_qualifier", "fatalities_low", "fatalities_high", "wounded"]
CSV_COLUMNS = [*ACLED_COLUMNS, *OUR_COLUMNS]


def _blank_if_none(value):
    return "" if value is None else value


# Columns whose text comes from articles, editors or imports.
FREE_TEXT_COLUMNS = {
    "actor1",
    "assoc_actor_1",
    "actor2",
    "assoc_actor_2",
    "country",
    "admin1",
    "admin2",
    "location",
    "source",
    "notes",
}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    """Text a spreadsheet would run as a formula gets a leading apostrophe
    (the import strips it again), so an export cannot carry an injection."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def csv_chunks(rows: Iterable[dict], *, end_marker: bool = False) -> Iterator[str]:
    """The CSV: header and rows; an interruption aborts the transfer. With
    ``end_marker``, a last comment line says the file is complete (or, before
    the abort, that it is not)."""
    writer = csv.writer(_Line())
    names = Names()
    counted = _Counter(rows)
    lines = (writer.writerow(acled_record(row, names)) for row in counted)
    body = _chunked(lines, "", writer.writerow(CSV_COLUMNS), "")
    if not end_marker:
        return _with_end_marker(body, counted, abort=True)
    return _with_end_marker(
        body,
        counted,
        done=lambda n: f"{CSV_END_MARKER}: {n} incidents\r\n",
        failed=lambda n: f"{CSV_ERROR_MARKER} after {n} incidents; this file is incomplete\r\n",
        abort=True,
    )


# --- Responses ----------------------------------------------------------------------


def geojson_response(queryset: QuerySet, filename: str = "incidents.geojson"):
    response = StreamingHttpResponse(
        geojson_chunks(geojson_batches(queryset)), content_type="application/geo+json"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(queryset: QuerySet, filename: str = "incidents.csv", *, end_marker: bool = False):
    response = StreamingHttpResponse(
        csv_chunks(export_rows(queryset, with_outlets=True), end_marker=end_marker),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
