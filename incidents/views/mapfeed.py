"""The main page's map feed, bounded by the screen rather than the data.

Three endpoints, all under the dashboard's filters (the shared FilterSet over
``visible_incidents``) and the page's time brush:

- ``map.json?view=…&zoom=…``: what the map shows in the view. When few
  incidents are in it (``MAX_POINTS``) they come as rows and the page
  clusters them itself; otherwise PostgreSQL groups them into a fixed grid of
  about ``CELL_PIXELS`` screen pixels at that zoom (``selectors.map_cells``)
  and only the grid cells come: count, deaths, extent and types per cell, a
  lone incident as a row. The answer's size follows the screen, not the table.
- ``timeline.json``: incidents and deaths per day for the whole filtered set
  (the brush selects within it, so it does not depend on the brush or view).
- ``list.json``: one page of the list, newest first, with the count.

Why a grid rather than vector tiles: the page draws counted clusters and
circles with Leaflet's own markers, popups and keyboard focus, which MVT would
replace with a tile renderer from another library; a grid anchored at 0°, 0°
gives stable cells whichever part of them is in view, needs no tile
bookkeeping, and its answer for a 1400 × 900 map is a few hundred cells.

Where the cells come from: with no filter but visibility, status, dates
(``date_from``, ``date_to``, the brush) and event types (``CELL_FILTERS``),
from the grid pyramid the database keeps (``IncidentCell``: per cell of
90 / 2^L degrees, status and type, over all time and per month), a few rows
per cell on screen however many incidents there are; the partial months at
a date range's ends are counted from the incidents (at most two months).
Any other filter (actors, text, tolls, admin areas, precision, bbox, near,
route, sub-event type, updated since), a dated view above zoom 8 or an
undated one above zoom 12 count the incidents in view (``map_cells``).
``tests/dashboard/test_map_cells_exact.py`` holds both answers equal.

Every answer carries an ETag known before it is computed (``feed_etag``:
the request, the user's visibility, the language and a version the database
bumps on every write to what the feed shows or filters by) and is
compressed: an unchanged view is a 304 without a body and without a query
over the incidents. Nothing secret is in these bodies (incident data the
user may see; no token or key), so compressing them gives BREACH nothing to
find.

The timeline (``timeline.json``) is summed from the per-day counts under the
same filters as there (dates and status); with an actor filter (or any other)
it still counts the incidents: neither the per-day counts nor the pyramid are
kept per actor (an actor's incidents are a join through the actor links and
the actor hierarchy), so that answer costs per matching incident. Its repeats
are 304s without that count.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

import orjson
from django import forms
from django.contrib.auth.decorators import login_required
from django.contrib.gis.db.models import Extent
from django.contrib.gis.geos import Polygon
from django.db.models import FloatField, Func, Q, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_GET

from incidents.filters import BBoxField, IncidentFilterSet
from incidents.models import EventType, FeedVersion, Incident
from incidents.models.mapcells import cell_degrees
from incidents.selectors import (
    MapCell,
    active_filters,
    counted_statuses,
    extent_aggregated,
    incident_timeline,
    map_cells,
    map_cells_aggregated,
    sees_drafts,
)

from .data import _columns_json, map_point_rows
from .filtering import bad_parameters, incident_filterset

MAX_POINTS = 2000  # at most this many incidents in view come as rows
LIST_PAGE = 100
MAX_LIST_PAGE = 200
MAX_ZOOM = 22


class BrushField(forms.CharField):
    """``YYYY-MM-DD,YYYY-MM-DD``: the timeline's selected days, inclusive."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        parts = value.split(",")
        try:
            first, last = (date.fromisoformat(p.strip()) for p in parts)
        except ValueError:
            raise forms.ValidationError(
                _("brush must be two dates, YYYY-MM-DD,YYYY-MM-DD.")
            ) from None
        if last < first:
            raise forms.ValidationError(_("brush must not end before it starts."))
        return first, last


class CursorField(forms.CharField):
    """``YYYY-MM-DD,id``: the last row of the previous list page."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        try:
            day, pk = value.split(",")
            return date.fromisoformat(day.strip()), int(pk)
        except ValueError:
            raise forms.ValidationError(_("before must be YYYY-MM-DD,id.")) from None


class ViewForm(forms.Form):
    """The page's view parameters (not filters: exports never see them)."""

    view = BBoxField(required=False, help_text=gettext_lazy("The map's visible area."))
    zoom = forms.IntegerField(required=False, min_value=0, max_value=MAX_ZOOM)
    brush = BrushField(required=False)
    before = CursorField(required=False)
    limit = forms.IntegerField(required=False, min_value=1, max_value=MAX_LIST_PAGE)


def _view_errors(form: forms.Form) -> JsonResponse:
    errors = {name: [str(m) for m in messages] for name, messages in form.errors.items()}
    names = ", ".join(sorted(errors))
    return JsonResponse(
        {"detail": _("Invalid view parameters: %(names)s.") % {"names": names}, "errors": errors},
        status=400,
    )


@dataclass(frozen=True)
class Filtered:
    """A valid request: the visible incidents under the filters and the
    brush, the FilterSet and the cleaned view parameters."""

    queryset: QuerySet[Incident]
    filterset: IncidentFilterSet
    view: dict


def _filtered(request: HttpRequest) -> Filtered | JsonResponse:
    """The request's incidents and view, or a 400 naming what is wrong."""
    filterset = incident_filterset(request)
    if not filterset.is_valid():
        return bad_parameters(filterset)
    form = ViewForm(request.GET)
    if not form.is_valid():
        return _view_errors(form)
    queryset = filterset.qs
    if form.cleaned_data["brush"]:
        first, last = form.cleaned_data["brush"]
        queryset = queryset.filter(date__gte=first, date__lte=last)
    return Filtered(queryset, filterset, form.cleaned_data)


def feed_etag(request: HttpRequest) -> str:
    """The validator of a feed answer, known before computing it: the
    request (path and parameters, in any order), what the user may see
    (drafts or not), the language, and the feed version the database bumps
    on every write to what these answers show or filter by
    (``FeedVersion``). One primary-key read. The version is read before the
    answer is computed, so an answer is never tagged with a version newer
    than its data: a write in between only costs the next request a 200."""
    version = FeedVersion.objects.filter(pk=1).values_list("version", flat=True).first()
    key = orjson.dumps(
        [
            request.path,
            sorted((name, sorted(values)) for name, values in request.GET.lists()),
            sees_drafts(request.user),
            get_language(),
            version,
        ]
    )
    return '"' + hashlib.blake2b(key, digest_size=16).hexdigest() + '"'


def _headers(response: HttpResponse, etag: str) -> HttpResponse:
    response["ETag"] = etag
    # no-cache: the browser keeps the copy but asks each time, so a new
    # incident is never hidden by a cache.
    patch_cache_control(response, private=True, no_cache=True)
    return response


def not_modified(request: HttpRequest, etag: str) -> HttpResponse | None:
    """A 304 without a body when the browser already holds ``etag``'s answer."""
    response = get_conditional_response(request, etag=etag, response=_headers(HttpResponse(), etag))
    return response if response is not None and response.status_code == 304 else None


def cached_json(request: HttpRequest, body: bytes, etag: str) -> HttpResponse:
    """``body`` as JSON under ``feed_etag``'s validator (``not_modified``
    has already answered a browser holding it)."""
    return _headers(HttpResponse(body, content_type="application/json"), etag)


# The filters the map's pyramid (IncidentCell: per cell, status, event type,
# month or all time) answers; with any other (actor, text, toll, country,
# precision, bbox, near, route, sub-event type, updated since) the cells are
# counted from the incidents.
CELL_FILTERS = frozenset({"date_from", "date_to", "status", "event_type"})
# The first view's extent comes from the pyramid's all-time cells without dates.
EXTENT_FILTERS = frozenset({"status", "event_type"})


def _aggregated_cells(
    request: HttpRequest,
    filtered: Filtered,
    *,
    zoom: int,
    columns: tuple[int, int, int, int] | None,
    queryset: QuerySet[Incident],
    type_ids: list[int],
) -> list[MapCell] | None:
    """The cells from the pyramid when the filters are ones it answers."""
    if not active_filters(filtered.filterset) <= CELL_FILTERS:
        return None
    data = filtered.filterset.form.cleaned_data
    first, last = data.get("date_from"), data.get("date_to")
    if filtered.view["brush"]:
        brush_first, brush_last = filtered.view["brush"]
        first = brush_first if first is None else max(first, brush_first)
        last = brush_last if last is None else min(last, brush_last)
    if first is not None and last is not None and first > last:
        return []
    return map_cells_aggregated(
        queryset,
        statuses=counted_statuses(request.user, data.get("status")),
        event_type_ids=data.get("event_type") or None,
        first=first,
        last=last,
        zoom=zoom,
        columns=columns,
        type_ids=type_ids,
    )


def in_columns(
    queryset: QuerySet[Incident], columns: tuple[int, int, int, int], cell: float
) -> QuerySet[Incident]:
    """The incidents in grid cells (x0, y0)–(x1, y1) of side ``cell``: the
    box of those cells (found by the spatial index), less the points on its
    far edges, which belong to the next cells (unless the edge is the
    world's), as ``floor(lon / cell)`` places them."""
    x0, y0, x1, y1 = columns
    east, north = min(180.0, (x1 + 1) * cell), min(90.0, (y1 + 1) * cell)
    box = Polygon.from_bbox((max(-180.0, x0 * cell), max(-90.0, y0 * cell), east, north))
    queryset = queryset.filter(location__bboverlaps=box)
    if east < 180:
        queryset = queryset.alias(
            lon=Func("location", function="ST_X", output_field=FloatField())
        ).filter(lon__lt=east)
    if north < 90:
        queryset = queryset.alias(
            lat=Func("location", function="ST_Y", output_field=FloatField())
        ).filter(lat__lt=north)
    return queryset


class Single(NamedTuple):
    """A cell of one incident, shown as that incident (oldest first)."""

    day: date
    id: int
    lon: float
    lat: float
    killed: int | None
    type_id: int


def _single(cell: MapCell) -> Single:
    if cell.only_day is None or cell.only_type_id is None:
        raise ValueError(f"cell of incident {cell.only_id} lacks its date or type")
    return Single(
        cell.only_day, cell.only_id, cell.west, cell.south, cell.only_killed, cell.only_type_id
    )


def _rounded(value: float) -> float:
    return round(value, 4)


@gzip_page
@login_required
@require_GET
def map_data(request: HttpRequest) -> HttpResponse:
    """Clusters or incidents in the view at a zoom (see the module docstring)."""
    filtered = _filtered(request)
    if isinstance(filtered, JsonResponse):
        return filtered
    queryset, view = filtered.queryset, filtered.view
    if view["zoom"] is None:
        message = _("zoom is required (0 to %(max)s).") % {"max": MAX_ZOOM}
        return JsonResponse({"detail": message, "errors": {"zoom": [message]}}, status=400)
    etag = feed_etag(request)
    unchanged = not_modified(request, etag)
    if unchanged is not None:
        return unchanged
    cell = cell_degrees(view["zoom"])
    columns = None
    if view["view"] is not None:
        # Whole grid cells, so the cells along the edges are complete: the
        # cells whose columns and rows the view touches.
        west, south, east, north = view["view"].extent
        columns = (
            math.floor(west / cell),
            math.floor(south / cell),
            math.floor(east / cell),
            math.floor(north / cell),
        )
        queryset = in_columns(queryset, columns, cell)
    type_ids = list(EventType.objects.order_by("order").values_list("pk", flat=True))
    cells = _aggregated_cells(
        request, filtered, zoom=view["zoom"], columns=columns, queryset=queryset, type_ids=type_ids
    )
    if cells is None:
        cells = map_cells(queryset, cell_degrees=cell, type_ids=type_ids)
    total = sum(c.count for c in cells)
    if total <= MAX_POINTS:
        points = orjson.loads(_columns_json(queryset))
        payload = {"mode": "points", "count": total, "cell": cell, "points": points}
        return cached_json(request, orjson.dumps(payload), etag)
    clusters = [c for c in cells if c.count > 1]
    singles = sorted(_single(c) for c in cells if c.count == 1)
    epoch = date(1970, 1, 1)
    payload = {
        "mode": "clusters",
        "count": total,
        "cell": cell,
        "clusters": {
            "count": [c.count for c in clusters],
            "killed": [c.killed for c in clusters],
            "lon": [_rounded(c.lon) for c in clusters],
            "lat": [_rounded(c.lat) for c in clusters],
            "west": [_rounded(c.west) for c in clusters],
            "south": [_rounded(c.south) for c in clusters],
            "east": [_rounded(c.east) for c in clusters],
            "north": [_rounded(c.north) for c in clusters],
            "types": [c.type_counts for c in clusters],
        },
        "points": {
            "count": len(singles),
            "id": [s.id for s in singles],
            "day": [(s.day - epoch).days for s in singles],
            "lon": [_rounded(s.lon) for s in singles],
            "lat": [_rounded(s.lat) for s in singles],
            "killed": [s.killed for s in singles],
            "type": [type_ids.index(s.type_id) for s in singles],
            "place": ["" for _c in singles],  # named by described.json when shown
        },
    }
    return cached_json(request, orjson.dumps(payload), etag)


@gzip_page
@login_required
@require_GET
def timeline_data(request: HttpRequest) -> HttpResponse:
    """Incidents and deaths per day under the filters (not the brush), and
    with ``extent=1`` the bounding box of the incidents, for the first view."""
    filterset = incident_filterset(request)
    if not filterset.is_valid():
        return bad_parameters(filterset)
    etag = feed_etag(request)
    unchanged = not_modified(request, etag)
    if unchanged is not None:
        return unchanged
    epoch = date(1970, 1, 1)
    # The per-day counts kept by the database answer it when only dates filter.
    days = incident_timeline(user=request.user, filterset=filterset, bucket="day")
    payload: dict = {
        "count": sum(d["incidents"] for d in days),
        "day": [(d["start"] - epoch).days for d in days],
        "incidents": [d["incidents"] for d in days],
        "killed": [d["killed"] for d in days],
    }
    if request.GET.get("extent") == "1":
        data = filterset.form.cleaned_data
        if active_filters(filterset) <= EXTENT_FILTERS:
            box = extent_aggregated(
                statuses=counted_statuses(request.user, data.get("status")),
                event_type_ids=data.get("event_type") or None,
            )
        else:
            box = filterset.qs.order_by().aggregate(box=Extent("location"))["box"]
        payload["extent"] = [_rounded(v) for v in box] if box else None
    return cached_json(request, orjson.dumps(payload), etag)


@gzip_page
@login_required
@require_GET
def list_data(request: HttpRequest) -> HttpResponse:
    """One page of incidents, newest first, under the filters and the brush
    (and ``view``, for "only what is on the map"); ``before`` continues after
    the last row of the previous page. ``count`` is the number of matches
    (null with ``before`` or ``count=0``)."""
    filtered = _filtered(request)
    if isinstance(filtered, JsonResponse):
        return filtered
    queryset, view = filtered.queryset, filtered.view
    etag = feed_etag(request)
    unchanged = not_modified(request, etag)
    if unchanged is not None:
        return unchanged
    if view["view"] is not None:
        queryset = queryset.filter(location__bboverlaps=view["view"])
    page = queryset
    if view["before"] is not None:
        day, pk = view["before"]
        page = page.filter(Q(date__lt=day) | Q(date=day, id__lt=pk))
    limit = view["limit"] or LIST_PAGE
    type_ids = list(EventType.objects.order_by("order").values_list("pk", flat=True))
    rows = list(map_point_rows(page.order_by("-date", "-id"))[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    epoch = date(1970, 1, 1)
    payload = {
        # The page sums the timeline's days for the count when the view does
        # not narrow the list (count=0), which spares a count of every match.
        "count": None
        if view["before"] is not None or request.GET.get("count") == "0"
        else queryset.count(),
        "more": more,
        "id": [r[0] for r in rows],
        "day": [(r[1] - epoch).days for r in rows],
        "lon": [r[2] for r in rows],
        "lat": [r[3] for r in rows],
        "killed": [r[4] for r in rows],
        "type": [type_ids.index(r[5]) for r in rows],
        "place": [r[6] for r in rows],
    }
    return cached_json(request, orjson.dumps(payload), etag)
