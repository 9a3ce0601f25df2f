"""Actors, places and routes (with the incidents along a route)."""

from __future__ import annotations

import builtins

from django.db.models import Prefetch
from django.http import QueryDict
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.renderers import BrowsableAPIRenderer
from rest_framework.response import Response

from incidents.api import docs
from incidents.api.errors import BadParameters
from incidents.api.filters import ActorFilterSet, PlaceFilterSet, StrictParametersMixin
from incidents.api.pagination import KeysetPagination, Ordering, orderings
from incidents.api.renderers import FastJSONRenderer
from incidents.api.rows import build_rows, read_page
from incidents.api.serializers import (
    ActorSerializer,
    PlaceSerializer,
    RouteIncidentSerializer,
    RouteSerializer,
)
from incidents.filters import IncidentFilterSet
from incidents.models import Actor, ActorAlias, Place, Route
from incidents.selectors import route_km_expression, route_length_km, visible_incidents

BY_ID = Ordering("id", "id", "int")
ROUTE_ORDERINGS = orderings(Ordering("route_km", "route_km", "float"))
SLUG = OpenApiParameter("slug", str, OpenApiParameter.PATH, description="Route slug.")
KEY = OpenApiParameter("key", str, OpenApiParameter.PATH, description="Stable key.")
PAGE_PARAMETERS = [
    OpenApiParameter("cursor", str, description="Opaque position from a `next` link."),
    OpenApiParameter(
        "page_size",
        {"type": "integer", "minimum": 1, "maximum": 1000},
        description="Rows per page, 1–1000 (default 100).",
    ),
]


class CatalogViewSet(StrictParametersMixin, viewsets.ReadOnlyModelViewSet):
    pagination_class = KeysetPagination
    renderer_classes = [FastJSONRenderer, BrowsableAPIRenderer]
    extra_parameters = frozenset({"cursor", "page_size"})

    def get_ordering(self, request):
        return BY_ID

    def allowed_parameters(self):
        if self.action == "retrieve":
            return set(self.common_parameters)
        return super().allowed_parameters()


@extend_schema(summary="Actors (forces, armed groups, populations) with their aliases")
class ActorViewSet(CatalogViewSet):
    serializer_class = ActorSerializer
    filterset_class = ActorFilterSet
    lookup_field = "key"
    lookup_value_regex = "[^/]+"
    queryset = Actor.objects.select_related("parent").prefetch_related(
        Prefetch("aliases", queryset=ActorAlias.objects.order_by("language", "text"))
    )

    @extend_schema(
        parameters=PAGE_PARAMETERS, responses={200: ActorSerializer(many=True), **docs.errors(400)}
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(parameters=[KEY], responses={200: ActorSerializer, **docs.errors(400, 404)})
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)


@extend_schema(summary="Gazetteer places")
class PlaceViewSet(CatalogViewSet):
    serializer_class = PlaceSerializer
    filterset_class = PlaceFilterSet
    lookup_field = "key"
    lookup_value_regex = "[^/]+"
    queryset = Place.objects.all()

    @extend_schema(
        parameters=PAGE_PARAMETERS, responses={200: PlaceSerializer(many=True), **docs.errors(400)}
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(parameters=[KEY], responses={200: PlaceSerializer, **docs.errors(400, 404)})
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)


class RouteViewSet(StrictParametersMixin, viewsets.GenericViewSet):
    """Roads, and the incidents along one of them with their km from its start."""

    renderer_classes = [FastJSONRenderer, BrowsableAPIRenderer]
    lookup_field = "slug"
    lookup_value_regex = "[^/]+"
    queryset = Route.objects.all()
    pagination_class = None  # the list of roads is short; incidents along one are paged

    def allowed_parameters(self):
        if self.action == "incidents":
            return (set(IncidentFilterSet.base_filters) - {"route"}) | {
                "format",
                "cursor",
                "page_size",
                "ordering",
            }
        return set(self.common_parameters)

    def _with_length(self, route):
        route.length_km = round(route_length_km(route=route), 3)
        return route

    @extend_schema(
        summary="Routes (roads)", responses={200: RouteSerializer(many=True), **docs.errors(400)}
    )
    def list(self, request):
        routes = [self._with_length(r) for r in self.get_queryset()]
        return Response(RouteSerializer(routes, many=True).data)

    @extend_schema(
        summary="One route",
        parameters=[SLUG],
        responses={200: RouteSerializer, **docs.errors(400, 404)},
    )
    def retrieve(self, request, slug=None):
        return Response(RouteSerializer(self._with_length(self.get_object())).data)

    def get_ordering(self, request):
        name = request.query_params.get("ordering") or "route_km"
        if name not in ROUTE_ORDERINGS:
            raise BadParameters({"ordering": [_("Use route_km or -route_km.")]})
        return ROUTE_ORDERINGS[name]

    def page_rows(self, window, ordering) -> builtins.list[dict]:
        def along_route(queryset):
            return queryset.annotate(route_km=self.route_km)

        return read_page(window, ordering, along_route)

    @extend_schema(
        summary="Incidents within within_km (default 10) of the route, by km along it",
        parameters=[
            *PAGE_PARAMETERS,
            SLUG,
            OpenApiParameter(
                "ordering",
                str,
                enum=sorted(ROUTE_ORDERINGS),
                description="By km along the road (default route_km).",
            ),
        ],
        responses={200: RouteIncidentSerializer(many=True), **docs.errors(400, 404)},
    )
    @action(detail=True, methods=["get"])
    def incidents(self, request, slug=None):
        route = self.get_object()
        params = QueryDict(mutable=True)
        params.update(request.query_params)
        params["route"] = route.slug
        filterset = IncidentFilterSet(
            params, queryset=visible_incidents(request.user), request=request
        )
        if not filterset.is_valid():
            raise BadParameters(filterset.errors_by_parameter)
        self.route_km = route_km_expression(route)
        paginator = KeysetPagination()
        page = paginator.paginate_queryset(
            filterset.qs.annotate(route_km=self.route_km), request, view=self
        )
        rows, _tombstones = build_rows(
            page, request.build_absolute_uri("/").rstrip("/"), split_tombstones=False
        )
        km = {v["id"]: round(v["route_km"], 3) for v in page}
        for row in rows:
            row["route_km"] = km[row["id"]]
        return paginator.get_paginated_response(rows)
