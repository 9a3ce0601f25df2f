"""A readable name and a drafted summary for an incident, made from its
fields in the interface language.

The name says what and where: "Armed clash on the Gao–Ansongo road (RN17),
45 km from Gao", "Attack near Tessit (Gao)", "Air/drone strike 50 km east of
Ménaka". The words the source used stay on the incident as
``location_text`` and are shown beside the name as "as reported"; they are
in the article's language, so they never make the name.

The summary is a draft for when no editor has written one: who against whom,
the toll with its qualifier and who gave it. An editor's summary (the
``summary`` field) always wins over the draft.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from django.db import connection
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from incidents.display.dates import incident_date_text
from incidents.display.places import area_name, area_names, local_name_of_row
from incidents.display.sources import join_words, said_by_phrase
from incidents.display.tolls import incident_killed_text
from incidents.models import GeoPrecision, Incident, Role

# Closer than this to its gazetteer place, an incident is "near" it; further,
# the distance and direction are given ("50 km east of Ménaka").
NEAR_KM = 5.0
EARTH_RADIUS_KM = 6371.0


def _french() -> bool:
    return (get_language() or "en").startswith("fr")


def elide(text: str, name: str) -> str:
    """French "de" before a vowel becomes "d'": "près d'Ansongo"."""
    if _french() and name[:1].upper() in "AEIOUYÂÉÈÊÎÔÛ":
        return text.replace(f"de {name}", f"d’{name}")
    return text


def _distance_km(a, b) -> float:
    lat1, lat2 = math.radians(a.y), math.radians(b.y)
    dlat, dlon = lat2 - lat1, math.radians(b.x - a.x)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def _bearing(origin, target) -> float:
    lat1, lat2 = math.radians(origin.y), math.radians(target.y)
    dlon = math.radians(target.x - origin.x)
    x = math.sin(dlon) * math.cos(lat2)
    y = math.cos(lat1) * math.sin(lat2) - math.sin(lat1) * math.cos(lat2) * math.cos(dlon)
    return (math.degrees(math.atan2(x, y)) + 360) % 360


def _direction_template(bearing: float) -> str:
    templates = [
        _("%(km)s km north of %(place)s"),
        _("%(km)s km north-east of %(place)s"),
        _("%(km)s km east of %(place)s"),
        _("%(km)s km south-east of %(place)s"),
        _("%(km)s km south of %(place)s"),
        _("%(km)s km south-west of %(place)s"),
        _("%(km)s km west of %(place)s"),
        _("%(km)s km north-west of %(place)s"),
    ]
    return templates[round(bearing / 45) % 8]


def route_name(route) -> str:
    """The road's name in the interface language. Road names are kept in
    English ("Gao–Ansongo road (RN17)"); French says "route Gao–Ansongo (RN17)"."""
    if _french():
        match = re.fullmatch(r"(?P<name>.+?) road(?P<rest>\s*\(.*\))?", route.name)
        if match:
            return f"route {match['name']}{match['rest'] or ''}"
    return route.name


def _place_label(place, areas: dict[str, str]) -> str:
    """ "Tessit (Gao)": the region is added unless it has the town's name."""
    name = place.local_name()
    if place.admin1 and place.admin1 != place.name:
        return f"{name} ({area_name(place.admin1, areas)})"
    return name


def where_text(
    incident: Incident,
    *,
    route_km: float | None = None,
    route_start: str = "",
    areas: dict[str, str] | None = None,
) -> str:
    """Where it happened, in words made from the fields (``areas``: the
    admin areas' local names, from ``area_names``; read when not given)."""
    place, route = incident.place, incident.route
    areas = area_names() if areas is None else areas
    if (
        route is not None
        and route_km is not None
        and incident.geo_precision in (GeoPrecision.BETWEEN, GeoPrecision.NEAR)
    ):
        if route_start:
            text = _("on the %(road)s, %(km)s km from %(start)s") % {
                "road": route_name(route),
                "km": round(route_km),
                "start": route_start,
            }
            return elide(text, route_start)
        return _("on the %(road)s") % {"road": route_name(route)}
    if incident.geo_precision == GeoPrecision.REGION or place is None:
        region = area_name(incident.admin1 or incident.admin2, areas)
        if region:
            return elide(_("in the %(region)s region") % {"region": region}, region)
        return _("in %(country)s") % {"country": incident.country}
    label = _place_label(place, areas)
    if incident.geo_precision == GeoPrecision.EXACT:
        return _("in %(place)s") % {"place": label}
    km = _distance_km(place.point, incident.location)
    if km >= NEAR_KM:
        text = _direction_template(_bearing(place.point, incident.location)) % {
            "km": round(km),
            "place": label,
        }
    else:
        text = _("near %(place)s") % {"place": label}
    return elide(text, place.local_name())


def incident_name(
    incident: Incident,
    *,
    route_km: float | None = None,
    route_start: str = "",
    areas: dict[str, str] | None = None,
) -> str:
    what = _(incident.sub_event_type.name)
    where = where_text(incident, route_km=route_km, route_start=route_start, areas=areas)
    return _("%(what)s %(where)s") % {"what": what, "where": where}


def _sentence(text: str) -> str:
    text = text.strip()
    return (text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")) if text else ""


def draft_summary(
    incident: Incident, *, name: str, actor_links: Iterable, revisions: Iterable
) -> str:
    """One or two sentences from the fields: what, where and when; who against
    whom; the toll with its qualifier and who gave it."""
    by_role: dict[str, list[str]] = {}
    for link in actor_links:
        by_role.setdefault(link.role, []).append(getattr(link, "actor_name", link.actor.name))
    perpetrators = join_words(by_role.get(Role.PERPETRATOR, []))
    targets = join_words(by_role.get(Role.TARGET, []))
    escorts = join_words(by_role.get(Role.ESCORT, []))
    victims = join_words(by_role.get(Role.VICTIM, []))

    parts = [
        _sentence(
            _("%(name)s, %(date)s")
            % {"name": name, "date": incident_date_text(incident, precision_note=False)}
        )
    ]
    who = ""
    if perpetrators and targets:
        who = _("%(perpetrators)s against %(targets)s") % {
            "perpetrators": perpetrators,
            "targets": targets,
        }
    elif perpetrators:
        who = _("attributed to %(perpetrators)s") % {"perpetrators": perpetrators}
    elif targets:
        who = _("against %(targets)s") % {"targets": targets}
    if escorts:
        who = (who + " " if who else "") + _("(escort: %(escorts)s)") % {"escorts": escorts}
    if victims:
        who = (who + "; " if who else "") + _("victims: %(victims)s") % {"victims": victims}
    parts.append(_sentence(who))

    if incident.killed is not None:
        toll = incident_killed_text(incident)
        current = [r for r in revisions if r.status != "rejected" and r.killed is not None]
        said_by = current[-1].said_by if current else ""
        if said_by:
            toll = _("%(toll)s, according to %(who)s") % {
                "toll": toll,
                "who": said_by_phrase(said_by),
            }
        parts.append(_sentence(toll))
    return " ".join(p for p in parts if p)


# --- batches ------------------------------------------------------------------------


def route_starts() -> dict[int, str]:
    """Each road's start (km 0) as the nearest gazetteer town to its first vertex."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT r.id, (SELECT ARRAY[p.name, p.name_en, p.name_fr] FROM incidents_place p
                          WHERE p.kind <> 'admin1'
                            AND ST_DWithin(p.point::geography, ST_StartPoint(r.line)::geography,
                                           10000)
                          ORDER BY p.point <-> ST_StartPoint(r.line) LIMIT 1)
            FROM incidents_route r
            """
        )
        return {pk: local_name_of_row(*names) if names else "" for pk, names in cursor.fetchall()}


def routes_km(incidents: Iterable[Incident]) -> dict[int, float]:
    """km from its road's start for each incident on a road, one query."""
    on_road = [i.pk for i in incidents if i.route_id]
    if not on_road:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT i.id, ST_Length(ST_LineSubstring(r.line, 0,
                                   ST_LineLocatePoint(r.line, i.location))::geography) / 1000.0
            FROM incidents_incident i JOIN incidents_route r ON r.id = i.route_id
            WHERE i.id = ANY(%s)
            """,
            [on_road],
        )
        return dict(cursor.fetchall())


def incident_names(
    incidents: list[Incident], *, areas: dict[str, str] | None = None
) -> dict[int, str]:
    """Names for several incidents (loaded with place, route and sub-type);
    ``areas`` (``area_names()``) when the caller has read them already."""
    kms = routes_km(incidents)
    starts = route_starts() if kms else {}
    if areas is None:
        areas = area_names() if incidents else {}
    return {
        i.pk: incident_name(
            i,
            route_km=kms.get(i.pk),
            route_start=starts.get(i.route_id, "") if i.route_id else "",
            areas=areas,
        )
        for i in incidents
    }


def named(queryset) -> list[tuple[Incident, str]]:
    """The incidents of ``queryset``, each with its readable name."""
    incidents = list(queryset.select_related("place", "route", "sub_event_type"))
    names = incident_names(incidents)
    return [(incident, names[incident.pk]) for incident in incidents]
