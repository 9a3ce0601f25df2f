"""The gazetteer (places) and roads (routes) used to geocode and measure incidents."""

import re
from collections.abc import Sequence

from django.contrib.gis.db import models
from django.contrib.postgres.fields import ArrayField
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from incidents.validators import point_on_globe_condition, validate_point_on_globe


class PlaceKind(models.TextChoices):
    COUNTRY_CAPITAL = "country_capital", _("Country capital")
    ADMIN1_CAPITAL = "admin1_capital", _("Region (admin1) capital")
    ADMIN2_CAPITAL = "admin2_capital", _("District (admin2) capital")
    POPULATED_PLACE = "populated_place", _("Town or village")
    ADMIN1 = "admin1", _("Region (admin1) as a whole")
    # Places of the GeoNames dump (incidents/data/geonames.tsv) that reports
    # locate attacks at; copied here when an editor approves an incident there.
    CAMP = "camp", _("Camp")
    MILITARY_SITE = "military_site", _("Military site")
    WELL = "well", _("Well or waterhole")
    WADI = "wadi", _("Wadi")
    MINE = "mine", _("Mine")
    AIRFIELD = "airfield", _("Airfield")
    LOCALITY = "locality", _("Named locality")


# Regions and districts are named in English in the gazetteer ("Gao Region",
# "Bamako District", "Niamey Capital District"); their French name is the
# alternate name in the French administrative form ("Région de Gao",
# "District de Bamako", "Communauté urbaine de Niamey"). Towns carry their
# usual (French) spelling as their name already.
ENGLISH_ADMIN_NAME = re.compile(r"\b(?:Region|District|Province|Department)$")
FRENCH_ADMIN_NAME = re.compile(
    r"^(?:Région|District|Province|Département|Communauté urbaine|Cercle)\b"
)


def interface_language() -> str:
    return "fr" if (get_language() or "en").startswith("fr") else "en"


def local_place_name(name: str, names: dict[str, str], *, alternates: Sequence[str] = ()) -> str:
    """``name`` in the interface language, from its names per language."""
    language = interface_language()
    if names.get(language):
        return names[language]
    if language == "fr" and ENGLISH_ADMIN_NAME.search(name):
        for alternate in alternates:
            if FRENCH_ADMIN_NAME.match(alternate):
                return alternate
    return name


class Place(models.Model):
    key = models.SlugField(_("key"), max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=200, db_index=True)
    # The name in an interface language where usage there differs from
    # ``name`` (Timbuktu for Tombouctou in English; a region's French form).
    name_en = models.CharField(
        _("name in English"),
        max_length=200,
        blank=True,
        help_text=_("Shown in the English interface instead of the name, e.g. Timbuktu."),
    )
    name_fr = models.CharField(
        _("name in French"),
        max_length=200,
        blank=True,
        help_text=_("Shown in the French interface instead of the name, e.g. Région de Gao."),
    )
    alternate_names = ArrayField(
        models.CharField(max_length=200),
        default=list,
        blank=True,
        verbose_name=_("alternate names"),
        help_text=_("Other spellings, languages and common misspellings."),
    )
    point = models.PointField(_("location"), srid=4326, validators=[validate_point_on_globe])
    country_code = models.CharField(_("country code"), max_length=2)
    country = models.CharField(_("country"), max_length=100)
    admin1 = models.CharField(_("admin1"), max_length=100, blank=True)
    admin2 = models.CharField(_("admin2"), max_length=100, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=PlaceKind.choices)
    geonameid = models.PositiveIntegerField(_("GeoNames id"), null=True, blank=True, unique=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    approximate = models.BooleanField(
        _("approximate"), default=False, help_text=_("The coordinate is an estimate.")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["country", "name"]
        verbose_name = _("place")
        verbose_name_plural = _("places")
        constraints = [
            models.CheckConstraint(
                condition=point_on_globe_condition("point"), name="place_point_on_globe"
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=PlaceKind.values), name="place_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        area = self.admin1 or self.country
        # A region's capital is not "Timbuktu (Tombouctou)": its area is its name.
        return self.local_name() if area == self.name else f"{self.local_name()} ({area})"

    def local_name(self) -> str:
        """The name in the interface language: its name there when one is set
        (``name_en``, ``name_fr``); else, in French, a region named in English
        takes its French alternate form ("Région de …")."""
        return local_place_name(
            self.name,
            {"en": self.name_en, "fr": self.name_fr},
            alternates=self.alternate_names,
        )


class Route(models.Model):
    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=200)
    line = models.LineStringField(
        _("course"), srid=4326, help_text=_("Drawn from its start: km 0 is the first vertex.")
    )
    approximate = models.BooleanField(_("approximate"), default=True)
    source = models.CharField(_("source"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("route")
        verbose_name_plural = _("routes")

    def __str__(self) -> str:
        from incidents.display.names import route_name  # display reads models

        return route_name(self)
