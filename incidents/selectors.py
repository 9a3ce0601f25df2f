"""Reads: which incidents a user may see, linear referencing along routes,
timeline aggregates. Views, the API and tasks share these."""

from __future__ import annotations

from django.contrib.gis.db.models import LineStringField
from django.contrib.gis.geos import GEOSGeometry, Point
from django.db import connection
from django.db.models import (
    Count,
    DateField,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Trunc

from incidents.models import Incident, IncidentStatus, Route


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
        return GEOSGeometry(cursor.fetchone()[0])


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


def visible_incidents(user=None) -> QuerySet[Incident]:
    """Incidents a user may see: editors (and superusers) see every status,
    everyone else only published incidents (never drafts, never retracted)."""
    queryset = Incident.objects.all()
    if user is not None and user.is_authenticated and user.has_perm("incidents.change_incident"):
        return queryset
    return queryset.filter(status=IncidentStatus.PUBLISHED)


def with_route_km(queryset: QuerySet[Incident], *, route: Route) -> QuerySet[Incident]:
    """Annotate ``route_km``: km from the route's start to the incident's
    projection on it (linear referencing in PostGIS). The fraction along the
    line is taken in degrees and scaled by the spheroidal length, which is
    within a few hundred metres of ``km_along_route`` on Sahel roads and lets
    one query annotate thousands of rows."""
    return queryset.annotate(route_km=route_km_expression(route))


def route_km_expression(route: Route, length_km: float | None = None) -> ExpressionWrapper:
    """The ``route_km`` of ``with_route_km``, to annotate several querysets
    (the route's length is measured once, or given when already known)."""
    # ST_LineLocatePoint(line, point) gives the fraction of the line's length.
    fraction = Func(Value(route.line.ewkt, output_field=LineStringField(srid=4326)),
                    F("location"), function="ST_LineLocatePoint", output_field=FloatField())
    if length_km is None:
        length_km = route_length_km(route=route)
    return ExpressionWrapper(fraction * Value(length_km),
                             output_field=FloatField())


def route_length_km(*, route: Route) -> float:
    """Length of the route over the spheroid, in km."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT ST_Length(%s::geography) / 1000.0", [route.line.ewkt])
        return float(cursor.fetchone()[0])


BUCKETS = ("day", "week", "month")


def timeline(queryset: QuerySet[Incident], *, bucket: str) -> list[dict]:
    """Incidents and deaths per bucket (day, week or month), oldest first.

    Returns ``[{"start": date, "incidents": int, "killed": int}, ...]``; the
    sum is of each incident's current best toll (unknown counts as 0)."""
    if bucket not in BUCKETS:
        raise ValueError(f"bucket must be one of {BUCKETS}")
    rows = (
        queryset.order_by()
        .annotate(start=Trunc("date", bucket, output_field=DateField()))
        .values("start")
        .annotate(incidents=Count("id"), killed=Coalesce(Sum("killed"), 0))
        .order_by("start")
    )
    return list(rows)
