"""Which source events have been imported, and into which incident."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    ACLED = "acled", "ACLED"
    UCDP = "ucdp", "UCDP GED"


class ImportedEvent(models.Model):
    """One event of an external dataset, mapped to our incident.

    Re-importing the same file (or a later export of the same dataset) finds
    the event here by its source id and updates that incident instead of
    creating a duplicate.
    """

    source = models.CharField(_("dataset"), max_length=8, choices=Source.choices)
    source_event_id = models.CharField(_("event id in the dataset"), max_length=64)
    incident = models.ForeignKey(
        "incidents.Incident", on_delete=models.PROTECT, related_name="imported_from"
    )
    row_digest = models.CharField(
        max_length=64, help_text=_("SHA-256 of the imported row; unchanged rows are skipped.")
    )
    source_timestamp = models.BigIntegerField(null=True, blank=True)
    first_imported_at = models.DateTimeField(auto_now_add=True)
    last_imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("imported event")
        constraints = [
            # The idempotency key of every import.
            models.UniqueConstraint(
                fields=["source", "source_event_id"], name="importedevent_unique_source_id"
            ),
            models.CheckConstraint(
                condition=models.Q(source__in=Source.values), name="importedevent_source_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.source_event_id}"
