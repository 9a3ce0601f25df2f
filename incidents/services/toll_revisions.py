"""Toll revision writes: record a figure, accept or reject it, pin or unpin
it. Each recomputes the incident's stored toll through the one rule
(``incidents.tolls``) in the same transaction and records the act in the
incident's history."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from incidents.models import Article, EntryKind, Incident, TollRevision, TollStatus
from incidents.selectors import toll_revisions_of
from incidents.services.history import act_words, figure_words, save_with_history
from incidents.tolls import current_toll, reviewed_only

TOLL_FIELDS = [
    "killed",
    "killed_low",
    "killed_high",
    "wounded",
    "killed_qualifier",
    "pinned_revision",
]


def revisions_of(incident: Incident) -> QuerySet[TollRevision]:
    """The revisions that make the incident's toll (see selectors.toll_revisions_of)."""
    return toll_revisions_of(incident.pk)


def initial_status(*, incident: Incident, entry_kind: str) -> tuple[str, str]:
    """A new revision's review status and note. An editor's figure is
    accepted (entering it is reviewing it), as is an imported dataset's (an
    editor chose to import it); a machine figure is reported — pending on a
    published incident — unless the newsroom set TOLL_AUTO_ACCEPT."""
    if entry_kind in (EntryKind.EDITOR, EntryKind.IMPORT):
        return TollStatus.ACCEPTED, ""
    if reviewed_only(incident.status) and settings.TOLL_AUTO_ACCEPT:
        return TollStatus.ACCEPTED, _("accepted automatically (TOLL_AUTO_ACCEPT)")
    return TollStatus.REPORTED, ""


@transaction.atomic
def accept_on_publication(*, incident: Incident, user: User | None) -> int:
    """Publishing accepts the figures the incident shows: the publisher has
    seen them. Returns how many were accepted."""
    revisions = list(
        revisions_of(incident)
        .select_for_update()
        .filter(status__in=[TollStatus.REPORTED, TollStatus.SUPERSEDED])
    )
    now = timezone.now()
    for revision in revisions:
        revision.status, revision.reviewed_by, revision.reviewed_at = (
            TollStatus.ACCEPTED,
            user,
            now,
        )
        revision.review_note = _("accepted on publication")
        save_with_history(
            revision,
            user=user,
            act=revision.review_note,
            fields=["status", "review_note", "reviewed_by", "reviewed_at"],
        )
    return len(revisions)


def apply_current_toll(incident: Incident) -> None:
    """Set the incident's toll fields from its revisions (not saved here).

    Also keeps the informational ``superseded`` status in step: reported
    figures older than the current ones are marked superseded, and a
    superseded figure that becomes current again goes back to reported.
    """
    revisions = list(revisions_of(incident))
    pinned_id = incident.pinned_revision_id
    if pinned_id is not None and not any(
        r.pk == pinned_id and r.status != TollStatus.REJECTED for r in revisions
    ):
        pinned_id = None
    toll = current_toll(revisions, pinned_id, reviewed_only=reviewed_only(incident.status))

    current_ids = set(toll.revision_ids)
    if current_ids:
        newest_current = max((r.reported_at, r.pk) for r in revisions if r.pk in current_ids)
        for revision in revisions:
            if revision.pk in current_ids and revision.status == TollStatus.SUPERSEDED:
                _set_status(revision, TollStatus.REPORTED)
            elif (
                revision.pk not in current_ids
                and revision.status == TollStatus.REPORTED
                and (revision.reported_at, revision.pk) < newest_current
            ):
                _set_status(revision, TollStatus.SUPERSEDED)

    incident.killed = toll.killed
    incident.killed_low = toll.low
    incident.killed_high = toll.high
    incident.wounded = toll.wounded
    incident.killed_qualifier = toll.qualifier
    incident.pinned_revision_id = pinned_id


@transaction.atomic
def refresh_current_toll(
    *, incident: Incident, user: User | None = None, act: str = ""
) -> Incident:
    """Recompute the incident's stored toll from its revisions and save it,
    recording ``act`` (what changed, in words) in its history."""
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    apply_current_toll(incident)
    save_with_history(incident, user=user, act=act or _("toll recomputed"), fields=TOLL_FIELDS)
    return incident


def _set_status(revision: TollRevision, status: str) -> None:
    revision.status = status
    revision.save(update_fields=["status"])


@transaction.atomic
def record_toll_revision(
    *,
    incident: Incident,
    killed: int | None,
    killed_min: int | None = None,
    killed_max: int | None = None,
    qualifier: str = "exact",
    wounded: int | None = None,
    civilians_killed: int | None = None,
    soldiers_killed: int | None = None,
    militants_killed: int | None = None,
    said_by: str = "",
    article: Article | None = None,
    quote: str = "",
    reported_at: datetime | None = None,
    entry_kind: str = EntryKind.EXTRACTOR,
    entered_by: User | None = None,
    reason: str = "",
) -> TollRevision:
    """Append a revision and update the incident's current toll in the same transaction.

    An editor's correction (``entry_kind=editor``) must say why, and is
    accepted at once: the editor has reviewed it by entering it. A machine
    figure on a published incident waits for review (``initial_status``).
    """
    incident = Incident.objects.get(pk=incident.pk)
    status, note = initial_status(incident=incident, entry_kind=entry_kind)
    revision = TollRevision(
        incident=incident,
        killed=killed,
        killed_min=killed_min,
        killed_max=killed_max,
        qualifier=qualifier,
        wounded=wounded,
        civilians_killed=civilians_killed,
        soldiers_killed=soldiers_killed,
        militants_killed=militants_killed,
        said_by=said_by,
        article=article,
        quote=quote,
        reported_at=reported_at or timezone.now(),
        entry_kind=entry_kind,
        entered_by=entered_by,
        reason=reason,
        status=status,
        review_note=note,
    )
    revision.full_clean()
    revision.save()
    if entry_kind == EntryKind.EDITOR:
        act = act_words(
            _("corrected the toll to %(figure)s") % {"figure": figure_words(revision)}, reason
        )
    elif article is not None:
        act = _("figure %(figure)s reported by article #%(article)s") % {
            "figure": figure_words(revision),
            "article": article.pk,
        }
    else:
        act = _("figure %(figure)s recorded (%(kind)s)") % {
            "figure": figure_words(revision),
            "kind": revision.get_entry_kind_display(),
        }
    refresh_current_toll(incident=incident, user=entered_by, act=act)
    return revision


@transaction.atomic
def review_toll_revision(
    *, revision: TollRevision, status: str, user: User | None, note: str = ""
) -> TollRevision:
    """Accept or reject a revision. Its numbers never change; only the review does."""
    if status not in (TollStatus.ACCEPTED, TollStatus.REJECTED):
        raise ValidationError(_("A revision can only be accepted or rejected."))
    if status == TollStatus.REJECTED and not note.strip():
        raise ValidationError({"note": _("Say why you reject this figure.")})
    revision = TollRevision.objects.select_for_update().get(pk=revision.pk)
    revision.status = status
    revision.review_note = note
    revision.reviewed_by = user
    revision.reviewed_at = timezone.now()
    save_with_history(
        revision,
        user=user,
        act=note,
        fields=["status", "review_note", "reviewed_by", "reviewed_at"],
    )
    verb = _("accepted %(figure)s") if status == TollStatus.ACCEPTED else _("rejected %(figure)s")
    owner = revision.incident.merged_into or revision.incident
    refresh_current_toll(
        incident=owner, user=user, act=act_words(verb % {"figure": figure_words(revision)}, note)
    )
    return revision


@transaction.atomic
def pin_toll_revision(
    *,
    incident: Incident,
    revision: TollRevision | None,
    user: User | None = None,
    reason: str = "",
) -> Incident:
    """Make ``revision`` the incident's current toll whatever comes later; None unpins."""
    if revision is not None:
        revision = TollRevision.objects.select_for_update().get(pk=revision.pk)
        if not revisions_of(incident).filter(pk=revision.pk).exists():
            raise ValidationError(_("That revision belongs to another incident."))
        if revision.status == TollStatus.REJECTED:
            raise ValidationError(_("A rejected revision cannot be pinned."))
        act = _("pinned %(figure)s") % {"figure": figure_words(revision)}
    else:
        act = _("unpinned the toll")
    Incident.objects.filter(pk=incident.pk).update(pinned_revision=revision)
    return refresh_current_toll(incident=incident, user=user, act=act_words(act, reason))
