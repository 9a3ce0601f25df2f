"""What the extractor proposed from an article, waiting for an editor."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .incident import Role


class CandidateStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    APPROVED = "approved", _("Approved as a new incident")
    MERGED = "merged", _("Merged into an existing incident")
    REJECTED = "rejected", _("Rejected")


class ExtractionCandidate(models.Model):
    article = models.ForeignKey(
        "incidents.Article",
        on_delete=models.CASCADE,
        related_name="candidates",
        verbose_name=_("article"),
    )
    sequence = models.PositiveSmallIntegerField(
        _("position in the article"),
        help_text=_("Position of this incident among those extracted from the article."),
    )
    proposal = models.JSONField(
        _("proposed fields"),
        help_text=_("The extractor's output for this incident (extract_incidents format)."),
    )
    confidence = models.FloatField(_("confidence"), default=0.5)
    background = models.BooleanField(
        _("background mention"),
        default=False,
        db_index=True,
        help_text=_(
            "An earlier event the article only recalls as context. It is never "
            "filed on its own; approve it to promote it to an incident."
        ),
    )
    unknown_place = models.CharField(
        _("place missing from the gazetteer"),
        max_length=200,
        blank=True,
        help_text=_("Add it as a Place, then re-run extraction on the article."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CandidateStatus.choices,
        default=CandidateStatus.PENDING,
        db_index=True,
    )
    incident = models.ForeignKey(
        "incidents.Incident",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="candidates",
        help_text=_("The incident it became or was merged into."),
        verbose_name=_("incident"),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    review_note = models.TextField(_("review note"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "sequence"]
        verbose_name = _("extraction candidate")
        verbose_name_plural = _("extraction candidates")
        constraints = [
            # Re-running extraction on an article must not queue its incidents twice.
            models.UniqueConstraint(
                fields=["article", "sequence"], name="candidate_unique_per_article_sequence"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=CandidateStatus.values),
                name="candidate_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(status=CandidateStatus.PENDING)
                | models.Q(status=CandidateStatus.REJECTED)
                | models.Q(incident__isnull=False),
                name="candidate_reviewed_has_incident",
            ),
        ]

    def __str__(self) -> str:
        # Named as the queue lists it (what, where, when, in the interface
        # language), without a query: the place as the proposal names it.
        from incidents.display.proposals import proposal_day, proposal_name
        from incidents.extraction.proposal import IncidentProposal

        proposal = IncidentProposal.from_json(self.proposal or {})
        return f"{proposal_name(proposal)}, {proposal_day(proposal)}"


class UnresolvedActor(models.Model):
    """A party the extractor read in an article but could not find in the actor
    catalogue ("la katiba Serma", "the Ansaroul Islam group"). The name is kept as
    written so the candidate is never blocked; an editor maps it to an existing
    actor or adds it as a new one, and approval then links that actor."""

    candidate = models.ForeignKey(
        ExtractionCandidate,
        on_delete=models.CASCADE,
        related_name="unresolved_actors",
        verbose_name=_("candidate"),
    )
    name = models.CharField(_("name as written"), max_length=200)
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    language = models.CharField(_("language"), max_length=8, blank=True)
    evidence = models.TextField(
        _("evidence"), blank=True, help_text=_("The sentence that names it.")
    )
    actor = models.ForeignKey(
        "incidents.Actor",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("mapped to"),
        help_text=_("The catalogue actor this name means; the name is added as its alias."),
    )
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)

    class Meta:
        ordering = ["candidate", "name"]
        verbose_name = _("unresolved actor")
        verbose_name_plural = _("unresolved actors")
        constraints = [
            # Re-filing an article must not list the same unknown name twice.
            models.UniqueConstraint(
                fields=["candidate", "name", "role"], name="unresolvedactor_unique_per_candidate"
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="unresolvedactor_role_valid"
            ),
            # Resolved means mapped to an actor, and the other way round.
            models.CheckConstraint(
                condition=models.Q(actor__isnull=True, resolved_at__isnull=True)
                | models.Q(actor__isnull=False, resolved_at__isnull=False),
                name="unresolvedactor_resolved_has_actor",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.role})"
