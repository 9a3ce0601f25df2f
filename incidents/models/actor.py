"""Actors (forces, armed groups, populations) and the aliases the extractor matches."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ActorKind(models.TextChoices):
    STATE = "state", _("State force")
    FOREIGN = "foreign", _("Foreign or private force")
    REBEL = "rebel", _("Rebel / jihadist group")
    MILITIA = "militia", _("Militia")
    CIVILIANS = "civilians", _("Civilians")
    UNIDENTIFIED = "unidentified", _("Unidentified armed group")


class Actor(models.Model):
    key = models.SlugField(
        _("key"), unique=True, help_text=_("Stable identifier used by seed data.")
    )
    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=ActorKind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    country = models.CharField(
        _("country"), max_length=2, blank=True, help_text=_("ISO 3166 alpha-2, if national.")
    )
    inter_code = models.PositiveSmallIntegerField(
        _("ACLED inter code"),
        validators=[MinValueValidator(1), MaxValueValidator(8)],
        help_text=_(
            "1 state, 2 rebel, 3 political militia, 4 identity militia, "
            "5 rioters, 6 protesters, 7 civilians, 8 external/other forces."
        ),
    )
    description = models.TextField(_("description"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(inter_code__gte=1, inter_code__lte=8),
                name="actor_inter_code_1_to_8",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=ActorKind.values), name="actor_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        if self.short_name and self.short_name != self.name:
            return f"{self.name} ({self.short_name})"
        return self.name


class ActorAlias(models.Model):
    actor = models.ForeignKey(
        Actor,
        on_delete=models.CASCADE,
        related_name="aliases",
        verbose_name=_("actor"),
    )
    text = models.CharField(_("alias"), max_length=200)
    language = models.CharField(
        _("language"), max_length=8, help_text=_("ISO 639-1 code, e.g. en, fr.")
    )
    shown = models.BooleanField(
        _("shown as the name"),
        default=False,
        help_text=_("The actor's name in this language on pages and in the admin."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["actor", "language", "text"]
        verbose_name = _("actor alias")
        verbose_name_plural = _("actor aliases")
        constraints = [
            # One alias text may name only one actor per language, or the
            # extractor could not tell which actor an article means.
            models.UniqueConstraint(
                Lower("text"), "language", name="actoralias_unique_text_per_language"
            ),
            # An actor has one name per language: the alias shown.
            models.UniqueConstraint(
                fields=["actor", "language"],
                condition=models.Q(shown=True),
                name="actoralias_one_shown_per_language",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.text} [{self.language}]"
