"""Actor writes. An actor's name is part of every incident that names it, so
a rename moves those incidents' ``updated_at``: partners' incremental sync
then delivers them with the new name."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from incidents.models import Actor, Incident
from incidents.services.history import save_with_history

# What partners receive about an actor inside each incident.
SHOWN_IN_INCIDENTS = {"key", "name", "short_name", "inter_code", "parent"}


@transaction.atomic
def save_actor(
    *, actor: Actor, changed_fields: Iterable[str], user: User | None = None, reason: str = ""
) -> Actor:
    """Save an actor edited by an editor; if a field incidents show changed,
    every incident that names the actor is marked updated."""
    save_with_history(actor, user=user, act=reason or "")
    if set(changed_fields) & SHOWN_IN_INCIDENTS:
        # One UPDATE, not a history row per incident: the act is in the actor's history.
        Incident.objects.filter(actor_links__actor=actor).update(updated_at=timezone.now())
    return actor
