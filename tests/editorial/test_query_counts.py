"""Done-when of issue 10: the incident page, the API list and the map data
cost the same number of queries however many incidents, figures, sources and
actors there are (NetBox-style query-count baselines)."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from incidents import services
from incidents.models import Actor, Role
from tests.factories import ArticleFactory, IncidentFactory

pytestmark = pytest.mark.django_db

ACTORS = ["jnim", "malian-armed-forces", "wagner-group", "civilians"]


def incident_with(n: int):
    """A published incident with ``n`` sources, ``n`` figures and min(n, 4) actors."""
    incident = IncidentFactory()
    for i in range(n):
        article = ArticleFactory()
        services.add_source(incident=incident, article=article, quote=f"quote {i}")
        services.record_toll_revision(
            incident=incident,
            killed=10 + i,
            said_by="official",
            article=article,
            reported_at=datetime(2025, 2, 7, tzinfo=UTC) + timedelta(hours=i),
        )
    for key in ACTORS[:n]:
        incident.actor_links.create(actor=Actor.objects.get(key=key), role=Role.TARGET)
    return services.publish_incident(incident=incident)


def count(client, url, **params) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(queries)


def test_incident_page_queries_do_not_grow_with_figures_sources_and_actors(
    analyst_client, django_assert_max_num_queries
):
    small, large = incident_with(1), incident_with(6)
    page = "dashboard:incident"
    # Once per process, GeoDjango reads an SRID's definition from spatial_ref_sys
    # and keeps it: a warm-up request, so only per-request queries are counted.
    analyst_client.get(reverse(page, args=[small.pk]))
    baseline = count(analyst_client, reverse(page, args=[small.pk]))
    assert count(analyst_client, reverse(page, args=[large.pk])) == baseline
    with django_assert_max_num_queries(baseline):
        analyst_client.get(reverse(page, args=[large.pk]))


def test_map_data_and_api_list_queries_do_not_grow_with_incidents(
    editor_client, django_assert_max_num_queries
):
    incident_with(2)
    one = {
        "map": count(editor_client, reverse("dashboard:incidents-data")),
        "list": count(editor_client, "/api/v1/incidents/"),
    }
    for _ in range(8):
        incident_with(3)
    many = {
        "map": count(editor_client, reverse("dashboard:incidents-data")),
        "list": count(editor_client, "/api/v1/incidents/"),
    }
    assert many == one
    with django_assert_max_num_queries(one["map"]):
        editor_client.get(reverse("dashboard:incidents-data"))
