"""What the extractor proposed from an article, waiting for an editor."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class CandidateStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    APPROVED = "approved", _("Approved as a new incident")
    MERGED = "merged", _("Merged into an existing incident")
    REJECTED = "rejected", _("Rejected")


class ExtractionCandidate(models.Model):
    article = models.ForeignKey(
        "incidents.Article", on_delete=models.CASCADE, related_name="candidates"
    )
    sequence = models.PositiveSmallIntegerField(
        help_text=_("Position of this incident among those extracted from the article.")
    )
    proposal = models.JSONField(
        _("proposed fields"),
        help_text=_("The extractor's output for this incident (extract_incidents format)."),
    )
    confidence = models.FloatField(_("confidence"), default=0.5)
    unknown_place = models.CharField(
        _("place missing from the gazetteer"), max_length=200, blank=True,
        help_text=_("Add it as a Place, then re-run extraction on the article."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=CandidateStatus.choices,
        default=CandidateStatus.PENDING, db_index=True,
    )
    incident = models.ForeignKey(
        "incidents.Incident", on_delete=models.PROTECT, null=True, blank=True,
        related_name="candidates", help_text=_("The incident it became or was merged into."),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(_("review note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "sequence"]
        verbose_name = _("extraction candidate")
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
        p = self.proposal or {}
        return f"{p.get('date') or '?'} {p.get('location_text') or p.get('place_name') or '?'}"
