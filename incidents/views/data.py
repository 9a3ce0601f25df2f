"""JSON endpoints for the dashboard's scripts.

The map needs tens of thousands of points at once, so the FilterSet's query
is wrapped in one PostgreSQL aggregate that returns the JSON itself: one array
per field (id, day, lon, lat, killed, type, place), indexed by row. No row goes
through a serializer, GEOS or even Python.
"""

from __future__ import annotations

import orjson
from django.contrib.auth.decorators import login_required
from django.contrib.gis.geos import Point
from django.db import connection
from django.db.models import F, FloatField, Func, Value
from django.db.models.functions import Coalesce, NullIf
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from incidents.display.names import named
from incidents.display.tolls import incident_killed_text
from incidents.filters import MAX_ROUTE_BUFFER_KM
from incidents.models import EventType, Place, Route
from incidents.selectors import (
    nearest_place,
    route_km_expression,
    route_length_km,
    visible_incidents,
)

from .filtering import bad_parameters, incident_filterset

DEFAULT_BUFFER_KM = 10


class Round4(Func):
    """A coordinate rounded to 4 decimals (about 11 m, as ACLED publishes)."""

    template = "round(%(function)s(%(expressions)s) * 10000) / 10000"
    output_field = FloatField()


def map_point_rows(queryset, *extra: str):
    """What the map draws of each incident, as rows: id, date, its point to
    four decimals, killed, event type and the most precise place words it
    has, then the ``extra`` columns."""
    return queryset.annotate(
        lon=Round4("location", function="ST_X"),
        lat=Round4("location", function="ST_Y"),
        where=Coalesce(
            NullIf("location_text", Value("")),
            NullIf("admin2", Value("")),
            NullIf("admin1", Value("")),
            "country",
        ),
    ).values_list("id", "date", "lon", "lat", "killed", "event_type_id", "where", *extra)


def _columns_json(queryset, extra: tuple[str, ...] = ()) -> bytes:
    """The rows of ``queryset`` as one JSON object of columns, built by PostgreSQL.

    The filtered query (FilterSet and all) is compiled by Django and wrapped in
    one aggregate, so no row passes through Python: 50,000 incidents are a
    single ``json_build_object`` of arrays."""
    type_ids = list(EventType.objects.order_by("order").values_list("pk", flat=True))
    rows = map_point_rows(queryset.order_by("date", "id"), *extra)
    sql, params = rows.query.sql_with_params()
    aliases = ", ".join(f"c{i}" for i in range(7 + len(extra)))

    def column(name: str, expression: str) -> str:
        return f"'{name}', coalesce(array_agg({expression}), '{{}}')"

    # One aggregate pass over the subquery's rows (sorted by date, then id):
    # every array receives the rows in the same sequence, so they stay aligned.
    fields = [
        "'count', count(*)",
        column("id", "c0"),
        column("day", "c1 - DATE '1970-01-01'"),
        column("lon", "c2"),
        column("lat", "c3"),
        column("killed", "c4"),
        # The index of the event type in the page's list (codebook order).
        column("type", "array_position(%s::bigint[], c5) - 1"),
        column("place", "c6"),
        *(column(name, f"c{7 + i}") for i, name in enumerate(extra)),
    ]
    # The SELECT list is built from constant column names; the filtered query
    # is Django's compiled SQL, its values passed as parameters, never inlined.
    wrapped = (
        f"SELECT json_build_object({', '.join(fields)})::text "  # nosec B608
        f"FROM ({sql}) AS rows ({aliases})"
    )
    with connection.cursor() as cursor:
        cursor.execute(wrapped, [type_ids, *params])  # the SELECT list comes first
        return cursor.fetchone()[0].encode()


def _json(payload: dict) -> HttpResponse:
    return HttpResponse(orjson.dumps(payload), content_type="application/json")


@login_required
@require_GET
def incidents_data(request: HttpRequest) -> HttpResponse:
    """Incidents matching the filters, as columns. ``day`` counts days since
    1970-01-01; ``type`` indexes the event types listed in the page."""
    filterset = incident_filterset(request)
    if not filterset.is_valid():
        return bad_parameters(filterset)
    return HttpResponse(_columns_json(filterset.qs), content_type="application/json")


def _buffer_km(request: HttpRequest) -> float | JsonResponse:
    raw = request.GET.get("within_km", "").strip()
    if not raw:
        return DEFAULT_BUFFER_KM
    try:
        value = float(raw)
    except ValueError:
        value = -1
    if not 0 <= value <= MAX_ROUTE_BUFFER_KM:
        message = _("within_km must be a number from 0 to %(max)s.") % {"max": MAX_ROUTE_BUFFER_KM}
        return JsonResponse({"detail": message, "errors": {"within_km": [message]}}, status=400)
    return value


@login_required
@require_GET
def route_data(request: HttpRequest, slug: str) -> HttpResponse:
    """Incidents within ``within_km`` of the road (default 10), with their km
    along it from its start, plus the road and its buffer as GeoJSON."""
    route = get_object_or_404(Route, slug=slug)
    buffer_km = _buffer_km(request)
    if isinstance(buffer_km, JsonResponse):
        return buffer_km
    params = request.GET.copy()
    params["route"] = route.slug
    params["within_km"] = str(buffer_km)
    filterset = incident_filterset(request, params)
    if not filterset.is_valid():
        return bad_parameters(filterset)
    length_km = route_length_km(route=route)
    queryset = filterset.qs.annotate(route_km=route_km_expression(route, length_km)).annotate(
        km=Func(
            F("route_km"),
            template="round((%(expressions)s)::numeric, 2)::float",
            output_field=FloatField(),
        )
    )
    columns = orjson.loads(_columns_json(queryset, extra=("km",)))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT ST_AsGeoJSON(line, 5), "
            "ST_AsGeoJSON(ST_Buffer(line::geography, %s)::geometry, 5) "
            "FROM incidents_route WHERE id = %s",
            [buffer_km * 1000, route.pk],
        )
        line, buffer = cursor.fetchone()
    return _json(
        {
            **columns,
            "route": {
                "slug": route.slug,
                "name": route.name,
                "length_km": length_km,
                "line": orjson.Fragment(line),
                "buffer": orjson.Fragment(buffer),
                "approximate": route.approximate,
            },
            "within_km": buffer_km,
        }
    )


MAX_DESCRIBED = 200


@login_required
@require_GET
def incidents_described(request: HttpRequest) -> HttpResponse:
    """Names and qualified tolls, in the interface language, for the incidents
    the page is about to show (``?id=1&id=2…``, at most 200): the list and the
    popups show only a few at a time, so the map data stays plain columns."""
    raw = request.GET.getlist("id")
    if len(raw) > MAX_DESCRIBED or not all(value.isdigit() for value in raw):
        message = _("id must be up to %(max)s incident ids.") % {"max": MAX_DESCRIBED}
        return JsonResponse({"detail": message, "errors": {"id": [message]}}, status=400)
    described = named(visible_incidents(request.user).filter(pk__in=[int(v) for v in raw]))
    return _json(
        {
            str(i.pk): {
                "name": name,
                "toll": incident_killed_text(i),
                "reported": i.location_text,
            }
            for i, name in described
        }
    )


# How far from a point clicked on the review map its nearest place may be.
NEAREST_PLACE_KM = 50


@login_required
@require_GET
def place_point(request: HttpRequest) -> HttpResponse:
    """Where a gazetteer place is (``?id=N``), or the place nearest a point
    (``?lon=&lat=``, within 50 km): the review page moves its marker to a
    picked place and names the place nearest a click on its map."""
    place: Place | None
    if "id" in request.GET:
        raw = request.GET["id"]
        if not raw.isdigit():
            return _bad("id", _("id must be a place id."))
        place = get_object_or_404(Place, pk=int(raw))
    else:
        try:
            point = Point(float(request.GET["lon"]), float(request.GET["lat"]), srid=4326)
        except (KeyError, ValueError):
            return _bad("lon", _("Give id, or lon and lat as numbers."))
        if not (-180 <= point.x <= 180 and -90 <= point.y <= 90):
            return _bad("lon", _("lon and lat must be on the globe."))
        place = nearest_place(point=point, within_km=NEAREST_PLACE_KM)
        if place is None:
            return _json({"place": None})
    return _json(
        {
            "place": {
                "id": place.pk,
                "label": str(place),
                "lon": place.point.x,
                "lat": place.point.y,
            }
        }
    )


def _bad(parameter: str, message: str) -> JsonResponse:
    return JsonResponse({"detail": message, "errors": {parameter: [message]}}, status=400)
