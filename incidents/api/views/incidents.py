"""Incidents: list (JSON pages, incremental sync, GeoJSON/CSV exports),
detail, toll history, timeline."""

from __future__ import annotations

import builtins

from django.http import Http404
from django.utils.translation import gettext as _
from django_filters.fields import IsoDateTimeField
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.renderers import BrowsableAPIRenderer
from rest_framework.response import Response

from incidents.api import docs, exports
from incidents.api.errors import Gone, bad_parameter
from incidents.api.filters import IncidentFilterBackend, StrictParametersMixin
from incidents.api.pagination import (
    INCIDENT_ORDERINGS,
    SYNC_ORDERING,
    KeysetPagination,
    decode_position,
)
from incidents.api.renderers import CSVRenderer, FastJSONRenderer, GeoJSONRenderer
from incidents.api.rows import (
    build_rows,
    detail_actors,
    read_page,
    read_rows,
    sources,
    toll_history,
    tombstone,
    with_row_values,
)
from incidents.api.serializers import (
    CurrentTollSerializer,
    IncidentDetailSerializer,
    IncidentSerializer,
    TimelineSerializer,
    TollRevisionSerializer,
    TombstoneSerializer,
)
from incidents.filters import IncidentFilterSet
from incidents.models import Incident, IncidentStatus
from incidents.selectors import (
    BUCKETS,
    WITHDRAWN,
    incident_timeline,
    visible_incidents,
    withdrawn_from_partners,
)

MAX_ID = 2**63 - 1
EXPORT_FORMATS = ("csv", "geojson")

FORMAT_PARAMETER = OpenApiParameter(
    "format",
    str,
    enum=["json", "geojson", "csv"],
    description="json (default, paginated), geojson (FeatureCollection) or csv "
    "(ACLED-compatible columns); geojson and csv stream the whole selection. "
    "The Accept header works too.",
)
ID_PARAMETER = OpenApiParameter("id", int, OpenApiParameter.PATH, description="Incident id.")
END_MARKER_PARAMETER = OpenApiParameter(
    "end_marker",
    {"type": "string", "enum": ["true", "false"]},
    description="CSV only: `true` ends the file with the comment line `# end of export: N "
    "incidents`, for scripts that check completeness inside the file (skip it when reading: "
    'pandas `comment="#"`). Without it the CSV is header and rows only; an interrupted '
    "export aborts the download (your client reports a transfer error), it never ends "
    "cleanly.",
)


def end_marker_requested(request) -> bool:
    value = request.query_params.get("end_marker", "false")
    if value not in ("true", "false"):
        raise bad_parameter("end_marker", _("Use true or false."))
    return value == "true"


LIST_PARAMETERS = [
    FORMAT_PARAMETER,
    END_MARKER_PARAMETER,
    OpenApiParameter("cursor", str, description="Opaque position from a `next` link."),
    OpenApiParameter(
        "page_size",
        {"type": "integer", "minimum": 1, "maximum": 1000},
        description="Rows per page, 1–1000 (default 100).",
    ),
    OpenApiParameter(
        "ordering",
        str,
        enum=sorted(INCIDENT_ORDERINGS),
        description="Sort key (default -date); ties are broken by id.",
    ),
    OpenApiParameter(
        "since",
        str,
        description="Incremental sync: the `next_since` token of your last sync. Results are "
        "then ordered by (updated_at, id) and include `deleted` tombstones.",
    ),
]

SYNC_EXAMPLE = OpenApiExample(
    "Incremental sync page",
    response_only=True,
    status_codes=["200"],
    # One incident; KeysetPagination's schema examples wrap it into the page
    # (next, next_since, deleted), as drf-spectacular paginates list examples.
    value={
        "id": 42,
        "url": "https://conflictwatch.example.org/api/v1/incidents/42/",
        "status": "published",
        "date": "2025-02-07",
        "date_precision": "day",
        "longitude": 0.2287,
        "latitude": 15.9657,
        "geo_precision": "between",
        "location_text": "between Gao and Ansongo",
        "place": None,
        "route": "gao-ansongo",
        "country": "Mali",
        "admin1": "Gao",
        "admin2": "Ansongo",
        "event_type": "battles",
        "event_type_name": "Battles",
        "sub_event_type": "armed-clash",
        "sub_event_type_name": "Armed clash",
        "civilian_targeting": False,
        "summary": "Jihadists ambushed a convoy escorted by FAMa and Wagner.",
        "toll": {"killed": 32, "low": 32, "high": 32, "wounded": None},
        "actors": [{"key": "jnim", "name": "JNIM", "role": "perpetrator"}],
        "merged_into": None,
        "created_at": "2025-02-08T09:00:00Z",
        "updated_at": "2025-02-09T10:00:00Z",
    },
)


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


class IncidentViewSet(StrictParametersMixin, viewsets.GenericViewSet):
    """Incidents, filtered by the same parameters as the dashboard."""

    filterset_class = IncidentFilterSet
    filter_backends = [IncidentFilterBackend]
    pagination_class = KeysetPagination
    renderer_classes = [FastJSONRenderer, GeoJSONRenderer, CSVRenderer, BrowsableAPIRenderer]
    extra_parameters = frozenset({"cursor", "page_size", "ordering", "since", "end_marker"})
    queryset = Incident.objects.none()
    lookup_value_regex = "[^/]+"  # anything, so a bad id is our JSON 404, not an HTML page
    filterset: IncidentFilterSet  # the request's, set by IncidentFilterBackend

    # --- querysets ------------------------------------------------------------------
    def get_queryset(self):
        visible = visible_incidents(self.request.user)
        if self.action == "list" and self.in_sync_mode():
            return visible | Incident.objects.filter(withdrawn_from_partners())
        return visible

    def is_editor(self) -> bool:
        return self.request.user.has_perm("incidents.change_incident")

    def in_sync_mode(self) -> bool:
        params = self.request.query_params
        return bool(params.get("since") or params.get("updated_since"))

    def sync_start(self, request):
        """The position incremental sync starts after, or None outside sync."""
        if self.action != "list" or not self.in_sync_mode():
            return None
        token = request.query_params.get("since")
        if token:
            return decode_position(token, SYNC_ORDERING, "since")
        return IsoDateTimeField().clean(request.query_params["updated_since"]), 0

    def get_ordering(self, request):
        name = request.query_params.get("ordering") or "-date"
        if name not in INCIDENT_ORDERINGS:
            raise bad_parameter(
                "ordering",
                _("Use one of %(values)s.") % {"values": ", ".join(sorted(INCIDENT_ORDERINGS))},
            )
        return INCIDENT_ORDERINGS[name]

    # --- list ------------------------------------------------------------------------
    @extend_schema(
        summary="List incidents",
        parameters=LIST_PARAMETERS,
        responses={
            (200, "application/json"): IncidentSerializer(many=True),
            (200, "application/geo+json"): OpenApiResponse(
                OpenApiTypes.OBJECT, description="The whole selection as a FeatureCollection."
            ),
            (200, "text/csv"): OpenApiResponse(
                OpenApiTypes.STR, description="The whole selection, ACLED-compatible columns."
            ),
            **docs.errors(400),
        },
        examples=[SYNC_EXAMPLE, docs.BAD_PARAMETER_EXAMPLE, docs.THROTTLED_EXAMPLE],
    )
    def list(self, request):
        fmt = request.accepted_renderer.format
        sync = self.in_sync_mode()
        queryset = self.filter_queryset(self.get_queryset())
        if fmt in EXPORT_FORMATS:
            queryset = self.get_ordering(request).apply(queryset)
            if fmt == "csv":
                return exports.csv_response(queryset, end_marker=end_marker_requested(request))
            return exports.geojson_response(queryset)
        if sync and request.query_params.get("ordering") not in (None, "", "updated_at"):
            raise bad_parameter("ordering", _("Incremental sync is always ordered by updated_at."))
        matching = synced_until = None
        if sync and self.sync_is_filtered():
            # Walk every change since the position, not only those that match:
            # an incident edited out of the filters must reach the partner too,
            # as a tombstone.
            page = self.paginate_queryset(self.get_queryset())
            matching = set(
                queryset.filter(pk__in=[row["id"] for row in page]).values_list("pk", flat=True)
            )
            synced_until = self.sync_start(request)[0]
        else:
            page = self.paginate_queryset(queryset)
        rows, deleted = build_rows(
            page,
            _base_url(request),
            split_tombstones=sync,
            for_partner=not self.is_editor(),
            matching=matching,
            synced_until=synced_until,
        )
        return self.get_paginated_response((rows, deleted))

    def sync_is_filtered(self) -> bool:
        return any(
            value not in (None, "", [], ())
            for name, value in self.filterset.form.cleaned_data.items()
            if name != "updated_since"
        )

    def page_rows(self, window, ordering) -> builtins.list[dict]:
        return read_page(window, ordering)

    # --- detail ---------------------------------------------------------------------
    def get_incident(self, pk: str) -> Incident:
        """The incident if visible; 410 with its tombstone if it is withdrawn
        (incidents.tolls: retracted or merged, and for partners a published
        incident set back to draft); 404 if it never was public."""
        if not str(pk).isdigit() or int(pk) > MAX_ID:
            raise Http404
        gone = WITHDRAWN if self.is_editor() else withdrawn_from_partners()
        found = (
            (visible_incidents(self.request.user) | Incident.objects.filter(gone))
            .filter(pk=pk)
            .first()
        )
        if found is None:
            raise Http404
        if (
            found.status == IncidentStatus.RETRACTED
            or found.merged_into_id
            or (found.status == IncidentStatus.DRAFT and not self.is_editor())
        ):
            raise Gone(
                tombstone(
                    {
                        "id": found.pk,
                        "status": found.status,
                        "merged_into_id": found.merged_into_id,
                        "updated_at": found.updated_at,
                    }
                )
            )
        return found

    @extend_schema(
        summary="One incident with its actors, sources and toll history",
        parameters=[ID_PARAMETER, FORMAT_PARAMETER, END_MARKER_PARAMETER],
        responses={
            200: IncidentDetailSerializer,
            410: TombstoneSerializer,
            **docs.errors(400, 404),
        },
    )
    def retrieve(self, request, pk=None):
        if request.accepted_renderer.format in EXPORT_FORMATS:
            incident = self.get_incident(pk)
            queryset = Incident.objects.filter(pk=incident.pk)
            if request.accepted_renderer.format == "csv":
                return exports.csv_response(
                    queryset,
                    f"incident-{incident.pk}.csv",
                    end_marker=end_marker_requested(request),
                )
            return exports.geojson_response(queryset, f"incident-{incident.pk}.geojson")
        incident = self.get_incident(pk)
        values = read_rows(with_row_values(Incident.objects.filter(pk=incident.pk)))
        row = build_rows(values, _base_url(request), split_tombstones=False)[0][0]
        row["actors"] = detail_actors(incident.pk)
        row["sources"] = sources(incident.pk)
        row["toll_revisions"] = toll_history(incident)
        return Response(row)

    @extend_schema(
        summary="The toll history of one incident",
        parameters=[ID_PARAMETER],
        responses={
            200: inline_serializer(
                name="TollHistory",
                fields={
                    "incident": serializers.IntegerField(),
                    "current": CurrentTollSerializer(),
                    "revisions": TollRevisionSerializer(many=True),
                },
            ),
            410: TombstoneSerializer,
            **docs.errors(400, 404),
        },
    )
    @action(detail=True, methods=["get"], renderer_classes=[FastJSONRenderer, BrowsableAPIRenderer])
    def tolls(self, request, pk=None):
        incident = self.get_incident(pk)
        return Response(
            {
                "incident": incident.pk,
                "current": {
                    "killed": incident.killed,
                    "low": incident.killed_low,
                    "high": incident.killed_high,
                    "wounded": incident.wounded,
                },
                "revisions": toll_history(incident),
            }
        )

    @extend_schema(
        summary="Incidents and deaths per day, week or month for the current filters",
        parameters=[
            OpenApiParameter(
                "bucket", str, enum=[*BUCKETS], description="Bucket size (default week)."
            )
        ],
        responses={200: TimelineSerializer, **docs.errors(400)},
    )
    @action(
        detail=False, methods=["get"], renderer_classes=[FastJSONRenderer, BrowsableAPIRenderer]
    )
    def timeline(self, request):
        bucket = request.query_params.get("bucket") or "week"
        if bucket not in BUCKETS:
            raise bad_parameter(
                "bucket", _("Use one of %(values)s.") % {"values": ", ".join(BUCKETS)}
            )
        self.filter_queryset(self.get_queryset())  # validates the filters
        buckets = incident_timeline(user=request.user, filterset=self.filterset, bucket=bucket)
        return Response({"bucket": bucket, "buckets": buckets})

    def allowed_parameters(self) -> set[str]:
        names = super().allowed_parameters()
        if self.action == "timeline":
            return (names - {"cursor", "page_size", "ordering", "since", "end_marker"}) | {"bucket"}
        if self.action == "retrieve":
            return set(self.common_parameters) | {"end_marker"}
        if self.action == "tolls":
            return set(self.common_parameters)
        return names
