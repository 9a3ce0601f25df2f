"""An editor's decisions on extraction candidates: approve as a new incident,
merge into an existing one, or reject. The review queue in the admin, its
bulk actions and the demo's auto-approval all call these; the incident
writes themselves go through ``incidents.services``."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from incidents import services
from incidents.extraction.proposal import IncidentProposal
from incidents.ingest.corrections import Corrections
from incidents.ingest.filing import (
    FilingResult,
    attach_report,
    can_approve,
    can_auto_approve,
    file_article,
)
from incidents.ingest.matching import proposal_date, proposal_point
from incidents.ingest.unresolved import link_mapped_actors
from incidents.models import (
    Actor,
    CandidateStatus,
    EntryKind,
    EventType,
    ExtractionCandidate,
    Incident,
    IncidentStatus,
    Role,
    Route,
    SubEventType,
)
from incidents.services.history import act_words, save_with_history


def _locked_pending(candidate: ExtractionCandidate) -> ExtractionCandidate:
    candidate = (
        ExtractionCandidate.objects.select_for_update()
        .select_related("article")
        .get(pk=candidate.pk)
    )
    if candidate.status != CandidateStatus.PENDING:
        raise ValidationError(
            _("This candidate was already reviewed (%(status)s).")
            % {"status": candidate.get_status_display()}
        )
    return candidate


def _close(candidate, *, status, user, incident=None, note=""):
    candidate.status = status
    candidate.incident = incident
    candidate.reviewed_by = user
    candidate.reviewed_at = timezone.now()
    candidate.review_note = note
    save_with_history(
        candidate,
        user=user,
        act=act_words(candidate.get_status_display(), note),
        fields=["status", "incident", "reviewed_by", "reviewed_at", "review_note"],
    )


def incident_from_proposal(
    proposal: IncidentProposal, *, user=None, corrections: Corrections | None = None
) -> Incident:
    """A new draft incident with the proposal's fields and actors (its
    sources and figures are attached separately), or the editor's where
    ``corrections`` change them."""
    corrections = corrections or Corrections()
    if corrections:
        proposal = proposal.corrected(**_as_proposal(corrections.fields))
    if not can_approve(proposal):
        raise ValidationError(
            _(
                "The proposal lacks a date, a location, a country or an event "
                "type; correct it before approving."
            )
        )
    event_type = EventType.objects.filter(name=proposal.event_type).first()
    if event_type is None:
        raise ValidationError(_("Unknown event type %(name)s.") % {"name": proposal.event_type})
    sub_type = SubEventType.objects.filter(
        event_type=event_type, name=proposal.sub_event_type
    ).first()
    if sub_type is None:
        sub_type = event_type.sub_types.order_by("-order").first()
    key = proposal.place
    actors = {
        a.key: a for a in Actor.objects.filter(key__in=[p.key for p in proposal.actors if p.key])
    }
    actor_roles = corrections.actor_roles
    if actor_roles is None:
        actor_roles = [
            (actors[item.key], item.role)
            for item in proposal.actors
            if item.key in actors and item.role in Role.values
        ]
    return services.create_incident(
        user=user,
        reason=_("corrected at review: %(fields)s") % {"fields": ", ".join(corrections.names())}
        + (f" — {corrections.reason}" if corrections.reason else "")
        if corrections
        else "",
        date=proposal_date(proposal),
        date_precision=proposal.date_precision or "day",
        location=proposal_point(proposal),
        geo_precision=proposal.geo_precision or "exact",
        location_text=(proposal.location_text or proposal.place_name)[:300],
        place=services.place_for_key(key=key, user=user),
        route=Route.objects.filter(slug=key).first(),
        country=proposal.country,
        admin1=proposal.admin1,
        admin2=proposal.admin2,
        event_type=event_type,
        sub_event_type=sub_type,
        civilian_targeting=proposal.civilian_targeting,
        actor_roles=actor_roles,
    )


def _as_proposal(fields: dict) -> dict:
    """Corrected incident fields as the proposal's (IncidentProposal) fields."""
    out = {}
    for name, value in fields.items():
        if name == "location":
            out["longitude"], out["latitude"] = value.x, value.y
        elif name == "place":
            out["place"] = value.key if value is not None else ""
        elif name == "event_type":
            out["event_type"] = value.name
        elif name == "sub_event_type":
            out["sub_event_type"] = value.name
        else:
            out[name] = value
    return out


@transaction.atomic
def approve_candidate(
    *,
    candidate: ExtractionCandidate,
    user,
    status: str = IncidentStatus.PUBLISHED,
    corrections: Corrections | None = None,
) -> Incident:
    """Approve as a new incident, with the editor's ``corrections`` if any
    (the candidate keeps the machine's proposal; its review note lists them)."""
    candidate = _locked_pending(candidate)
    corrections = corrections or Corrections()
    proposal = IncidentProposal.from_json(candidate.proposal)
    incident = incident_from_proposal(proposal, user=user, corrections=corrections)
    attach_report(incident=incident, article=candidate.article, proposal=proposal, user=user)
    if corrections.figures:
        services.record_toll_revision(
            incident=incident,
            **corrections.figures,
            article=candidate.article,
            entry_kind=EntryKind.EDITOR,
            entered_by=user,
            reason=corrections.reason or _("corrected at review"),
        )
    if status == IncidentStatus.PUBLISHED:
        services.publish_incident(
            incident=incident, user=user, reason=_("approved from the review queue")
        )
    note = (
        _("corrected: %(fields)s") % {"fields": ", ".join(corrections.names())}
        if corrections
        else ""
    )
    _close(candidate, status=CandidateStatus.APPROVED, user=user, incident=incident, note=note)
    link_mapped_actors(candidate=candidate)
    incident.refresh_from_db()
    return incident


@transaction.atomic
def merge_candidate(*, candidate: ExtractionCandidate, incident: Incident, user) -> Incident:
    candidate = _locked_pending(candidate)
    if incident.merged_into is not None:
        incident = incident.merged_into
    attach_report(
        incident=incident,
        article=candidate.article,
        proposal=IncidentProposal.from_json(candidate.proposal),
        user=user,
    )
    _close(candidate, status=CandidateStatus.MERGED, user=user, incident=incident)
    return incident


@transaction.atomic
def reject_candidate(*, candidate: ExtractionCandidate, user, note: str = "") -> None:
    candidate = _locked_pending(candidate)
    _close(candidate, status=CandidateStatus.REJECTED, user=user, note=note)


@transaction.atomic
def file_and_auto_approve(article_id: int) -> FilingResult:
    """File the article; with INGEST_AUTO_APPROVE (the demo), approve each new
    candidate that can become an incident, in the same transaction so the
    matching lock still holds and a second report of it matches."""
    result = file_article(article_id)
    if settings.INGEST_AUTO_APPROVE:
        for candidate in ExtractionCandidate.objects.filter(pk__in=result.new_candidates):
            if can_auto_approve(IncidentProposal.from_json(candidate.proposal)):
                result.approved.append(approve_candidate(candidate=candidate, user=None).pk)
    return result
