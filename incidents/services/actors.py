"""Actor writes. An actor's name is part of every incident that names it, so
a rename moves those incidents' ``updated_at`` — partners' incremental sync
then delivers them with the new name — and is written in each one's history
("actor Africa Corps renamed to Africa Corps (Russia)"), in a constant number
of statements however many incidents name the actor."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _

from incidents.models import Actor, Incident
from incidents.services.history import act_words, save_with_history, touch_with_history

# What partners receive about an actor inside each incident.
SHOWN_IN_INCIDENTS = {"key", "name", "short_name", "inter_code", "parent"}


@transaction.atomic
def save_actor(
    *, actor: Actor, changed_fields: Iterable[str], user: User | None = None, reason: str = ""
) -> Actor:
    """Save an actor edited by an editor; if a field incidents show changed,
    every incident that names the actor is marked updated, with the change
    in its history."""
    before = Actor.objects.filter(pk=actor.pk).values_list("name", flat=True).first()
    save_with_history(actor, user=user, act=reason or "")
    shown = sorted(set(changed_fields) & SHOWN_IN_INCIDENTS)
    if shown:
        if before is not None and before != actor.name:
            act = _("actor %(old)s renamed to %(new)s") % {"old": before, "new": actor.name}
        else:
            fields = ", ".join(
                str(getattr(Actor._meta.get_field(name), "verbose_name", name)) for name in shown
            )
            act = _("actor %(name)s changed: %(fields)s") % {"name": actor.name, "fields": fields}
        touch_with_history(
            Incident.objects.filter(actor_links__actor=actor),
            user=user,
            act=act_words(act, reason),
        )
    return actor


def _field_name(name: str) -> str:
    return str(getattr(Actor._meta.get_field(name), "verbose_name", name))
