"""Reads: which incidents a user may see, linear referencing along routes,
timeline aggregates. Views, the API and tasks share these."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypedDict

from django.contrib.auth.models import AnonymousUser, User
from django.contrib.gis.db.models import LineStringField
from django.contrib.gis.db.models.functions import Distance
from django.contrib.gis.geos import GEOSGeometry, Point
from django.contrib.gis.measure import D
from django.db import connection
from django.db.models import (
    Count,
    DateField,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Coalesce
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_filters import FilterSet

from incidents.display.sources import said_by_phrase
from incidents.models import (
    Actor,
    Incident,
    IncidentCell,
    IncidentDay,
    IncidentStatus,
    Place,
    PlaceKind,
    Route,
    TollRevision,
    TollStatus,
)
from incidents.models.mapcells import CELL_LEVELS, MONTH_LEVELS, cell_degrees
from incidents.tolls import current_toll, pending_figures, reviewed_only


def point_between_on_route(*, route: Route, a: Point, b: Point) -> Point:
    """The point on ``route`` halfway (by distance along it) between the
    projections of ``a`` and ``b`` onto it."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT ST_AsEWKT(ST_LineInterpolatePoint(
                line, (ST_LineLocatePoint(line, %s) + ST_LineLocatePoint(line, %s)) / 2.0))
            FROM incidents_route WHERE id = %s
            """,
            [a.ewkt, b.ewkt, route.pk],
        )
        point = GEOSGeometry(cursor.fetchone()[0])
    if not isinstance(point, Point):  # ST_LineInterpolatePoint returns a point
        raise TypeError(f"expected a point on route {route.pk}, got {point.geom_type}")
    return point


def km_along_route(*, route: Route, point: Point) -> float:
    """Distance in km from the route's start to the point's projection on it."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT ST_Length(ST_LineSubstring(line, 0, ST_LineLocatePoint(line, %s))::geography)
                   / 1000.0
            FROM incidents_route WHERE id = %s
            """,
            [point.ewkt, route.pk],
        )
        return float(cursor.fetchone()[0])


# Incidents that are gone for everyone: retracted, or merged into another
# (the survivor carries their sources, actors and figures).
WITHDRAWN = Q(status=IncidentStatus.RETRACTED) | Q(merged_into__isnull=False)


def visible_incidents(user: User | AnonymousUser | None = None) -> QuerySet[Incident]:
    """The one visibility rule: incidents a user or partner may see.

    Merged and retracted incidents are gone for everyone — the dashboard's
    map, list and timeline, the road view, the incident page, the API, the
    exports and every count. Editors (and superusers) also see drafts;
    everyone else only published incidents. Partners' incremental sync
    learns of withdrawn ones through ``withdrawn_from_partners``."""
    queryset = Incident.objects.exclude(WITHDRAWN)
    if sees_drafts(user):
        return queryset
    return queryset.filter(status=IncidentStatus.PUBLISHED)


def sees_drafts(user: User | AnonymousUser | None) -> bool:
    """Part of the visibility rule: editors (and superusers) see drafts."""
    return bool(
        user is not None and user.is_authenticated and user.has_perm("incidents.change_incident")
    )


def withdrawn_from_partners() -> Q:
    """What partners must delete: retracted or merged incidents, and drafts
    that were published before (their history says so)."""
    once_published = Incident.history.filter(status=IncidentStatus.PUBLISHED).values("id")
    return WITHDRAWN | Q(status=IncidentStatus.DRAFT, pk__in=once_published)


def toll_revisions_of(incident_id: int) -> QuerySet[TollRevision]:
    """The revisions that make an incident's toll: its own and those of the
    duplicates merged into it (revisions are append-only, so a merge links
    them rather than moving them).

    The incidents are picked first (the id, or merged into it: two index
    lookups), then their revisions by the revisions' incident index. An OR
    across the join to the incidents could use neither index and read every
    revision (0.4 s at 100,000 incidents, growing with the table)."""
    incidents = Incident.objects.filter(Q(pk=incident_id) | Q(merged_into_id=incident_id))
    return TollRevision.objects.filter(incident_id__in=incidents.values("pk"))


@dataclass(frozen=True)
class TollHistory:
    """An incident's toll as every page, chart and endpoint shows it: the
    revisions in the order they were said (with their articles, quotes and
    review), which of them make the current toll, and the pending figures
    (incidents.tolls, step 7)."""

    revisions: list[TollRevision]
    current_ids: frozenset[int]
    pending: list[TollRevision]

    def is_current(self, revision: TollRevision) -> bool:
        return revision.pk in self.current_ids

    def is_pending(self, revision: TollRevision) -> bool:
        return any(r.pk == revision.pk for r in self.pending)

    def counted(self) -> list[TollRevision]:
        """The figures a step chart draws: said, not rejected, not pending."""
        pending = {r.pk for r in self.pending}
        return [
            r
            for r in self.revisions
            if r.status != TollStatus.REJECTED and r.pk not in pending and r.killed is not None
        ]


def toll_history(*, incident: Incident) -> TollHistory:
    """The one toll read model (two queries: the revisions and their
    articles/editors are one join)."""
    revisions = list(
        toll_revisions_of(incident.pk)
        .select_related("article", "entered_by", "reviewed_by")
        .order_by("reported_at", "id")
    )
    return _history(incident, revisions)


def toll_histories(incidents: Iterable[Incident]) -> dict[int, TollHistory]:
    """``toll_history`` of several incidents in one query, by incident id."""
    by_id = {incident.pk: incident for incident in incidents}
    grouped: dict[int, list[TollRevision]] = {pk: [] for pk in by_id}
    revisions = (
        TollRevision.objects.filter(
            Q(incident_id__in=list(by_id)) | Q(incident__merged_into_id__in=list(by_id))
        )
        .annotate(merged_into_id=F("incident__merged_into_id"))
        .select_related("article", "entered_by", "reviewed_by")
        .order_by("reported_at", "id")
    )
    for revision in revisions:
        for owner in {revision.incident_id, revision.merged_into_id} & grouped.keys():
            grouped[owner].append(revision)
    return {pk: _history(by_id[pk], grouped[pk]) for pk in by_id}


def _history(incident: Incident, revisions: list[TollRevision]) -> TollHistory:
    rule = reviewed_only(incident.status)
    current = current_toll(revisions, incident.pinned_revision_id, reviewed_only=rule)
    return TollHistory(
        revisions=revisions,
        current_ids=frozenset(current.revision_ids),
        pending=pending_figures(revisions, current, reviewed_only=rule),
    )


def pending_words(revision: TollRevision) -> str:
    """How a pending figure is shown: "41 reported by a local official on
    9 February 2025, awaiting review"."""
    figure = revision.killed if revision.killed is not None else "?"
    day = date_format(revision.reported_at, "DATE_FORMAT")
    if revision.said_by:
        return _("%(figure)s reported by %(who)s on %(day)s, awaiting review") % {
            "figure": figure,
            "who": said_by_phrase(revision.said_by),
            "day": day,
        }
    return _("%(figure)s reported on %(day)s, awaiting review") % {"figure": figure, "day": day}


def figures_awaiting_review(*, limit: int = 50) -> list[tuple[Incident, TollRevision]]:
    """Pending figures (incidents.tolls, step 7) across the incidents that are
    not drafts and not withdrawn, oldest incident first, for the review queue
    — a survivor's include those of the duplicates merged into it. Two
    queries, however many incidents."""
    unreviewed = TollRevision.objects.filter(status=TollStatus.REPORTED).filter(
        Q(incident_id=OuterRef("pk")) | Q(incident__merged_into_id=OuterRef("pk"))
    )
    incidents = list(
        Incident.objects.exclude(WITHDRAWN)
        .exclude(status=IncidentStatus.DRAFT)
        .filter(Exists(unreviewed))
        .order_by("pk")[:limit]
    )
    histories = toll_histories(incidents)
    return [
        (incident, revision)
        for incident in incidents
        for revision in histories[incident.pk].pending
    ]


def actor_ids_with_descendants(actors: Iterable[Actor | int | str]) -> set[int]:
    """The actors' ids and those of every actor below them in the hierarchy
    (Russian forces → Wagner Group, Africa Corps), in one query."""
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in Actor.objects.values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    found: set[int] = set()
    todo = [a.pk if isinstance(a, Actor) else int(a) for a in actors]
    while todo:
        pk = todo.pop()
        if pk not in found:
            found.add(pk)
            todo.extend(children.get(pk, ()))
    return found


def with_route_km(queryset: QuerySet[Incident], *, route: Route) -> QuerySet[Incident]:
    """Annotate ``route_km``: km from the route's start to the incident's
    projection on it (linear referencing in PostGIS). The fraction along the
    line is taken in degrees and scaled by the spheroidal length, which is
    within a few hundred metres of ``km_along_route`` on Sahel roads and lets
    one query annotate thousands of rows."""
    return queryset.annotate(route_km=route_km_expression(route))


def route_km_expression(
    route: Route, length_km: float | None = None
) -> ExpressionWrapper[CombinedExpression]:
    """The ``route_km`` of ``with_route_km``, to annotate several querysets
    (the route's length is measured once, or given when already known)."""
    # ST_LineLocatePoint(line, point) gives the fraction of the line's length.
    fraction = Func(
        Value(route.line.ewkt, output_field=LineStringField(srid=4326)),
        F("location"),
        function="ST_LineLocatePoint",
        output_field=FloatField(),
    )
    if length_km is None:
        length_km = route_length_km(route=route)
    return ExpressionWrapper(fraction * Value(length_km), output_field=FloatField())


def route_length_km(*, route: Route) -> float:
    """Length of the route over the spheroid, in km."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT ST_Length(%s::geography) / 1000.0", [route.line.ewkt])
        return float(cursor.fetchone()[0])


BUCKETS = ("day", "week", "month")


class BucketStart(Func):
    """The first day of a date's day, week (Monday) or month, as a date.

    Truncated as a plain timestamp and read back as a date: PostgreSQL's
    ``date_trunc`` on a date would go through timestamptz (the session's time
    zone), and Django would parse each bucket as an aware datetime and convert
    it back to a date in Python, which cost more than the query itself for a
    few hundred buckets."""

    output_field = DateField()

    def __init__(self, field: str, bucket: str):
        if bucket not in BUCKETS:
            raise ValueError(f"bucket must be one of {BUCKETS}")
        # A constant from BUCKETS, not a value from the request.
        self.template = f"date_trunc('{bucket}', %(expressions)s::timestamp)::date"
        super().__init__(F(field))


class TimelineBucket(TypedDict):
    start: date
    incidents: int
    killed: int


def timeline(queryset: QuerySet[Incident], *, bucket: str) -> list[TimelineBucket]:
    """Incidents and deaths per bucket (day, week or month), oldest first.

    Returns ``[{"start": date, "incidents": int, "killed": int}, ...]``; the
    sum is of each incident's current best toll (unknown counts as 0)."""
    if bucket not in BUCKETS:
        raise ValueError(f"bucket must be one of {BUCKETS}")
    rows = (
        queryset.order_by()
        .annotate(start=BucketStart("date", bucket))
        .values("start")
        .annotate(incidents=Count("id"), killed=Coalesce(Sum("killed"), 0))
        .order_by("start")
    )
    return [
        TimelineBucket(start=row["start"], incidents=row["incidents"], killed=row["killed"])
        for row in rows
    ]


# Filters the per-day counts can answer: the counts are kept per day and status.
DAY_COUNT_FILTERS = frozenset({"date_from", "date_to", "status"})


def active_filters(filterset: FilterSet) -> set[str]:
    """The names of a validated FilterSet's filters that were given a value."""
    data = filterset.form.cleaned_data
    return {name for name, value in data.items() if value not in (None, "", [], ())}


def counted_statuses(user: User | AnonymousUser | None, status: str | None) -> list[str]:
    """The statuses of the incidents ``user`` may see, narrowed to ``status``
    when given: the visibility rule as the maintained counts (per day, per
    map cell, which never hold withdrawn incidents) apply it."""
    statuses: list[str] = [IncidentStatus.PUBLISHED]
    if sees_drafts(user):
        statuses.append(IncidentStatus.DRAFT)
    return [s for s in statuses if s == status] if status else statuses


def incident_timeline(
    *, user: User | AnonymousUser | None, filterset: FilterSet, bucket: str
) -> list[TimelineBucket]:
    """The timeline for a validated IncidentFilterSet over ``visible_incidents(user)``.

    Without filters, or with dates (and status) only, it is summed from the
    per-day counts (``IncidentDay``, kept exact by the database on every
    write): a few thousand rows, however many incidents. Any other filter
    needs the incidents themselves (``timeline``). Both give the same buckets."""
    data = filterset.form.cleaned_data
    if not active_filters(filterset) <= DAY_COUNT_FILTERS:
        return timeline(filterset.qs, bucket=bucket)
    if bucket not in BUCKETS:
        raise ValueError(f"bucket must be one of {BUCKETS}")
    days = IncidentDay.objects.filter(status__in=counted_statuses(user, data.get("status")))
    if data.get("date_from"):
        days = days.filter(day__gte=data["date_from"])
    if data.get("date_to"):
        days = days.filter(day__lte=data["date_to"])
    rows = (
        days.annotate(start=BucketStart("day", bucket))
        .values("start")
        .annotate(n=Sum("incidents"), dead=Sum("killed"))
        .filter(n__gt=0)
        .order_by("start")
    )
    return [
        TimelineBucket(start=row["start"], incidents=row["n"], killed=row["dead"]) for row in rows
    ]


@dataclass(frozen=True)
class MapCell:
    """Incidents of one grid cell of the map: how many, their deaths (unknown
    counts as 0), their centroid and extent, how many of each event type
    (in ``type_ids`` order) and, for a cell of one incident, that incident."""

    count: int
    killed: int
    lon: float
    lat: float
    west: float
    east: float
    south: float
    north: float
    type_counts: list[int]
    only_id: int
    only_day: date | None  # None only when the cell holds several
    only_killed: int | None
    only_type_id: int | None


def map_cells(
    queryset: QuerySet[Incident], *, cell_degrees: float, type_ids: list[int]
) -> list[MapCell]:
    """``queryset`` (already the visible incidents under the dashboard's
    filters) grouped by a grid of ``cell_degrees`` squares anchored at 0°, 0°,
    in one aggregate pass in PostgreSQL. The grid is fixed, not moved with the
    view, so a cell has the same counts whatever part of it is on screen.

    Only columns of ``incident_status_date_idx`` are read (id, date, location,
    killed, event type), so the pass can be an index-only scan."""
    if cell_degrees <= 0 or not type_ids:
        raise ValueError("cell_degrees must be positive and type_ids not empty")
    rows = (
        queryset.order_by()
        .annotate(
            x=Func("location", function="ST_X", output_field=FloatField()),
            y=Func("location", function="ST_Y", output_field=FloatField()),
        )
        .values_list("id", "date", "x", "y", "killed", "event_type_id")
    )
    sql, params = rows.query.sql_with_params()
    by_type = ", ".join("count(*) FILTER (WHERE c5 = %s)" for _ in type_ids)
    # The SELECT list is built from constants; the filtered query is Django's
    # compiled SQL with its values as parameters, never inlined.
    wrapped = (
        "SELECT count(*), coalesce(sum(c4), 0), avg(c2), avg(c3), "  # nosec B608
        "min(c2), max(c2), min(c3), max(c3), "
        f"min(c0), min(c1), min(c4), min(c5), ARRAY[{by_type}] "
        # OFFSET 0 keeps the subquery apart, so ST_X and ST_Y run once a row
        # and the planner hashes the groups instead of sorting every row.
        f"FROM ({sql} OFFSET 0) AS rows (c0, c1, c2, c3, c4, c5) "
        "GROUP BY floor(c2 / %s), floor(c3 / %s)"
    )
    with connection.cursor() as cursor:
        cursor.execute(wrapped, [*type_ids, *params, cell_degrees, cell_degrees])
        return [
            MapCell(
                count=count,
                killed=killed,
                lon=lon,
                lat=lat,
                west=west,
                east=east,
                south=south,
                north=north,
                only_id=only_id,
                only_day=only_day,
                only_killed=only_killed,
                only_type_id=only_type_id,
                type_counts=list(type_counts),
            )
            for (
                count,
                killed,
                lon,
                lat,
                west,
                east,
                south,
                north,
                only_id,
                only_day,
                only_killed,
                only_type_id,
                type_counts,
            ) in cursor.fetchall()
        ]


@dataclass
class _CellSum:
    """A map cell being summed from parts (rows of the pyramid, cells counted
    from the incidents of the partial months at a date range's ends)."""

    count: int
    killed: int
    lon_sum: float
    lat_sum: float
    west: float
    east: float
    south: float
    north: float
    first_id: int
    type_counts: list[int]

    def add(self, other: _CellSum) -> None:
        self.count += other.count
        self.killed += other.killed
        self.lon_sum += other.lon_sum
        self.lat_sum += other.lat_sum
        self.west, self.east = min(self.west, other.west), max(self.east, other.east)
        self.south, self.north = min(self.south, other.south), max(self.north, other.north)
        self.first_id = min(self.first_id, other.first_id)
        self.type_counts = [a + b for a, b in zip(self.type_counts, other.type_counts, strict=True)]


def aggregate_level(zoom: int, *, dated: bool) -> int | None:
    """The pyramid level whose cells group into the map's cells at ``zoom``
    (the nearest kept level at or above it), or None when the pyramid has
    none fine enough: all-time rows for an undated view, rows per month for a
    date range."""
    levels = MONTH_LEVELS if dated else CELL_LEVELS
    return next((level for level in levels if level >= zoom), None)


def _month_after(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def whole_months(first: date | None, last: date | None) -> tuple[date | None, date | None] | None:
    """The first and last whole month (as its first day) inside the days
    ``first``–``last`` (None: unbounded), or None when no month is whole."""
    start = None if first is None else first if first.day == 1 else _month_after(first)
    if last is None:
        return start, None
    end_next = _month_after(last)
    end = date(last.year, last.month, 1) if last == end_next - timedelta(days=1) else None
    if end is None:  # the last month is partial: the one before is the last whole one
        end = date(last.year - (last.month == 1), (last.month - 2) % 12 + 1, 1)
    if start is not None and start > end:
        return None
    return start, end


def map_cells_aggregated(
    queryset: QuerySet[Incident],
    *,
    statuses: list[str],
    event_type_ids: list[int] | None,
    first: date | None,
    last: date | None,
    zoom: int,
    columns: tuple[int, int, int, int] | None,
    type_ids: list[int],
) -> list[MapCell] | None:
    """``map_cells`` at ``zoom`` (cells of ``cell_degrees(zoom)``) summed from
    the pyramid (``IncidentCell``, kept exact by the database) instead of the
    incidents: the incidents of ``statuses`` (the visibility rule, already
    applied), of ``event_type_ids`` (None: all), dated ``first``–``last``
    (None: unbounded), in the map cells ``columns`` = (x0, y0, x1, y1)
    (None: everywhere). ``queryset`` is the same selection over the
    incidents, view box included: the partial months at a range's ends are
    counted from it (at most two months of incidents), whole months and
    all-time views come from the pyramid, a few rows per cell.

    None when the pyramid holds no level fine enough for ``zoom`` (the
    caller counts the incidents with ``map_cells``)."""
    dated = first is not None or last is not None
    level = aggregate_level(zoom, dated=dated)
    if level is None:
        return None
    months = whole_months(first, last) if dated else (None, None)
    sums: dict[tuple[int, int], _CellSum] = {}
    if months is not None:
        for key, part in _pyramid_sums(
            level=level,
            zoom=zoom,
            dated=dated,
            months=months,
            statuses=statuses,
            event_type_ids=event_type_ids,
            columns=columns,
            type_ids=type_ids,
        ):
            sums[key] = part
    cell = cell_degrees(zoom)
    for edge in _partial_months(first, last, months):
        for c in map_cells(queryset.filter(edge), cell_degrees=cell, type_ids=type_ids):
            key = (math.floor(c.west / cell), math.floor(c.south / cell))
            part = _CellSum(
                c.count,
                c.killed,
                c.lon * c.count,
                c.lat * c.count,
                c.west,
                c.east,
                c.south,
                c.north,
                c.only_id,
                c.type_counts,
            )
            if key in sums:
                sums[key].add(part)
            else:
                sums[key] = part
    singles = [s.first_id for s in sums.values() if s.count == 1]
    alone = (
        {
            pk: (day, killed, type_id)
            for pk, day, killed, type_id in Incident.objects.filter(pk__in=singles).values_list(
                "id", "date", "killed", "event_type_id"
            )
        }
        if singles
        else {}
    )
    cells = []
    for s in sums.values():
        day, killed, type_id = alone.get(s.first_id, (None, None, None))
        cells.append(
            MapCell(
                count=s.count,
                killed=s.killed,
                lon=s.lon_sum / s.count,
                lat=s.lat_sum / s.count,
                west=s.west,
                east=s.east,
                south=s.south,
                north=s.north,
                type_counts=s.type_counts,
                only_id=s.first_id,
                only_day=day,
                only_killed=killed,
                only_type_id=type_id,
            )
        )
    return cells


def extent_aggregated(
    *, statuses: list[str], event_type_ids: list[int] | None
) -> tuple[float, float, float, float] | None:
    """The bounding box (west, south, east, north) of the counted incidents
    of ``statuses`` and ``event_type_ids`` (None: all), from the pyramid's
    coarsest all-time cells: a few rows, however many incidents. None when
    there are none."""
    cells = IncidentCell.objects.filter(level=CELL_LEVELS[0], month=None, status__in=statuses)
    if event_type_ids is not None:
        cells = cells.filter(event_type_id__in=event_type_ids)
    box = cells.aggregate(w=Min("west"), s=Min("south"), e=Max("east"), n=Max("north"))
    if box["w"] is None:
        return None
    return box["w"], box["s"], box["e"], box["n"]


def _partial_months(
    first: date | None,
    last: date | None,
    months: tuple[date | None, date | None] | None,
) -> list[Q]:
    """The days of ``first``–``last`` outside its whole months."""
    if first is None and last is None:
        return []
    if months is None:  # no whole month: every day of the range
        return [Q(date__gte=first, date__lte=last)]
    start, end = months
    edges = []
    if first is not None and start is not None and first < start:
        edges.append(Q(date__gte=first, date__lt=start))
    if last is not None and end is not None and last >= _month_after(end):
        edges.append(Q(date__gte=_month_after(end), date__lte=last))
    return edges


def _pyramid_sums(
    *,
    level: int,
    zoom: int,
    dated: bool,
    months: tuple[date | None, date | None],
    statuses: list[str],
    event_type_ids: list[int] | None,
    columns: tuple[int, int, int, int] | None,
    type_ids: list[int],
) -> Iterable[tuple[tuple[int, int], _CellSum]]:
    shift = level - zoom  # a map cell holds 2**shift x 2**shift pyramid cells
    where = ["level = %s", "status = ANY(%s)"]
    params: list = [level, statuses]  # type: ignore[type-arg]
    if dated:
        start, end = months
        where.append("month IS NOT NULL")
        if start is not None:
            where.append("month >= %s")
            params.append(start)
        if end is not None:
            where.append("month <= %s")
            params.append(end)
    else:
        where.append("month IS NULL")
    if event_type_ids is not None:
        where.append("event_type_id = ANY(%s)")
        params.append(event_type_ids)
    if columns is not None:
        x0, y0, x1, y1 = columns
        where.append("x BETWEEN %s AND %s AND y BETWEEN %s AND %s")
        params += [x0 << shift, ((x1 + 1) << shift) - 1, y0 << shift, ((y1 + 1) << shift) - 1]
    by_type = ", ".join(
        "coalesce(sum(incidents) FILTER (WHERE event_type_id = %s), 0)" for _ in type_ids
    )
    # Built from constants; every value is a parameter.
    sql = (
        f"SELECT x >> %s, y >> %s, sum(incidents), sum(killed), sum(lon_sum), sum(lat_sum), "  # nosec B608
        f"min(west), max(east), min(south), max(north), min(first_id), ARRAY[{by_type}] "
        f"FROM incidents_incidentcell WHERE {' AND '.join(where)} GROUP BY 1, 2"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [shift, shift, *type_ids, *params])
        for gx, gy, count, killed, lon, lat, west, east, south, north, first, types in cursor:
            part = _CellSum(
                int(count), int(killed), lon, lat, west, east, south, north, first, list(types)
            )
            yield (gx, gy), part


def nearest_place(*, point: Point, within_km: float) -> Place | None:
    """The gazetteer place (a town, not a whole region) nearest ``point``
    within ``within_km``, for an editor who puts an incident on the map."""
    return (
        Place.objects.exclude(kind=PlaceKind.ADMIN1)
        .annotate(distance=Distance("point", point))
        .filter(distance__lte=D(km=within_km))
        .order_by("distance")
        .first()
    )


def places_around(*, point: Point, within_km: float, limit: int) -> list[Place]:
    """The gazetteer's towns and villages nearest ``point`` (regions left out),
    nearest first: the incident page names them on its map."""
    return list(
        Place.objects.exclude(kind=PlaceKind.ADMIN1)
        .annotate(distance=Distance("point", point))
        .filter(distance__lte=D(km=within_km))
        .order_by("distance")[:limit]
    )
