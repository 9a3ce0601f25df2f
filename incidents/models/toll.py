"""Toll revisions: every reported figure for an incident, append-only.

A revision's numbers, source and author never change after it is written (a
database trigger refuses it, see migration 0003); only its review status may.
The incident's current toll is derived from them by ``incidents.tolls``.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from incidents.validators import MAX_TOLL


class Qualifier(models.TextChoices):
    EXACT = "exact", _("exactly")
    AT_LEAST = "at_least", _("at least")
    ABOUT = "about", _("about")
    UP_TO = "up_to", _("up to")
    RANGE = "range", _("between (range)")


class TollStatus(models.TextChoices):
    REPORTED = "reported", _("Reported")
    ACCEPTED = "accepted", _("Accepted by an editor")
    REJECTED = "rejected", _("Rejected by an editor")
    SUPERSEDED = "superseded", _("Superseded by a later figure")


class EntryKind(models.TextChoices):
    EXTRACTOR = "extractor", _("Extractor")
    EDITOR = "editor", _("Editor")
    IMPORT = "import", _("Import")


def _count(verbose_name):
    return models.PositiveIntegerField(
        verbose_name, null=True, blank=True, validators=[MaxValueValidator(MAX_TOLL)]
    )


class TollRevision(models.Model):
    incident = models.ForeignKey(
        "incidents.Incident",
        on_delete=models.PROTECT,
        related_name="toll_revisions",
        verbose_name=_("incident"),
    )
    killed = _count(_("killed (best)"))
    killed_min = _count(_("killed (min)"))
    killed_max = _count(_("killed (max)"))
    qualifier = models.CharField(
        _("qualifier"), max_length=10, choices=Qualifier.choices, default=Qualifier.EXACT
    )
    wounded = _count(_("wounded"))
    civilians_killed = _count(_("civilians killed"))
    soldiers_killed = _count(_("soldiers killed"))
    militants_killed = _count(_("militants killed"))

    said_by = models.CharField(
        _("said by"),
        max_length=200,
        blank=True,
        help_text=_('Who gave the figure, as reported: "local official", "NGO", "army".'),
    )
    article = models.ForeignKey(
        "incidents.Article",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="toll_revisions",
        verbose_name=_("article"),
    )
    quote = models.TextField(_("quoted words"), blank=True)
    reported_at = models.DateTimeField(_("reported at"), default=timezone.now)

    entry_kind = models.CharField(
        _("entered by"), max_length=10, choices=EntryKind.choices, default=EntryKind.EXTRACTOR
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("editor"),
    )
    reason = models.TextField(
        _("reason"), blank=True, help_text=_("Required for an editor's correction.")
    )

    status = models.CharField(
        _("status"), max_length=10, choices=TollStatus.choices, default=TollStatus.REPORTED
    )
    review_note = models.TextField(_("review note"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["incident", "reported_at", "id"]
        verbose_name = _("toll revision")
        verbose_name_plural = _("toll revisions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(killed__isnull=True)
                | models.Q(killed_min__isnull=True)
                | models.Q(killed_min__lte=models.F("killed")),
                name="tollrevision_min_le_best",
            ),
            models.CheckConstraint(
                condition=models.Q(killed__isnull=True)
                | models.Q(killed_max__isnull=True)
                | models.Q(killed__lte=models.F("killed_max")),
                name="tollrevision_best_le_max",
            ),
            models.CheckConstraint(
                condition=models.Q(killed_min__isnull=True)
                | models.Q(killed_max__isnull=True)
                | models.Q(killed_min__lte=models.F("killed_max")),
                name="tollrevision_min_le_max",
            ),
            models.CheckConstraint(
                condition=models.Q(killed__isnull=False) | models.Q(wounded__isnull=False),
                name="tollrevision_states_a_figure",
            ),
            models.CheckConstraint(
                condition=(models.Q(killed__isnull=True) | models.Q(killed__lte=MAX_TOLL))
                & (models.Q(killed_max__isnull=True) | models.Q(killed_max__lte=MAX_TOLL)),
                name="tollrevision_plausible",
            ),
            models.CheckConstraint(
                condition=~models.Q(entry_kind=EntryKind.EDITOR) | ~models.Q(reason=""),
                name="tollrevision_editor_gives_reason",
            ),
            # Processing an article twice must not record its figures twice.
            models.UniqueConstraint(
                fields=["incident", "article", "reported_at", "said_by", "killed", "wounded"],
                condition=models.Q(article__isnull=False),
                name="tollrevision_unique_claim_per_article",
                nulls_distinct=False,
            ),
            models.CheckConstraint(
                condition=models.Q(qualifier__in=Qualifier.values),
                name="tollrevision_qualifier_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=TollStatus.values),
                name="tollrevision_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_qualifier_display()} {self.killed} ({self.said_by or '?'})"

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str | Promise] = {}
        best, low, high = self.killed, self.killed_min, self.killed_max
        if best is None and self.wounded is None:
            errors["killed"] = _("Give a number of killed or of wounded.")
        if low is not None and high is not None and low > high:
            errors["killed_max"] = _("The maximum (%(high)s) is below the minimum (%(low)s).") % {
                "high": high,
                "low": low,
            }
        elif best is not None and low is not None and low > best:
            errors["killed_min"] = _(
                "The minimum (%(low)s) is above the best figure (%(best)s)."
            ) % {"low": low, "best": best}
        elif best is not None and high is not None and best > high:
            errors["killed_max"] = _(
                "The maximum (%(high)s) is below the best figure (%(best)s)."
            ) % {"high": high, "best": best}
        if self.qualifier == Qualifier.RANGE and (low is None or high is None):
            errors["qualifier"] = _("A range needs both a minimum and a maximum.")
        if self.entry_kind == EntryKind.EDITOR and not self.reason.strip():
            errors["reason"] = _("Say why you are correcting the toll.")
        if errors:
            raise ValidationError(errors)

    @property
    def low(self) -> int | None:
        return self.killed_min if self.killed_min is not None else self.killed

    @property
    def high(self) -> int | None:
        return self.killed_max if self.killed_max is not None else self.killed
