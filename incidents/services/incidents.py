"""Incident writes: create, update (with the optimistic version check),
publish, retract, set back to draft. Every writer calls these — admin forms
and actions, the review queue, imports, tasks — so no incident field is set
anywhere else. Each records the act in the incident's history, and recomputes
the stored toll from the revisions (so nothing restores a stale one)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from incidents.models import Actor, Incident, IncidentActor, IncidentStatus, Role
from incidents.services.history import act_words, delete_with_history, save_with_history
from incidents.services.toll_revisions import accept_on_publication, apply_current_toll

# What an editor (or an import) may set on an incident. The toll, the pin,
# the merge and the version are derived or have their own services.
EDITABLE_FIELDS = (
    "date",
    "date_precision",
    "location",
    "geo_precision",
    "location_text",
    "place",
    "route",
    "country",
    "admin1",
    "admin2",
    "event_type",
    "sub_event_type",
    "civilian_targeting",
    "summary",
)
DERIVED = ["killed", "killed_low", "killed_high", "wounded", "killed_qualifier", "pinned_revision"]


class EditConflict(Exception):
    """Someone else saved the incident after the editor loaded it."""

    def __init__(self, *, who: object, when: datetime | None) -> None:
        self.who, self.when = who, when
        super().__init__(
            _(
                "Someone else (%(who)s) saved this incident at %(when)s, after you opened it. "
                "Your changes were not saved. Reload the page to see their version, then make "
                "your changes again."
            )
            % {
                "who": who or _("another editor"),
                "when": timezone.localtime(when).strftime("%Y-%m-%d %H:%M:%S") if when else "?",
            }
        )


def _locked(incident_id: int) -> Incident:
    return Incident.objects.select_for_update().get(pk=incident_id)


def check_version(*, incident_id: int, loaded_version: int | None) -> Incident:
    """Lock the incident; raise EditConflict unless it is still at the version
    the editor loaded. Returns the locked row."""
    incident = _locked(incident_id)
    if loaded_version is None or incident.version != loaded_version:
        last = incident.history.order_by("-history_date").first()
        raise EditConflict(
            who=getattr(last, "history_user", None), when=last.history_date if last else None
        )
    return incident


def _clean_and_save(
    incident: Incident, *, user: User | None, act: str, fields: list[str] | None = None
) -> None:
    incident.full_clean(exclude=["place", "route", *DERIVED, "merged_into"])
    apply_current_toll(incident)
    save_with_history(
        incident, user=user, act=act, fields=None if fields is None else [*fields, *DERIVED]
    )


@transaction.atomic
def create_incident(
    *,
    user: User | None = None,
    reason: str = "",
    actor_roles: Iterable[tuple[Actor, str]] = (),
    **fields: Any,
) -> Incident:
    """A new draft incident with ``fields`` (see EDITABLE_FIELDS) and actors
    in roles (``[(actor, role), ...]``); publish it with ``publish_incident``
    once its sources and figures are attached."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {', '.join(sorted(unknown))}")
    incident = Incident(status=IncidentStatus.DRAFT, **fields)
    incident.full_clean(exclude=["place", "route", *DERIVED, "merged_into"])
    save_with_history(incident, user=user, act=act_words(_("created"), reason))
    for actor, role in dict.fromkeys(actor_roles):
        link = IncidentActor(incident=incident, actor=actor, role=role)
        save_with_history(link, user=user, act=_named(actor, role))
    return incident


@transaction.atomic
def update_incident(
    *,
    incident: Incident,
    changes: dict[str, Any],
    user: User | None = None,
    expected_version: int | None = None,
    reason: str = "",
) -> Incident:
    """Apply ``changes`` (EDITABLE_FIELDS only) and bump the version.

    ``expected_version`` is the version the editor loaded: if someone saved
    since, EditConflict is raised and nothing is written. Writers without a
    form (imports, tasks) pass None to skip the check."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {', '.join(sorted(unknown))}")
    if expected_version is None:
        row = _locked(incident.pk)
    else:
        row = check_version(incident_id=incident.pk, loaded_version=expected_version)
    changed = [name for name, value in changes.items() if getattr(row, name) != value]
    for name, value in changes.items():
        setattr(row, name, value)
    row.version += 1
    act = _("changed %(fields)s") % {"fields": ", ".join(changed)} if changed else _("saved")
    _clean_and_save(row, user=user, act=act_words(act, reason), fields=[*changes, "version"])
    return row


def _set_status(incident: Incident, *, status: str, user: User | None, act: str) -> Incident:
    row = _locked(incident.pk)
    if row.merged_into_id is not None:
        raise ValidationError(
            _("This incident was merged into #%(id)s; undo the merge first.")
            % {"id": row.merged_into_id}
        )
    row.status = status
    row.version += 1
    _clean_and_save(row, user=user, act=act, fields=["status", "version"])
    return row


@transaction.atomic
def publish_incident(*, incident: Incident, user: User | None = None, reason: str = "") -> Incident:
    """Make the incident visible to analysts and partners, accepting the
    figures it shows (incidents.tolls, step 7)."""
    accept_on_publication(incident=incident, user=user)
    return _set_status(
        incident, status=IncidentStatus.PUBLISHED, user=user, act=act_words(_("published"), reason)
    )


@transaction.atomic
def retract_incident(*, incident: Incident, user: User | None, reason: str) -> Incident:
    """Withdraw the incident everywhere; partners receive a tombstone. The
    reason is required and kept in the history."""
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the incident is retracted.")})
    return _set_status(
        incident, status=IncidentStatus.RETRACTED, user=user, act=act_words(_("retracted"), reason)
    )


@transaction.atomic
def unpublish_incident(*, incident: Incident, user: User | None, reason: str = "") -> Incident:
    """Set the incident back to draft (partners receive a tombstone)."""
    return _set_status(
        incident,
        status=IncidentStatus.DRAFT,
        user=user,
        act=act_words(_("set back to draft"), reason),
    )


def change_status(
    *, incident: Incident, status: str, user: User | None, reason: str = ""
) -> Incident:
    """The service for a status chosen in a form."""
    if status == IncidentStatus.PUBLISHED:
        return publish_incident(incident=incident, user=user, reason=reason)
    if status == IncidentStatus.RETRACTED:
        return retract_incident(incident=incident, user=user, reason=reason)
    return unpublish_incident(incident=incident, user=user, reason=reason)


def touch(*, incident_ids: Iterable[int], user: User | None = None, act: str) -> None:
    """Move ``updated_at`` of these incidents (so partner sync delivers them),
    recording ``act`` in each one's history."""
    for incident in Incident.objects.select_for_update().filter(pk__in=list(incident_ids)):
        save_with_history(incident, user=user, act=act, fields=[])


def _named(actor: Actor, role: str) -> str:
    return _("named %(actor)s as %(role)s") % {"actor": actor.name, "role": _role(role)}


def _unnamed(actor: Actor, role: str) -> str:
    return _("removed %(actor)s as %(role)s") % {"actor": actor.name, "role": _role(role)}


def _role(role: str) -> str:
    return str(Role(role).label).lower()


@transaction.atomic
def link_actor(
    *, incident: Incident, actor: Actor, role: str, user: User | None = None, reason: str = ""
) -> tuple[IncidentActor, bool]:
    """Name ``actor`` in ``role`` on the incident (once); a new link is
    recorded in its history and moves its ``updated_at`` for partners' sync."""
    added, _removed = set_actor_links(
        incident=incident, add=[(actor, role)], remove=[], user=user, reason=reason
    )
    if added:
        return added[0], True
    return IncidentActor.objects.get(incident=incident, actor=actor, role=role), False


@transaction.atomic
def unlink_actor(*, link: IncidentActor, user: User | None = None, reason: str = "") -> bool:
    """Remove an actor from an incident (the link's own history keeps it)."""
    _added, removed = set_actor_links(
        incident=link.incident, add=[], remove=[link], user=user, reason=reason
    )
    return bool(removed)


@transaction.atomic
def replace_actor_links(
    *,
    incident: Incident,
    links: Iterable[tuple[Actor, str]],
    user: User | None = None,
    reason: str = "",
) -> tuple[list[IncidentActor], list[IncidentActor]]:
    """Make ``links`` (``[(actor, role), ...]``) the incident's actors: the
    missing ones are added, the others removed — as an import does, which
    owns its incidents. Returns ``(added, removed)``."""
    wanted = {(actor.pk, role): actor for actor, role in links}
    current = list(IncidentActor.objects.filter(incident=incident).select_related("actor"))
    have = {(link.actor_id, link.role) for link in current}
    return set_actor_links(
        incident=incident,
        add=[(actor, role) for (pk, role), actor in wanted.items() if (pk, role) not in have],
        remove=[link for link in current if (link.actor_id, link.role) not in wanted],
        user=user,
        reason=reason,
    )


@transaction.atomic
def set_actor_links(
    *,
    incident: Incident,
    add: Iterable[tuple[Actor, str]],
    remove: Iterable[IncidentActor],
    user: User | None = None,
    reason: str = "",
) -> tuple[list[IncidentActor], list[IncidentActor]]:
    """The one write of an incident's actor links: remove the links in
    ``remove``, add ``add`` (``[(actor, role), ...]``, those it has already
    are skipped). Each link's own history names the editor and the act; the
    incident gets one history row in words ("named Wagner Group as
    escort/ally; removed JNIM as perpetrator — reason: …") and a new
    ``updated_at`` when anything changed. Returns ``(added, removed)``."""
    row = _locked(incident.pk)
    removed: list[IncidentActor] = []
    stored = IncidentActor.objects.filter(incident=row).select_related("actor")
    for gone in remove:
        link = stored.filter(pk=gone.pk).first()
        if link is None:
            continue
        act = act_words(_unnamed(link.actor, link.role), reason)
        delete_with_history(link, user=user, act=act)
        removed.append(link)
    added: list[IncidentActor] = []
    for actor, role in add:
        if IncidentActor.objects.filter(incident=row, actor=actor, role=role).exists():
            continue
        link = IncidentActor(incident=row, actor=actor, role=role)
        link.full_clean(exclude=["incident"], validate_unique=False)
        save_with_history(
            link,
            user=user,
            act=act_words(_named(actor, role), reason),
        )
        added.append(link)
    words = [_named(ln.actor, ln.role) for ln in added]
    words += [_unnamed(ln.actor, ln.role) for ln in removed]
    if words:
        save_with_history(row, user=user, act=act_words("; ".join(words), reason), fields=[])
    return added, removed
