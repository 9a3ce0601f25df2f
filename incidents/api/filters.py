"""Glue between the shared IncidentFilterSet (incidents/filters.py) and REST
framework: invalid values and unknown parameters become 400s naming them."""

from __future__ import annotations

import django_filters as filters
from django.contrib.gis.geos import Polygon
from django.db.models import CharField, F, Func, Q, Value
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend

from incidents.api.errors import BadParameters
from incidents.filters import BBoxFilter, errors_by_parameter
from incidents.models import Actor, ActorKind, Place, PlaceKind


class IncidentFilterBackend(DjangoFilterBackend):
    """django-filter's backend, with errors keyed by parameter in our error body."""

    def filter_queryset(self, request, queryset, view):
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        if not filterset.is_valid():
            raise BadParameters(errors_by_parameter(filterset))
        view.filterset = filterset
        return filterset.qs


class StrictParametersMixin:
    """Refuse query parameters the endpoint does not know: a misspelt filter
    would otherwise silently return everything."""

    common_parameters = frozenset({"format"})
    extra_parameters: frozenset[str] = frozenset()

    def allowed_parameters(self) -> set[str]:
        names = set(self.common_parameters) | set(self.extra_parameters)
        filterset_class = getattr(self, "filterset_class", None)
        if filterset_class is not None:
            names |= set(filterset_class.base_filters)
        return names

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        unknown = sorted(set(request.query_params) - self.allowed_parameters())
        if unknown:
            raise BadParameters(
                {
                    name: [
                        _("Unknown parameter; this endpoint accepts: %(names)s.")
                        % {"names": ", ".join(sorted(self.allowed_parameters()))}
                    ]
                    for name in unknown
                }
            )


class ActorFilterSet(filters.FilterSet):
    """Filters of the actors list."""

    kind = filters.ChoiceFilter(choices=ActorKind.choices, help_text=_("Only this kind."))
    q = filters.CharFilter(
        method="filter_text", help_text=_("Name, short name or alias contains this.")
    )

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(name__icontains=value)
            | Q(short_name__icontains=value)
            | Q(aliases__text__icontains=value)
        ).distinct()

    class Meta:
        model = Actor
        fields: list[str] = []


class PlaceFilterSet(filters.FilterSet):
    country = filters.CharFilter(
        method="filter_country", help_text=_("Country name or ISO alpha-2 code.")
    )
    admin1 = filters.CharFilter(
        field_name="admin1", lookup_expr="iexact", help_text=_("First-level region.")
    )
    kind = filters.ChoiceFilter(choices=PlaceKind.choices, help_text=_("Only this kind."))
    q = filters.CharFilter(
        method="filter_text", help_text=_("Name or an alternate name contains this.")
    )
    bbox = BBoxFilter(
        method="filter_bbox", help_text=_("min_lon,min_lat,max_lon,max_lat: places inside the box.")
    )

    class Meta:
        model = Place
        fields: list[str] = []

    def filter_country(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(country__iexact=value) | Q(country_code__iexact=value))

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        joined = Func(
            F("alternate_names"), Value("|"), function="array_to_string", output_field=CharField()
        )
        return queryset.annotate(alternate_text=joined).filter(
            Q(name__icontains=value) | Q(alternate_text__icontains=value)
        )

    def filter_bbox(self, queryset, name, value: Polygon | None):
        return queryset.filter(point__coveredby=value) if value else queryset
