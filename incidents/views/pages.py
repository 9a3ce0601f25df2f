"""The dashboard's pages, rendered on the server; their scripts fetch data
from ``incidents.views.data``."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

import orjson
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from incidents.display import dates
from incidents.display.actors import actor_names, name_actor_links
from incidents.display.names import draft_summary, incident_names, route_name
from incidents.display.places import area_name, area_names, local_name_of_row
from incidents.display.sources import said_by_label
from incidents.display.tolls import incident_killed_text, toll_figure
from incidents.models import (
    Actor,
    EventType,
    Incident,
    Place,
    PlaceKind,
    Route,
    SubEventType,
    TollRevision,
)
from incidents.selectors import (
    pending_words,
    places_around,
    route_length_km,
    toll_history,
    visible_incidents,
)
from incidents.tolls import current_toll

from .filtering import filter_params, incident_filterset
from .labels import script_labels


def _event_types() -> list[dict]:
    return [
        {"slug": t.slug, "name": _(t.name), "color": t.color}
        for t in EventType.objects.order_by("order")
    ]


def _routes() -> list[dict]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT slug, name, ST_AsGeoJSON(line, 5) FROM incidents_route ORDER BY name"
        )
        return [
            {"slug": slug, "name": name, "line": orjson.loads(line)}
            for slug, name, line in cursor.fetchall()
        ]


def _map_settings() -> dict:
    return {
        "tileUrl": settings.MAP_TILE_URL,
        "tileAttribution": settings.MAP_TILE_ATTRIBUTION,
        "center": list(settings.MAP_DEFAULT_CENTER),
        "zoom": settings.LEAFLET_CONFIG["DEFAULT_ZOOM"],
        "describeUrl": reverse("dashboard:incidents-described"),
    }


@dataclass(frozen=True)
class NamedActor:
    """An actor as the actor filter lists it."""

    key: str
    display_name: str


def _named_actors() -> list[NamedActor]:
    actors = list(Actor.objects.only("key", "name", "short_name", "kind"))
    names = actor_names(actors)
    named = []
    for actor in actors:
        name = names[actor.pk]
        if actor.short_name and actor.short_name.lower() not in name.lower():
            name += f" ({actor.short_name})"
        named.append(NamedActor(actor.key, name))
    return sorted(named, key=lambda a: a.display_name.lower())


def _filter_options(request: HttpRequest) -> dict:
    places = (
        visible_incidents(request.user)
        .order_by("country", "admin1")
        .values_list("country", "admin1")
        .distinct()
    )
    countries = sorted({country for country, _admin1 in places if country})
    areas = area_names()
    admin1s = sorted(
        {(admin1, area_name(admin1, areas)) for _country, admin1 in places if admin1},
        key=lambda pair: pair[1],
    )
    sub_types = SubEventType.objects.select_related("event_type").order_by(
        "event_type__order", "order"
    )
    return {
        "countries": countries,
        "admin1s": admin1s,
        "actors": _named_actors(),
        "event_types": EventType.objects.order_by("order"),
        "sub_types": sub_types,
        "routes": Route.objects.order_by("name").only("slug", "name"),
    }


# Town names on the offline basemap, by rank: 0 country capitals, 1 regional,
# 2 district capitals, 3 other towns (the most populous, so a large gazetteer
# does not flood the page).
TOWN_KINDS: list[str] = [
    PlaceKind.COUNTRY_CAPITAL,
    PlaceKind.ADMIN1_CAPITAL,
    PlaceKind.ADMIN2_CAPITAL,
    PlaceKind.POPULATED_PLACE,
]
MAX_OTHER_TOWNS = 3000


def _towns() -> list[dict]:
    capitals = Place.objects.filter(kind__in=TOWN_KINDS[:3])
    others = Place.objects.filter(
        kind=PlaceKind.POPULATED_PLACE, population__isnull=False
    ).order_by("-population")[:MAX_OTHER_TOWNS]
    return [
        {
            "name": local_name_of_row(name, name_en, name_fr),
            "lon": round(point.x, 4),
            "lat": round(point.y, 4),
            "rank": TOWN_KINDS.index(kind),
        }
        for query in (capitals, others)
        for name, name_en, name_fr, point, kind in query.values_list(
            "name", "name_en", "name_fr", "point", "kind"
        )
    ]


@login_required
def basemap(request: HttpRequest) -> JsonResponse:
    """What static/dashboard/basemap.js draws under every map, the admin's too."""
    return JsonResponse(
        {"outline": static("vendor/world-atlas/countries-50m.json"), "towns": _towns()}
    )


def _common(request: HttpRequest) -> dict:
    return {
        "labels": script_labels(),
        "map_settings": _map_settings(),
        "event_types_data": _event_types(),
        "routes_data": _routes(),
    }


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Map beside a timeline, the list of incidents in view, the filter panel."""
    filterset = incident_filterset(request)
    filterset.is_valid()  # bound form: redisplays values and names bad ones
    params = filter_params(request.GET)
    return render(
        request,
        "dashboard/home.html",
        {
            **_common(request),
            **_filter_options(request),
            "form": filterset.form,
            "date_input": {"format": dates.input_format(), "placeholder": dates.placeholder()},
            "selected": {key: params.getlist(key) for key in params},
            "map_url": reverse("dashboard:map-data"),
            "timeline_url": reverse("dashboard:timeline-data"),
            "list_url": reverse("dashboard:list-data"),
            "export_url": "/api/v1/incidents/",
            "incident_url": reverse("dashboard:incident", args=[0]),
        },
    )


def _places_along(route: Route, length_km: float) -> list[dict]:
    """Gazetteer places within 5 km of the road, with their km from its start."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT p.name, p.name_en, p.name_fr,
                   ST_LineLocatePoint(r.line, p.point), ST_X(p.point), ST_Y(p.point)
            FROM incidents_place p JOIN incidents_route r ON r.id = %s
            WHERE ST_DWithin(p.point::geography, r.line::geography, 5000)
              AND p.kind <> 'admin1'  -- a region's centroid is not a place on the road
            ORDER BY 2
            """,
            [route.pk],
        )
        return [
            {
                "name": local_name_of_row(name, name_en, name_fr),
                "km": round(fraction * length_km, 1),
                "lon": lon,
                "lat": lat,
            }
            for name, name_en, name_fr, fraction, lon, lat in cursor.fetchall()
        ]


@login_required
def route_view(request: HttpRequest, slug: str) -> HttpResponse:
    """One road: the map zoomed to it with a buffer, and km along it against date."""
    route = get_object_or_404(Route, slug=slug)
    length_km = route_length_km(route=route)
    return render(
        request,
        "dashboard/route.html",
        {
            **_common(request),
            "route": route,
            "length_km": length_km,
            "places_along": _places_along(route, length_km),
            "all_routes": Route.objects.order_by("name").only("slug", "name"),
            "within_km": request.GET.get("within_km", "10"),
            "date_input": {"format": dates.input_format(), "placeholder": dates.placeholder()},
            "data_url": reverse("dashboard:route-data", args=[route.slug]),
            "incident_url": reverse("dashboard:incident", args=[0]),
        },
    )


# The incident page's map names the towns and villages this close to it.
AROUND_KM = 60
AROUND_TOWNS = 12


def _steps(counted: list[TollRevision]) -> list[str]:
    """The figure of each reporting moment, in the order they were said, a
    repeated figure shown once. Claims said at one moment (two outlets giving
    "at least 32" and "32") are one step, combined by the toll rule as the
    current toll is: 10; at least 32, 32 → 10 → at least 32."""
    figures = []
    for _moment, said_together in groupby(counted, key=lambda r: r.reported_at):
        toll = current_toll(list(said_together))
        figures.append(toll_figure(toll.killed, toll.qualifier, toll.low, toll.high))
    return [n for i, n in enumerate(figures) if n and (i == 0 or n != figures[i - 1])]


def _chart_points(counted: list[TollRevision]) -> list[dict]:
    """The step chart's points: one per reporting moment, the claims said
    together combined by the toll rule, a repeated figure drawn once — the
    same steps as the words above the chart ("10 → at least 32")."""
    points: list[dict] = []
    for moment, said_together in groupby(counted, key=lambda r: r.reported_at):
        together = list(said_together)
        toll = current_toll(together)
        if toll.killed is None:
            continue
        label = toll_figure(toll.killed, toll.qualifier, toll.low, toll.high)
        if points and points[-1]["label"] == label:
            continue
        sources = dict.fromkeys(said_by_label(r.said_by) for r in together if r.said_by)
        points.append(
            {
                "t": moment.isoformat(),
                "killed": toll.killed,
                "low": toll.low,
                "high": toll.high,
                "label": label,
                "saidBy": pgettext("list separator", "; ").join(sources),
            }
        )
    return points


@login_required
def incident_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Everything about one incident; 404 for what the user may not see. A
    merged duplicate sends the reader to the incident it was merged into."""
    incident = (
        visible_incidents(request.user)
        .select_related("event_type", "sub_event_type", "place", "route")
        .filter(pk=pk)
        .first()
    )
    if incident is None:
        survivor = Incident.objects.filter(pk=pk).values_list("merged_into", flat=True).first()
        if survivor and visible_incidents(request.user).filter(pk=survivor).exists():
            return redirect("dashboard:incident", survivor)
        raise Http404
    history = toll_history(incident=incident)
    counted = history.counted()
    chart = _chart_points(counted)
    areas = area_names()
    incident_name = incident_names([incident], areas=areas)[incident.pk]
    actor_links = name_actor_links(
        incident.actor_links.select_related("actor").order_by("role", "actor__name")
    )
    can_edit = request.user.has_perm("incidents.change_incident")
    common = _common(request)
    route_line = None
    if incident.route is not None:
        slug = incident.route.slug
        route_line = next((r["line"] for r in common["routes_data"] if r["slug"] == slug), None)
    return render(
        request,
        "dashboard/incident.html",
        {
            **common,
            "incident": incident,
            "incident_name": incident_name,
            "event_type_name": _(incident.event_type.name),
            "admin_areas": [
                area_name(text, areas) for text in (incident.admin1, incident.admin2) if text
            ],
            "date_text": dates.incident_date_text(incident),
            "actor_links": actor_links,
            "killed_text": incident_killed_text(incident),
            "route_name": route_name(incident.route) if incident.route_id else "",
            "summary": incident.summary
            or draft_summary(
                incident, name=incident_name, actor_links=actor_links, revisions=counted
            ),
            "summary_is_draft": not incident.summary,
            "revisions": history.revisions,
            "pending": [pending_words(r) for r in history.pending],
            "toll_steps": _steps(counted),
            "sources": incident.sources.select_related("article").order_by("created_at"),
            "chart_data": chart,
            "point": {
                "lon": incident.location.x,
                "lat": incident.location.y,
                "color": incident.event_type.color,
                "route": route_line,
                "timeZone": settings.TIME_ZONE,  # the table's times are in it
                # Named on the map whatever their size: where the incident is.
                "towns": [
                    {
                        "name": place.local_name(),
                        "lon": round(place.point.x, 4),
                        "lat": round(place.point.y, 4),
                    }
                    for place in places_around(
                        point=incident.location, within_km=AROUND_KM, limit=AROUND_TOWNS
                    )
                ],
            },
            "admin_url": reverse("admin:incidents_incident_change", args=[incident.pk])
            if can_edit
            else None,
        },
    )
