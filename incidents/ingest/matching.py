"""Is an extracted incident one we already have?

Same event when, by default, within MATCH_MAX_KM and MATCH_MAX_DAYS (wider
for week/month precision) and the actors do not contradict each other: two
named perpetrators that differ (JNIM vs Islamic State Sahel) are different
events; an unidentified or missing perpetrator is compatible with any. Two
incidents the extractor found in one article are never the same event.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.contrib.gis.geos import Point
from django.db.models import Prefetch

from incidents.extraction.proposal import IncidentProposal
from incidents.geoexpr import distance_metres, within_metres
from incidents.models import Actor, ActorKind, Incident, IncidentActor, IncidentStatus, Role

PRECISION_DAYS = {"day": 0, "week": 4, "month": 16}


def proposal_point(proposal: IncidentProposal) -> Point | None:
    if proposal.latitude is None or proposal.longitude is None:
        return None
    return Point(proposal.longitude, proposal.latitude, srid=4326)


def proposal_date(proposal: IncidentProposal) -> date | None:
    return proposal.date


def named_perpetrators(proposal: IncidentProposal) -> set[str]:
    """Keys of the proposal's perpetrators that are named groups (not an
    unidentified armed group)."""
    keys = {a.key for a in proposal.actors if a.key and a.role == Role.PERPETRATOR}
    return (
        set(
            Actor.objects.filter(key__in=keys)
            .exclude(kind=ActorKind.UNIDENTIFIED)
            .values_list("key", flat=True)
        )
        if keys
        else set()
    )


def actors_compatible(proposed: set[str], incident: Incident) -> bool:
    """``proposed``: named_perpetrators() of the proposal. Uses the incident's
    prefetched actor links (candidates_for)."""
    existing = {
        link.actor.key
        for link in incident.actor_links.all()
        if link.role == Role.PERPETRATOR and link.actor.kind != ActorKind.UNIDENTIFIED
    }
    return not (proposed and existing and proposed.isdisjoint(existing))


def candidates_for(
    proposal: IncidentProposal, *, max_km: float | None = None, max_days: int | None = None
):
    """Incidents near the proposal in space and time, nearest first (not yet
    checked for actors)."""
    point, day = proposal_point(proposal), proposal_date(proposal)
    if point is None or day is None:
        return Incident.objects.none()
    max_km = settings.MATCH_MAX_KM if max_km is None else max_km
    days = (settings.MATCH_MAX_DAYS if max_days is None else max_days) + PRECISION_DAYS.get(
        proposal.date_precision or "day", 0
    )
    return (
        Incident.objects.exclude(status=IncidentStatus.RETRACTED)
        .filter(
            merged_into__isnull=True,
            date__gte=day - timedelta(days=days),
            date__lte=day + timedelta(days=days),
        )
        .filter(within_metres("location", point, max_km * 1000))
        .annotate(distance_m=distance_metres("location", point))
        .order_by("distance_m", "id")
        .prefetch_related(
            Prefetch("actor_links", queryset=IncidentActor.objects.select_related("actor"))
        )
    )


def find_match(proposal: IncidentProposal, *, exclude_ids=()) -> Incident | None:
    """The incident this proposal reports, if we have it. ``exclude_ids``: the
    incidents other proposals of the same article were filed under — the
    extractor told those apart, so they are not this one."""
    incidents = candidates_for(proposal).exclude(pk__in=list(exclude_ids))
    proposed = named_perpetrators(proposal)
    for incident in incidents[:10]:
        if actors_compatible(proposed, incident):
            return incident
    return None


def suggestions(proposal: IncidentProposal, limit: int = 5) -> list[Incident]:
    """Looser matches shown to an editor reviewing a candidate."""
    return list(
        candidates_for(
            proposal, max_km=settings.MATCH_MAX_KM * 2, max_days=settings.MATCH_MAX_DAYS * 4
        ).select_related("event_type")[:limit]
    )  # their names are shown
