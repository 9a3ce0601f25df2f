"""A partner request costs the same number of queries at any table size, and
page queries are planned without parallel workers (issue 13)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from incidents.api.rows import serial_plan
from incidents.models import Incident
from incidents.synthetic.copy import generate

pytestmark = pytest.mark.django_db

FILTERED = {
    "bbox": "-3.5,13.5,2.5,18.5",
    "actor": "jnim",
    "date_from": "2015-01-01",
    "page_size": "50",
}


def requests_of(incident_id: int) -> dict[str, tuple[str, dict]]:
    return {
        "list": ("/api/v1/incidents/", {}),
        "list filtered": ("/api/v1/incidents/", FILTERED),
        "list by toll": ("/api/v1/incidents/", {"ordering": "-killed", "min_killed": "1"}),
        "sync": ("/api/v1/incidents/", {"updated_since": "2000-01-01T00:00:00Z"}),
        "timeline": ("/api/v1/incidents/timeline/", {"bucket": "week"}),
        "timeline by dates": ("/api/v1/incidents/timeline/", {"date_from": "2020-01-01"}),
        "timeline filtered": ("/api/v1/incidents/timeline/", {"actor": "jnim"}),
        "detail": (f"/api/v1/incidents/{incident_id}/", {}),
        "tolls": (f"/api/v1/incidents/{incident_id}/tolls/", {}),
        "csv": ("/api/v1/incidents/", {"format": "csv"}),
        "geojson": ("/api/v1/incidents/", {"format": "geojson"}),
        "route": ("/api/v1/routes/gao-ansongo/incidents/", {}),
    }


def counts(partner) -> dict[str, int]:
    incident_id = Incident.objects.order_by("pk").values_list("pk", flat=True).first()
    partner.get("/api/v1/key/")  # the key's first use of the minute is recorded once
    result = {}
    for name, (url, params) in requests_of(incident_id).items():
        with CaptureQueriesContext(connection) as queries:
            response = partner.get(url, params)
            if hasattr(response, "streaming_content"):
                b"".join(response.streaming_content)
        assert response.status_code == 200, (name, response.content[:200])
        result[name] = len(queries)
    return result


def test_queries_per_request_do_not_grow_with_the_number_of_incidents(
    partner, django_assert_max_num_queries
):
    generate(30, seed=11, batch=30, background=False)
    few = counts(partner)
    generate(600, seed=12, batch=300, background=False)
    many = counts(partner)
    assert many == few
    incident_id = Incident.objects.order_by("pk").values_list("pk", flat=True).first()
    for name, (url, params) in requests_of(incident_id).items():
        with django_assert_max_num_queries(few[name]):
            response = partner.get(url, params)
            if hasattr(response, "streaming_content"):
                b"".join(response.streaming_content)


def plan_of(sql: str, params) -> str:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_page_queries_are_planned_without_parallel_workers(partner):
    generate(200, seed=13, batch=200, background=False)
    window = Incident.objects.filter(status="published").order_by("-date", "-id")
    sql, params = window.query.sql_with_params()
    with connection.cursor() as cursor:
        # Make parallel plans free, as the planner believes at a million rows.
        for setting in ("parallel_setup_cost", "parallel_tuple_cost"):
            cursor.execute(f"SET {setting} = 0")
        for setting in ("min_parallel_table_scan_size", "min_parallel_index_scan_size"):
            cursor.execute(f"SET {setting} = 0")
        cursor.execute("SET enable_indexscan = off")
        cursor.execute("SET enable_indexonlyscan = off")
        cursor.execute("SET enable_bitmapscan = off")
    assert "Gather" in plan_of(sql, params)
    with serial_plan():
        assert "Gather" not in plan_of(sql, params)

    with CaptureQueriesContext(connection) as queries:
        assert partner.get("/api/v1/incidents/", FILTERED).status_code == 200
    statements = [q["sql"] for q in queries.captured_queries]
    page = next(i for i, s in enumerate(statements) if '"incidents_incident"."summary"' in s)
    assert "max_parallel_workers_per_gather = 0" in statements[page - 1]
