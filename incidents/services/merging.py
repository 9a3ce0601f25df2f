"""Merging a duplicate incident into the one that survives, and undoing it.

A merge moves the duplicate's sources and actor links to the survivor (those
the survivor already has stay behind), links its toll revisions (they are
append-only, so the survivor's toll reads them through ``merged_into``) and
leaves the duplicate as a tombstone pointing at the survivor. What moved is
written on the IncidentMerge row, so the merge can be undone exactly.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from incidents.models import Incident, IncidentActor, IncidentMerge, IncidentSource
from incidents.services.history import act_words, save_with_history
from incidents.services.toll_revisions import apply_current_toll

TOLL_AND_MERGE = [
    "killed",
    "killed_low",
    "killed_high",
    "wounded",
    "killed_qualifier",
    "pinned_revision",
    "merged_into",
    "version",
]


def _lock_pair(a_id: int, b_id: int) -> dict[int, Incident]:
    """Both rows, locked in id order so two merges cannot deadlock."""
    return {
        i.pk: i
        for i in Incident.objects.select_for_update().filter(pk__in=[a_id, b_id]).order_by("pk")
    }


def _save(incident: Incident, *, user: User | None, act: str) -> None:
    apply_current_toll(incident)
    save_with_history(incident, user=user, act=act, fields=TOLL_AND_MERGE)


@transaction.atomic
def merge_incidents(
    *, duplicate: Incident, survivor: Incident, user: User | None, reason: str
) -> IncidentMerge:
    if not reason.strip():
        raise ValidationError({"reason": _("Say why these incidents are the same.")})
    target = Incident.objects.filter(pk=survivor.pk).values_list("merged_into", flat=True).first()
    survivor_id = target or survivor.pk  # merging into a tombstone means into its survivor
    rows = _lock_pair(duplicate.pk, survivor_id)
    duplicate, survivor = rows[duplicate.pk], rows[survivor_id]
    if duplicate.pk == survivor.pk:
        raise ValidationError(_("An incident cannot be merged into itself."))
    if duplicate.merged_into_id is not None:
        raise ValidationError(
            _("#%(id)s is already merged into #%(into)s.")
            % {"id": duplicate.pk, "into": duplicate.merged_into_id}
        )

    has_article = set(survivor.sources.values_list("article_id", flat=True))
    moved_sources = [s.pk for s in duplicate.sources.all() if s.article_id not in has_article]
    has_link = set(survivor.actor_links.values_list("actor_id", "role"))
    moved_links = [
        link.pk
        for link in duplicate.actor_links.all()
        if (link.actor_id, link.role) not in has_link
    ]
    # Duplicates merged into this one before now belong to the survivor.
    moved_incidents = list(
        Incident.objects.filter(merged_into=duplicate).values_list("pk", flat=True)
    )
    IncidentSource.objects.filter(pk__in=moved_sources).update(incident=survivor)
    IncidentActor.objects.filter(pk__in=moved_links).update(incident=survivor)
    Incident.objects.filter(pk__in=moved_incidents).update(
        merged_into=survivor, updated_at=timezone.now()
    )

    merge = IncidentMerge.objects.create(
        duplicate=duplicate,
        survivor=survivor,
        merged_by=user,
        reason=reason,
        moved_sources=moved_sources,
        moved_actor_links=moved_links,
        moved_incidents=moved_incidents,
    )
    duplicate.merged_into = survivor
    duplicate.version += 1
    _save(
        duplicate, user=user, act=act_words(_("merged into #%(id)s") % {"id": survivor.pk}, reason)
    )
    survivor.version += 1
    _save(
        survivor,
        user=user,
        act=act_words(_("#%(id)s merged into this incident") % {"id": duplicate.pk}, reason),
    )
    return merge


@transaction.atomic
def undo_merge(*, merge: IncidentMerge, user: User | None, reason: str) -> Incident:
    """Give the duplicate back what the merge moved; returns the duplicate,
    visible again with its own sources, actors and figures."""
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the merge is undone.")})
    merge = IncidentMerge.objects.select_for_update().get(pk=merge.pk)
    if merge.undone_at is not None:
        raise ValidationError(_("This merge was already undone."))
    rows = _lock_pair(merge.duplicate_id, merge.survivor_id)
    duplicate, survivor = rows[merge.duplicate_id], rows[merge.survivor_id]
    IncidentSource.objects.filter(pk__in=merge.moved_sources, incident=survivor).update(
        incident=duplicate
    )
    IncidentActor.objects.filter(pk__in=merge.moved_actor_links, incident=survivor).update(
        incident=duplicate
    )
    Incident.objects.filter(pk__in=merge.moved_incidents, merged_into=survivor).update(
        merged_into=duplicate, updated_at=timezone.now()
    )
    merge.undone_at, merge.undone_by, merge.undo_reason = timezone.now(), user, reason
    merge.save(update_fields=["undone_at", "undone_by", "undo_reason"])
    duplicate.merged_into = None
    duplicate.version += 1
    pinned = survivor.pinned_revision
    if pinned is not None and pinned.incident_id == duplicate.pk:
        survivor.pinned_revision = None  # the pinned figure goes back with its incident
    _save(
        duplicate,
        user=user,
        act=act_words(_("merge into #%(id)s undone") % {"id": survivor.pk}, reason),
    )
    survivor.version += 1
    _save(
        survivor,
        user=user,
        act=act_words(_("merge of #%(id)s undone") % {"id": duplicate.pk}, reason),
    )
    return duplicate
