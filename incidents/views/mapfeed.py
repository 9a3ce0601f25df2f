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

Every answer carries an ETag (a hash of its bytes) and is compressed: an
unchanged view is a 304 without a body. Nothing secret is in these bodies
(incident data the user may see; no token or key), so compressing them gives
BREACH nothing to find.
"""

from __future__ import annotations

import hashlib
from datetime import date

import orjson
from django import forms
from django.contrib.auth.decorators import login_required
from django.contrib.gis.db.models import Extent
from django.contrib.gis.geos import Polygon
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_GET

from incidents.filters import BBoxField
from incidents.models import EventType, Incident
from incidents.selectors import incident_timeline, map_cells

from .data import _columns_json, map_point_rows
from .filtering import bad_parameters, incident_filterset

CELL_PIXELS = 64  # a grid cell's side on screen (a cluster icon is 26–60 px)
MAX_POINTS = 2000  # at most this many incidents in view come as rows
LIST_PAGE = 100
MAX_LIST_PAGE = 200
MAX_ZOOM = 22


def cell_degrees(zoom: int) -> float:
    """The side of a grid cell at ``zoom``, in degrees of longitude: Web
    Mercator's world is 256 × 2^zoom pixels wide."""
    return CELL_PIXELS * 360 / (256 * 2**zoom)


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


def _filtered(request: HttpRequest) -> tuple[QuerySet[Incident], dict] | JsonResponse:
    """The visible incidents under the filters and the brush, the cleaned
    view parameters, or a 400 naming what is wrong."""
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
    return queryset, form.cleaned_data


def cached_json(request: HttpRequest, body: bytes) -> HttpResponse:
    """``body`` as JSON with a strong ETag of its bytes; 304 without a body
    when the browser already holds it. ``no-cache``: the browser keeps the
    copy but asks each time, so a new incident is never hidden by a cache."""
    etag = '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'
    response = HttpResponse(body, content_type="application/json")
    response["ETag"] = etag
    patch_cache_control(response, private=True, no_cache=True)
    return get_conditional_response(request, etag=etag, response=response) or response


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
    queryset, view = filtered
    if view["zoom"] is None:
        message = _("zoom is required (0 to %(max)s).") % {"max": MAX_ZOOM}
        return JsonResponse({"detail": message, "errors": {"zoom": [message]}}, status=400)
    cell = cell_degrees(view["zoom"])
    if view["view"] is not None:
        # Whole grid cells, so the cells along the edges are complete.
        west, south, east, north = view["view"].extent
        box = Polygon.from_bbox(
            (
                max(-180.0, (west // cell) * cell),
                max(-90.0, (south // cell) * cell),
                min(180.0, (east // cell + 1) * cell),
                min(90.0, (north // cell + 1) * cell),
            )
        )
        queryset = queryset.filter(location__bboverlaps=box)
    type_ids = list(EventType.objects.order_by("order").values_list("pk", flat=True))
    cells = map_cells(queryset, cell_degrees=cell, type_ids=type_ids)
    total = sum(c.count for c in cells)
    if total <= MAX_POINTS:
        points = orjson.loads(_columns_json(queryset))
        payload = {"mode": "points", "count": total, "cell": cell, "points": points}
        return cached_json(request, orjson.dumps(payload))
    clusters = [c for c in cells if c.count > 1]
    singles = sorted((c for c in cells if c.count == 1), key=lambda c: (c.only_day, c.only_id))
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
            "id": [c.only_id for c in singles],
            "day": [(c.only_day - epoch).days for c in singles],
            "lon": [_rounded(c.west) for c in singles],
            "lat": [_rounded(c.south) for c in singles],
            "killed": [c.only_killed for c in singles],
            "type": [type_ids.index(c.only_type_id) for c in singles],
            "place": ["" for _c in singles],  # named by described.json when shown
        },
    }
    return cached_json(request, orjson.dumps(payload))


@gzip_page
@login_required
@require_GET
def timeline_data(request: HttpRequest) -> HttpResponse:
    """Incidents and deaths per day under the filters (not the brush), and
    with ``extent=1`` the bounding box of the incidents, for the first view."""
    filterset = incident_filterset(request)
    if not filterset.is_valid():
        return bad_parameters(filterset)
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
        box = filterset.qs.order_by().aggregate(box=Extent("location"))["box"]
        payload["extent"] = [_rounded(v) for v in box] if box else None
    return cached_json(request, orjson.dumps(payload))


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
    queryset, view = filtered
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
    return cached_json(request, orjson.dumps(payload))
