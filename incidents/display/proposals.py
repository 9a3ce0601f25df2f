"""The machine's proposal, as the review page shows it, in the interface
language: precisions and roles by their labels, actors and places by their
names in that language (the proposal itself stores codes and English names)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import TextChoices
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from incidents.display.actors import actor_names
from incidents.display.names import elide, route_name
from incidents.display.places import area_name, area_names
from incidents.display.tolls import toll_figure
from incidents.extraction.proposal import IncidentProposal
from incidents.models import Actor, DatePrecision, GeoPrecision, Place, Role, Route
from incidents.tolls import current_toll


def _label(choices: type[TextChoices], value: str | None) -> str:
    try:
        return str(choices(value or "").label)
    except ValueError:
        return value or "?"


def proposal_words(proposal: dict) -> dict:
    listed = [a for a in proposal.get("actors") or [] if isinstance(a, dict)]
    actors = list(Actor.objects.filter(key__in=[a.get("key") for a in listed if a.get("key")]))
    names = actor_names(actors)
    by_key = {actor.key: names[actor.pk] for actor in actors}
    place_key = proposal.get("place_key")
    place = Place.objects.filter(key=place_key).first() if place_key else None
    return {
        "date_precision": _label(DatePrecision, proposal.get("date_precision")),
        "geo_precision": _label(GeoPrecision, proposal.get("geo_precision")),
        "place": place.local_name() if place else (proposal.get("place_name") or "?"),
        "admin1": area_name(proposal.get("admin1") or "", area_names()),
        "actors": [
            {
                "name": by_key.get(actor.get("key") or "", actor.get("name") or "?"),
                "role": _label(Role, actor.get("role")),
            }
            for actor in listed
        ],
    }


@dataclass(frozen=True, slots=True)
class _SaidFigure:
    """A proposal's figure as the toll rule reads a revision: said at its
    point's moment, not reviewed yet."""

    killed: int | None
    killed_min: int | None
    killed_max: int | None
    wounded: int | None
    qualifier: str
    reported_at: int
    status: str = "reported"
    pk: int | None = None


def proposal_toll_text(proposal: IncidentProposal) -> str:
    """The proposal's current toll as the incident would show it ("at least 32",
    "9–16"), by the one toll rule (``incidents.tolls.current_toll``); "–" without one."""
    said = [
        _SaidFigure(f.killed, f.killed_min, f.killed_max, point.wounded, f.qualifier, point.moment)
        for point in proposal.tolls
        for f in point.figures
    ]
    toll = current_toll(said)
    return toll_figure(toll.killed, toll.qualifier, toll.low, toll.high) or "–"


def proposal_name(
    proposal: IncidentProposal,
    place: Place | None = None,
    route: Route | None = None,
    areas: dict[str, str] | None = None,
) -> str:
    """What and where, in the interface language, as incidents are named
    ("Armed clash on the Gao–Ansongo road (RN17)", "Attack near Ménaka",
    "Attaque dans la région de Gao"); ``place``/``route``: the proposal's
    gazetteer place or road when the caller has read them, else its place name."""
    what = _(proposal.sub_event_type) if proposal.sub_event_type else _("Incident")
    if route is not None:
        where = _("on the %(road)s") % {"road": route_name(route)}
    elif proposal.geo_precision == GeoPrecision.REGION and proposal.admin1:
        region = area_name(proposal.admin1, areas or {})
        where = elide(_("in the %(region)s region") % {"region": region}, region)
    elif place is not None or proposal.place_name:
        name = place.local_name() if place is not None else proposal.place_name
        exact = proposal.geo_precision == GeoPrecision.EXACT
        where = elide((_("in %(place)s") if exact else _("near %(place)s")) % {"place": name}, name)
    else:
        return what
    return _("%(what)s %(where)s") % {"what": what, "where": where}


def proposal_day(proposal: IncidentProposal) -> str:
    """The proposed date as precise as the text gives it, in the interface's format."""
    if proposal.date is None:
        return "–"
    if proposal.date_precision == DatePrecision.MONTH:
        return date_format(proposal.date, "YEAR_MONTH_FORMAT")
    return date_format(proposal.date, "DATE_FORMAT")
