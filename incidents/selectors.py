"""Reads that need PostGIS: linear referencing along routes."""

from __future__ import annotations

from django.contrib.gis.geos import GEOSGeometry, Point
from django.db import connection

from incidents.models import Route


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
