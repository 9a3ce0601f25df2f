"""The incident filters shared by the dashboard's data endpoints, its exports
and the partner API: one FilterSet, so a filter means the same everywhere.

Every filter has help text (it becomes the OpenAPI description) and every
malformed value is a validation error naming the parameter, never a 500.
"""

from __future__ import annotations

import django_filters as filters
from django import forms
from django.contrib.gis.geos import Point, Polygon
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from incidents.geoexpr import within_metres
from incidents.models import (
    Actor,
    DatePrecision,
    EventType,
    GeoPrecision,
    Incident,
    IncidentActor,
    IncidentStatus,
    Role,
    Route,
    SubEventType,
)
from incidents.selectors import actor_ids_with_descendants

MAX_RADIUS_KM = 2000
MAX_ROUTE_BUFFER_KM = 200


def _floats(value: str, count: int, name: str) -> list[float]:
    parts = [p.strip() for p in value.split(",")]
    if len(parts) != count:
        raise forms.ValidationError(
            _("%(name)s needs %(count)d comma-separated numbers."),
            params={"name": name, "count": count},
        )
    try:
        numbers = [float(p) for p in parts]
    except ValueError:
        raise forms.ValidationError(
            _("%(name)s must contain only numbers."), params={"name": name}
        ) from None
    if any(n != n or n in (float("inf"), float("-inf")) for n in numbers):
        raise forms.ValidationError(_("%(name)s must be finite numbers."), params={"name": name})
    return numbers


def _check_lon_lat(lon: float, lat: float) -> None:
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise forms.ValidationError(_("Longitude must be within ±180 and latitude within ±90."))


class BBoxField(forms.CharField):
    """``min_lon,min_lat,max_lon,max_lat`` in degrees (WGS 84)."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        min_lon, min_lat, max_lon, max_lat = _floats(value, 4, "bbox")
        _check_lon_lat(min_lon, min_lat)
        _check_lon_lat(max_lon, max_lat)
        if min_lon >= max_lon or min_lat >= max_lat:
            raise forms.ValidationError(
                _("bbox must be min_lon,min_lat,max_lon,max_lat with min < max.")
            )
        return Polygon.from_bbox((min_lon, min_lat, max_lon, max_lat))


class LonLatField(forms.CharField):
    """``lon,lat`` in degrees (WGS 84)."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        lon, lat = _floats(value, 2, "near")
        _check_lon_lat(lon, lat)
        return Point(lon, lat, srid=4326)


class StrictBooleanField(forms.Field):
    """true/false (also 1/0, yes/no); anything else is an error, not "any"."""

    TRUE, FALSE = {"true", "1", "yes"}, {"false", "0", "no"}

    def clean(self, value):
        if value in (None, ""):
            return None
        text = str(value).strip().lower()
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise forms.ValidationError(_("Use true or false."))


class StrictBooleanFilter(filters.BooleanFilter):
    field_class = StrictBooleanField


class BBoxFilter(filters.Filter):
    field_class = BBoxField


class LonLatFilter(filters.Filter):
    field_class = LonLatField


class KeysField(filters.fields.ModelMultipleChoiceField):
    """Keys (slugs) of reference rows, checked with one query of two columns;
    cleans to the rows' ids rather than model instances."""

    def _check_values(self, value):
        key = self.to_field_name
        try:
            value = frozenset(value)
        except TypeError:
            raise forms.ValidationError(
                self.error_messages["invalid_list"], code="invalid_list"
            ) from None
        for item in value:
            self.validate_no_null_characters(item)
        found = dict(self.queryset.filter(**{f"{key}__in": value}).values_list(key, "pk"))
        for item in value:
            if item not in found:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": item},
                )
        return list(found.values())


class KeysFilter(filters.ModelMultipleChoiceFilter):
    """Any of these keys: ``field_name`` is the foreign key, compared by id
    (no join to the referenced table, no DISTINCT)."""

    field_class = KeysField

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(**{f"{self.field_name}__in": value})


class IncidentFilterSet(filters.FilterSet):
    date_from = filters.DateFilter(
        field_name="date", lookup_expr="gte", help_text=_("Incidents on or after this date.")
    )
    date_to = filters.DateFilter(
        field_name="date", lookup_expr="lte", help_text=_("Incidents on or before this date.")
    )
    updated_since = filters.IsoDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        help_text=_("Incidents created or changed at or after this time (ISO 8601)."),
    )
    country = filters.CharFilter(
        field_name="country", lookup_expr="iexact", help_text=_("Country name, e.g. Mali.")
    )
    admin1 = filters.CharFilter(
        field_name="admin1", lookup_expr="iexact", help_text=_("First-level region, e.g. Gao.")
    )
    actor = KeysFilter(
        queryset=Actor.objects.all(),
        to_field_name="key",
        method="filter_actor",
        help_text=_("Actor key (repeat for several: any of them). See the actors list."),
    )
    actor_role = filters.ChoiceFilter(
        choices=Role.choices,
        method="filter_noop",
        help_text=_("With actor: only where the actor has this role."),
    )
    event_type = KeysFilter(
        queryset=EventType.objects.all(),
        to_field_name="slug",
        field_name="event_type",
        help_text=_("Event type slug, e.g. battles (repeat for several)."),
    )
    sub_event_type = KeysFilter(
        queryset=SubEventType.objects.all(),
        to_field_name="slug",
        field_name="sub_event_type",
        help_text=_("Sub-event type slug, e.g. armed-clash (repeat for several)."),
    )
    min_killed = filters.NumberFilter(
        field_name="killed",
        lookup_expr="gte",
        min_value=0,
        help_text=_("Current toll (best figure) at least this."),
    )
    max_killed = filters.NumberFilter(
        field_name="killed",
        lookup_expr="lte",
        min_value=0,
        help_text=_("Current toll (best figure) at most this."),
    )
    civilian_targeting = StrictBooleanFilter(
        help_text=_("true: only incidents where civilians were targeted; false: only others."),
    )
    date_precision = filters.ChoiceFilter(
        choices=DatePrecision.choices, help_text=_("Only this date precision.")
    )
    geo_precision = filters.ChoiceFilter(
        choices=GeoPrecision.choices, help_text=_("Only this geo precision.")
    )
    bbox = BBoxFilter(
        method="filter_bbox",
        help_text=_("min_lon,min_lat,max_lon,max_lat: incidents inside the box."),
    )
    near = LonLatFilter(
        method="filter_noop",
        help_text=_("lon,lat: with radius_km, incidents within that distance."),
    )
    radius_km = filters.NumberFilter(
        method="filter_noop",
        min_value=0,
        max_value=MAX_RADIUS_KM,
        help_text=_("Radius in km for near (default 25)."),
    )
    route = filters.ModelChoiceFilter(
        queryset=Route.objects.all(),
        to_field_name="slug",
        method="filter_noop",
        help_text=_("Route slug, e.g. gao-ansongo: incidents within within_km of the road."),
    )
    within_km = filters.NumberFilter(
        method="filter_noop",
        min_value=0,
        max_value=MAX_ROUTE_BUFFER_KM,
        help_text=_("Buffer around route in km (default 10)."),
    )
    q = filters.CharFilter(
        method="filter_text",
        help_text=_("Free text: summary, location, admin areas, actor names and aliases."),
    )
    status = filters.ChoiceFilter(
        choices=IncidentStatus.choices,
        help_text=_("Editors only; partners and analysts always see published incidents."),
    )

    class Meta:
        model = Incident
        fields: list[str] = []

    _form_classes: dict = {}
    MAX_FORM_CLASSES = 512  # parameter combinations kept; beyond that, built per request

    def get_form_class(self):
        """The validation form's class, with only the filters the request
        gives, built once per language and set of parameters. django-filter
        rebuilds a form of every filter, labels and all, on each instance, and
        the form then copies and cleans all of them: for an API page with
        three filters that was a sixth of the request."""
        names = frozenset(name for name in self.filters if not self.is_bound or name in self.data)
        key = (type(self), get_language(), names)
        form_class = IncidentFilterSet._form_classes.get(key)
        if form_class is None:
            fields = {name: f.field for name, f in self.filters.items() if name in names}
            form_class = type(f"{type(self).__name__}Form", (self._meta.form,), fields)
            if len(IncidentFilterSet._form_classes) < self.MAX_FORM_CLASSES:
                IncidentFilterSet._form_classes[key] = form_class
        return form_class

    def filter_noop(self, queryset, name, value: object):
        return queryset  # applied together with their partner parameter in filter_queryset

    def filter_actor(self, queryset, name, value: list[int]):
        if not value:
            return queryset
        # A parent actor stands for its children too (Russian forces: Wagner, Africa Corps).
        links = IncidentActor.objects.filter(
            incident=OuterRef("pk"), actor__in=actor_ids_with_descendants(value)
        )
        role = self.form.cleaned_data.get("actor_role")
        if role:
            links = links.filter(role=role)
        return queryset.filter(Exists(links))

    def filter_bbox(self, queryset, name, value: Polygon | None):
        # For points and a lon/lat rectangle, bounding-box overlap (&&, answered
        # by the GiST index alone) is exactly "covered by", without a GEOS call
        # per row (measured in bench/api_endpoints.py).
        return queryset.filter(location__bboverlaps=value) if value else queryset

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        actor_match = IncidentActor.objects.filter(incident=OuterRef("pk")).filter(
            Q(actor__name__icontains=value)
            | Q(actor__short_name__icontains=value)
            | Q(actor__aliases__text__icontains=value)
        )
        return queryset.filter(
            Q(summary__icontains=value)
            | Q(location_text__icontains=value)
            | Q(admin1__icontains=value)
            | Q(admin2__icontains=value)
            | Q(country__icontains=value)
            | Exists(actor_match)
        )

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        if data.get("near") is not None:
            radius = data.get("radius_km")
            radius = 25 if radius is None else radius
            queryset = queryset.filter(within_metres("location", data["near"], radius * 1000))
        if data.get("route") is not None:
            buffer_km = data.get("within_km")
            buffer_km = 10 if buffer_km is None else buffer_km
            queryset = queryset.filter(
                within_metres("location", data["route"].line, buffer_km * 1000)
            )
        return queryset

    @property
    def errors_by_parameter(self) -> dict[str, list[str]]:
        return errors_by_parameter(self)


def errors_by_parameter(filterset: filters.FilterSet) -> dict[str, list[str]]:
    """A FilterSet's validation errors keyed by query parameter, for 400 responses."""
    return {name: [str(m) for m in messages] for name, messages in filterset.form.errors.items()}
