"""Apply the shared IncidentFilterSet to a request, for pages and endpoints."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse, QueryDict
from django.utils.translation import gettext as _

from incidents.filters import IncidentFilterSet
from incidents.selectors import visible_incidents

# Query parameters that only the dashboard's scripts use (brush, map view,
# "list only what is on the map", the map feed's view, zoom and list paging).
# They are not filters: the FilterSet and the export links never see them.
VIEW_PARAMETERS = (
    *("brush", "map", "inview"),
    *("view", "zoom", "before", "limit", "extent", "count"),
)


def filter_params(query: QueryDict) -> QueryDict:
    """The query without the view-only parameters and empty values."""
    params = QueryDict(mutable=True)
    for key in query:
        if key in VIEW_PARAMETERS:
            continue
        values = [v for v in query.getlist(key) if v.strip()]
        if values:
            params.setlist(key, values)
    return params


def incident_filterset(request: HttpRequest, data: QueryDict | None = None) -> IncidentFilterSet:
    """The FilterSet over what the user may see (published only, unless editor)."""
    params = filter_params(request.GET if data is None else data)
    return IncidentFilterSet(params, queryset=visible_incidents(request.user), request=request)


def bad_parameters(filterset: IncidentFilterSet) -> JsonResponse:
    """400 naming each bad parameter and what is wrong with it."""
    errors = filterset.errors_by_parameter
    names = ", ".join(sorted(errors))
    return JsonResponse(
        {"detail": _("Invalid filter parameters: %(names)s.") % {"names": names}, "errors": errors},
        status=400,
    )
