"""Actors the extractor named but the catalogue does not know.

A perpetrator missing from the catalogue never blocks a candidate: the engine keeps
the name as written (``{"key": null, "unresolved": true}`` in the proposal), filing
stores it as an UnresolvedActor, and an editor either maps it to an existing actor or
adds it as a new one. Either way the name becomes an alias of that actor, so the
extractor recognises it in the next article, and the candidate's incident (now, if it
was already approved; at approval otherwise) links the actor in its role.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from incidents import services
from incidents.extraction.proposal import IncidentProposal
from incidents.interchange.loader import _unique_slug
from incidents.models import (
    Actor,
    ActorAlias,
    ActorKind,
    ExtractionCandidate,
    Role,
    UnresolvedActor,
)

# ACLED inter code of a new actor by its kind (1 state, 2 rebel, 3 political militia,
# 7 civilians, 8 external/other forces).
INTER_CODE_OF_KIND: dict[str, int] = {
    ActorKind.STATE: 1,
    ActorKind.REBEL: 2,
    ActorKind.MILITIA: 3,
    ActorKind.UNIDENTIFIED: 3,
    ActorKind.CIVILIANS: 7,
    ActorKind.FOREIGN: 8,
}


def record_unresolved_actors(*, candidate: ExtractionCandidate, proposal: IncidentProposal) -> int:
    """Store the proposal's unresolved actors for the candidate (idempotent)."""
    created = 0
    for item in proposal.actors:
        if item.key or not item.unresolved or not item.name:
            continue
        role = item.role if item.role in Role.values else Role.PERPETRATOR
        _, new = UnresolvedActor.objects.get_or_create(
            candidate=candidate,
            name=item.name[:200],
            role=role,
            defaults={"language": proposal.lang[:8], "evidence": item.evidence[:2000]},
        )
        created += new
    return created


@transaction.atomic
def map_unresolved_actor(*, unresolved: UnresolvedActor, actor: Actor) -> UnresolvedActor:
    """Map the name to ``actor``: add it as an alias (unless another actor already
    owns that alias in that language) and link the actor to the approved incident."""
    unresolved = (
        UnresolvedActor.objects.select_for_update()
        .select_related("candidate")
        .get(pk=unresolved.pk)
    )
    unresolved.actor = actor
    unresolved.resolved_at = timezone.now()
    unresolved.save(update_fields=["actor", "resolved_at"])
    language = unresolved.language or "en"
    if not ActorAlias.objects.filter(text__iexact=unresolved.name, language=language).exists():
        ActorAlias.objects.create(actor=actor, text=unresolved.name, language=language)
    incident = unresolved.candidate.incident
    if incident is not None:
        services.link_actor(incident=incident, actor=actor, role=unresolved.role)
    return unresolved


@transaction.atomic
def add_unresolved_as_actor(*, unresolved: UnresolvedActor, kind: str, country: str = "") -> Actor:
    """Add the name to the catalogue as a new actor of ``kind``, then map it (to the
    actor of that exact name, if one was added meanwhile)."""
    actor = Actor.objects.filter(name__iexact=unresolved.name.strip()).first()
    if actor is not None:
        map_unresolved_actor(unresolved=unresolved, actor=actor)
        return actor
    actor = Actor.objects.create(
        key=_unique_slug(Actor, "key", unresolved.name),
        name=unresolved.name[:200],
        kind=kind,
        inter_code=INTER_CODE_OF_KIND.get(kind, 2),
        country=country[:2],
        description="Added from the review queue, as written in an article.",
    )
    map_unresolved_actor(unresolved=unresolved, actor=actor)
    return actor


def link_mapped_actors(*, candidate: ExtractionCandidate) -> None:
    """At approval: the actors editors already mapped join the new incident."""
    incident = candidate.incident
    if incident is None:  # not approved: nothing to link yet
        return
    for unresolved in candidate.unresolved_actors.filter(actor__isnull=False):
        if unresolved.actor is not None:  # (the filter says so)
            services.link_actor(incident=incident, actor=unresolved.actor, role=unresolved.role)
