"""The two GeoJSON baselines our export is measured against, for the same
rows and properties: djangorestframework-gis's GeoFeatureModelSerializer
(what a plain DRF project would write) and PostGIS building the whole
FeatureCollection itself with ``json_agg(ST_AsGeoJSON(...))``."""

from __future__ import annotations

from django.db import connection, transaction

POSTGIS_SQL = """
    SELECT json_build_object('type', 'FeatureCollection',
                             'features', coalesce(json_agg(ST_AsGeoJSON(t.*, 'geom', 6)::json),
                                                  '[]'))::text
    FROM (
        SELECT i.id, i.status, i.date, i.date_precision, i.geo_precision, i.location_text,
               i.country, i.admin1, i.admin2, et.slug AS event_type,
               et.name AS event_type_name, st.slug AS sub_event_type,
               st.name AS sub_event_type_name, i.civilian_targeting, i.summary, i.killed,
               i.killed_low, i.killed_high, i.wounded, p.key AS place, r.slug AS route,
               i.updated_at,
               coalesce((SELECT json_agg(json_build_object('key', a.key, 'name', a.name,
                                                           'role', ia.role)
                                         ORDER BY ia.role, a.name)
                         FROM incidents_incidentactor ia
                         JOIN incidents_actor a ON a.id = ia.actor_id
                         WHERE ia.incident_id = i.id), '[]') AS actors,
               i.location AS geom
        FROM incidents_incident i
        JOIN incidents_eventtype et ON et.id = i.event_type_id
        JOIN incidents_subeventtype st ON st.id = i.sub_event_type_id
        LEFT JOIN incidents_place p ON p.id = i.place_id
        LEFT JOIN incidents_route r ON r.id = i.route_id
        WHERE i.status = 'published' AND i.merged_into_id IS NULL AND i.date >= %s
        ORDER BY i.date DESC, i.id DESC
    ) AS t
"""


def postgis_geojson(date_from, *, jit: bool = True) -> bytes:
    """PostGIS's FeatureCollection of the published incidents since ``date_from``."""
    with transaction.atomic(), connection.cursor() as cursor:
        if not jit:
            cursor.execute("SET LOCAL jit = off")
        cursor.execute(POSTGIS_SQL, [date_from])
        return cursor.fetchone()[0].encode()


def drf_gis_geojson(queryset) -> bytes:
    """The same FeatureCollection through GeoFeatureModelSerializer."""
    from rest_framework import serializers
    from rest_framework.renderers import JSONRenderer
    from rest_framework_gis.serializers import GeoFeatureModelSerializer

    from incidents.models import Incident, IncidentActor

    class ActorSerializer(serializers.ModelSerializer):
        key = serializers.CharField(source="actor.key")
        name = serializers.CharField(source="actor.name")

        class Meta:
            model = IncidentActor
            fields = ["key", "name", "role"]

    class PlainGeoSerializer(GeoFeatureModelSerializer):
        event_type = serializers.CharField(source="event_type.slug")
        event_type_name = serializers.CharField(source="event_type.name")
        sub_event_type = serializers.CharField(source="sub_event_type.slug")
        sub_event_type_name = serializers.CharField(source="sub_event_type.name")
        place = serializers.CharField(source="place.key", default=None)
        route = serializers.CharField(source="route.slug", default=None)
        actors = ActorSerializer(source="actor_links", many=True)

        class Meta:
            model = Incident
            geo_field = "location"
            fields = [
                "id", "status", "date", "date_precision", "geo_precision", "location_text",
                "country", "admin1", "admin2", "event_type", "event_type_name",
                "sub_event_type", "sub_event_type_name", "civilian_targeting", "summary",
                "killed", "killed_low", "killed_high", "wounded", "place", "route",
                "updated_at", "actors",
            ]  # fmt: skip

    queryset = queryset.select_related(
        "event_type", "sub_event_type", "place", "route"
    ).prefetch_related("actor_links__actor")
    return JSONRenderer().render(PlainGeoSerializer(queryset, many=True).data)
