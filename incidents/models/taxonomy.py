"""The event taxonomy (ACLED's six event types and their sub-types), kept as data.

Rows are created by a data migration; code refers to them by slug, never by
string literals of the display names.
"""

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class EventType(models.Model):
    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=64, unique=True)
    order = models.PositiveSmallIntegerField(
        _("order"),
        help_text=_("Position in the codebook; when an event mixes tactics, the lower wins."),
    )
    color = models.CharField(
        _("colour"), max_length=7, help_text=_("Marker and legend colour, #rrggbb.")
    )

    class Meta:
        ordering = ["order"]
        verbose_name = _("event type")
        verbose_name_plural = _("event types")

    def __str__(self) -> str:
        return gettext(self.name)  # the codebook's names are in the catalogue


class SubEventType(models.Model):
    event_type = models.ForeignKey(
        EventType,
        on_delete=models.PROTECT,
        related_name="sub_types",
        verbose_name=_("event type"),
    )
    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=64)
    order = models.PositiveSmallIntegerField(
        _("order"),
    )

    class Meta:
        ordering = ["event_type__order", "order"]
        verbose_name = _("sub-event type")
        verbose_name_plural = _("sub-event types")
        constraints = [
            models.UniqueConstraint(
                fields=["event_type", "name"], name="subeventtype_unique_name_per_type"
            ),
        ]

    def __str__(self) -> str:
        return f"{gettext(self.event_type.name)} – {gettext(self.name)}"
