"""Incidents: one violent event each, with actors in roles and source articles."""

from django.conf import settings
from django.contrib.gis.db import models
from django.contrib.postgres.indexes import GistIndex
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db.models import F, Value
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from incidents.models.toll import Qualifier
from incidents.validators import (
    EARLIEST_INCIDENT_DATE,
    MAX_TOLL,
    point_on_globe_condition,
    validate_incident_date,
    validate_point_on_globe,
)


class DatePrecision(models.TextChoices):
    DAY = "day", _("Day known")
    WEEK = "week", _("Week known (middle of the week recorded)")
    MONTH = "month", _("Month known (middle of the month recorded)")


class GeoPrecision(models.TextChoices):
    EXACT = "exact", _("At a named place")
    NEAR = "near", _("Near or between named places")
    BETWEEN = "between", _("On the road between two places")
    REGION = "region", _("Region centroid")


class IncidentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    RETRACTED = "retracted", _("Retracted")


class Role(models.TextChoices):
    PERPETRATOR = "perpetrator", _("Perpetrator")
    TARGET = "target", _("Target")
    ESCORT = "escort", _("Escort / ally")
    VICTIM = "victim", _("Victim")


toll_validators = [MaxValueValidator(MAX_TOLL)]


class Incident(models.Model):
    date = models.DateField(_("date"), db_index=True, validators=[validate_incident_date])
    date_precision = models.CharField(
        _("date precision"),
        max_length=8,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    location = models.PointField(_("location"), srid=4326, validators=[validate_point_on_globe])
    geo_precision = models.CharField(
        _("geo precision"),
        max_length=8,
        choices=GeoPrecision.choices,
        default=GeoPrecision.EXACT,
    )
    location_text = models.CharField(
        _("location as reported"),
        max_length=300,
        blank=True,
        help_text=_('The words the source used, e.g. "between Gao and Ansongo".'),
    )
    place = models.ForeignKey(
        "incidents.Place",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="incidents",
        verbose_name=_("nearest gazetteer place"),
    )
    route = models.ForeignKey(
        "incidents.Route",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="incidents",
        verbose_name=_("on route"),
    )
    country = models.CharField(_("country"), max_length=100)
    admin1 = models.CharField(_("admin1"), max_length=100, blank=True)
    admin2 = models.CharField(_("admin2"), max_length=100, blank=True)
    event_type = models.ForeignKey(
        "incidents.EventType",
        on_delete=models.PROTECT,
        related_name="incidents",
        verbose_name=_("event type"),
    )
    sub_event_type = models.ForeignKey(
        "incidents.SubEventType",
        on_delete=models.PROTECT,
        related_name="incidents",
        verbose_name=_("sub-event type"),
    )
    civilian_targeting = models.BooleanField(_("civilians targeted"), default=False)
    summary = models.TextField(_("summary"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=IncidentStatus.choices,
        default=IncidentStatus.DRAFT,
        db_index=True,
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged",
        help_text=_("Set when this incident was a duplicate of another."),
        verbose_name=_("merged into"),
    )
    actors = models.ManyToManyField(
        "incidents.Actor",
        through="incidents.IncidentActor",
        related_name="incidents",
        verbose_name=_("actors"),
    )

    # The current toll, derived from the revisions by incidents.tolls.current_toll
    # and written in the same transaction as any revision change. Never edited by hand.
    killed = models.PositiveIntegerField(
        _("killed"), null=True, blank=True, validators=toll_validators
    )
    killed_low = models.PositiveIntegerField(
        _("killed (low)"), null=True, blank=True, validators=toll_validators
    )
    killed_high = models.PositiveIntegerField(
        _("killed (high)"), null=True, blank=True, validators=toll_validators
    )
    wounded = models.PositiveIntegerField(
        _("wounded"), null=True, blank=True, validators=toll_validators
    )
    # How the best figure was said ("at least 32"); blank without a toll.
    killed_qualifier = models.CharField(
        _("qualifier of the toll"),
        max_length=10,
        choices=Qualifier.choices,
        blank=True,
    )
    pinned_revision = models.ForeignKey(
        "incidents.TollRevision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pinned toll revision"),
        help_text=_("An editor's choice of the figure to show, overriding the latest."),
    )

    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Bumped on every edit; detects concurrent edits.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("incident")
        verbose_name_plural = _("incidents")
        constraints = [
            models.CheckConstraint(
                condition=point_on_globe_condition("location"), name="incident_location_on_globe"
            ),
            models.CheckConstraint(
                condition=models.Q(date_precision__in=DatePrecision.values),
                name="incident_date_precision_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(geo_precision__in=GeoPrecision.values),
                name="incident_geo_precision_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=IncidentStatus.values),
                name="incident_status_valid",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(killed__isnull=True)
                    | models.Q(killed_low__isnull=True)
                    | models.Q(killed_low__lte=models.F("killed"))
                )
                & (
                    models.Q(killed__isnull=True)
                    | models.Q(killed_high__isnull=True)
                    | models.Q(killed__lte=models.F("killed_high"))
                ),
                name="incident_toll_low_best_high_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(killed__lte=MAX_TOLL) | models.Q(killed__isnull=True),
                name="incident_killed_plausible",
            ),
            # validators.EARLIEST_INCIDENT_DATE: no incident before 1989, on any path.
            models.CheckConstraint(
                condition=models.Q(date__gte=EARLIEST_INCIDENT_DATE),
                name="incident_date_not_before_1989",
            ),
            models.CheckConstraint(
                condition=models.Q(killed_qualifier__in=[*Qualifier.values, ""]),
                name="incident_killed_qualifier_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(merged_into=models.F("id")),
                name="incident_not_merged_into_itself",
            ),
        ]
        indexes = [
            # Map and API: published incidents in a date range. The included
            # columns let the commonest filters (place, type, toll, merged) and
            # the ordering be answered from the index alone, so an API page
            # reads only the rows it returns from the table.
            models.Index(
                fields=["status", "date", "id"],
                name="incident_status_date_idx",
                include=[
                    "merged_into",
                    "location",
                    "event_type",
                    "sub_event_type",
                    "killed",
                    "civilian_targeting",
                ],
            ),
            # Partner sync reads pages in (updated_at, id) order.
            models.Index(fields=["updated_at", "id"], name="incident_sync_order_idx"),
            # Filters on minimum toll.
            models.Index(fields=["killed"], name="incident_killed_idx"),
            # API pages ordered by toll (?ordering=-killed sorts unknown tolls
            # as -1, api.pagination): read in index order, a page stops after
            # page_size rows instead of sorting every published incident.
            models.Index(
                F("status"),
                Coalesce(F("killed"), Value(-1), output_field=models.IntegerField()),
                F("id"),
                name="incident_status_toll_order_idx",
            ),
            # Distances in metres (near a point, along a route) cast to geography.
            GistIndex(
                Cast("location", output_field=models.PointField(srid=4326, geography=True)),
                name="incident_location_geog_gist",
            ),
        ]

    def __str__(self) -> str:
        # Shown by the admin (titles, breadcrumbs, history, messages, pickers):
        # in the interface language and free of queries, so never the article's
        # own words; pages that name incidents use incidents.display.names.
        if self.pk is None:
            return str(_("New incident"))
        return str(
            _("Incident %(number)s of %(date)s")
            % {"number": self.pk, "date": date_format(self.date) if self.date else "?"}
        )

    def clean(self) -> None:
        super().clean()
        if (
            self.event_type_id
            and self.sub_event_type_id
            and self.sub_event_type.event_type_id != self.event_type_id
        ):
            raise ValidationError(
                {
                    "sub_event_type": _("%(sub)s is not a sub-type of %(type)s.")
                    % {"sub": self.sub_event_type.name, "type": self.event_type.name}
                }
            )


class IncidentActor(models.Model):
    incident = models.ForeignKey(
        Incident,
        on_delete=models.CASCADE,
        related_name="actor_links",
        verbose_name=_("incident"),
    )
    actor = models.ForeignKey(
        "incidents.Actor",
        on_delete=models.PROTECT,
        related_name="incident_links",
        verbose_name=_("actor"),
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)

    history = HistoricalRecords()

    class Meta:
        ordering = ["incident", "role", "actor__name"]
        verbose_name = _("actor in incident")
        verbose_name_plural = _("actors in incidents")
        constraints = [
            models.UniqueConstraint(
                fields=["incident", "actor", "role"], name="incidentactor_unique_role"
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="incidentactor_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.actor} – {self.get_role_display()}"


class IncidentSource(models.Model):
    incident = models.ForeignKey(
        Incident,
        on_delete=models.CASCADE,
        related_name="sources",
        verbose_name=_("incident"),
    )
    article = models.ForeignKey(
        "incidents.Article",
        on_delete=models.PROTECT,
        related_name="incident_sources",
        verbose_name=_("article"),
    )
    quote = models.TextField(
        _("quote"), blank=True, help_text=_("The words of the article that report the incident.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    # Kept when a source is removed: the article and the quote stay on record.
    history = HistoricalRecords()

    class Meta:
        ordering = ["incident", "created_at"]
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        constraints = [
            models.UniqueConstraint(
                fields=["incident", "article"], name="incidentsource_unique_article"
            ),
        ]

    def __str__(self) -> str:
        return str(self.article)


class IncidentMerge(models.Model):
    """One merge of a duplicate into a surviving incident, with what it moved,
    so that it can be undone exactly (see incidents.services.merging)."""

    duplicate = models.ForeignKey(
        Incident,
        on_delete=models.PROTECT,
        related_name="merges_out",
        verbose_name=_("duplicate"),
    )
    survivor = models.ForeignKey(
        Incident,
        on_delete=models.PROTECT,
        related_name="merges_in",
        verbose_name=_("survivor"),
    )
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("merged by"),
    )
    merged_at = models.DateTimeField(_("merged"), default=timezone.now)
    reason = models.TextField(_("reason"))
    moved_sources = models.JSONField(
        _("moved sources"), default=list, help_text=_("IncidentSource ids moved.")
    )
    moved_actor_links = models.JSONField(
        _("moved actor links"), default=list, help_text=_("IncidentActor ids moved.")
    )
    moved_incidents = models.JSONField(
        _("moved incidents"),
        default=list,
        help_text=_("Earlier duplicates re-pointed from the duplicate."),
    )
    undone_at = models.DateTimeField(_("undone"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("undone by"),
    )
    undo_reason = models.TextField(_("reason for undoing"), blank=True)

    class Meta:
        ordering = ["-merged_at", "-id"]
        verbose_name = _("merge")
        verbose_name_plural = _("merges")
        constraints = [
            # An incident is a duplicate of one survivor at a time.
            models.UniqueConstraint(
                fields=["duplicate"],
                condition=models.Q(undone_at__isnull=True),
                name="incidentmerge_one_active_per_duplicate",
            ),
            models.CheckConstraint(
                condition=~models.Q(duplicate=models.F("survivor")),
                name="incidentmerge_not_into_itself",
            ),
            models.CheckConstraint(
                condition=~models.Q(reason=""), name="incidentmerge_gives_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.duplicate_id} → #{self.survivor_id}"
