"""The review queue's block of figures awaiting review (incidents.tolls,
step 7): a constant number of queries however many incidents wait, and the
figures a merge brought to the survivor are there too."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from incidents import services
from tests.editorial.helpers import convoy

pytestmark = pytest.mark.django_db

QUEUE = "admin:incidents_extractioncandidate_changelist"


def pending_figure(incident, killed, *, day=10):
    """A later article's machine figure on a published incident: it waits."""
    return services.record_toll_revision(
        incident=incident,
        killed=killed,
        said_by="local official",
        reported_at=datetime(2025, 2, day, 12, tzinfo=UTC),
    )


def queue_queries(client) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(QUEUE))
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_pending_figures_block_costs_the_same_queries_for_one_or_many_incidents(
    editor_client, settings, django_assert_max_num_queries
):
    settings.TOLL_AUTO_ACCEPT = False
    pending_figure(convoy(killed=32)[0], 41)
    baseline, page = queue_queries(editor_client)
    assert page.count("41 reported by") == 1
    for n in range(6):
        pending_figure(convoy(killed=20 + n)[0], 50 + n)
    with django_assert_max_num_queries(baseline):
        _, page = queue_queries(editor_client)
    assert all(f"{50 + n} reported by" in page for n in range(6))


def test_a_merged_duplicates_pending_figure_shows_on_the_survivor_and_can_be_accepted(
    editor_client, editor, settings
):
    settings.TOLL_AUTO_ACCEPT = False
    survivor, _ = convoy(killed=32)
    duplicate, _ = convoy(killed=32)
    waiting = pending_figure(duplicate, 41)
    services.merge_incidents(
        duplicate=duplicate, survivor=survivor, user=editor, reason="same convoy"
    )

    _, page = queue_queries(editor_client)
    assert "41 reported by" in page, "the figure moved with the merge"
    accept = reverse(
        "admin:incidents_incident_review_toll", args=[survivor.pk, waiting.pk, "accept"]
    )
    assert accept in page
    assert editor_client.post(accept, {"note": "confirmed"}).status_code == 302
    survivor.refresh_from_db()
    assert survivor.killed == 41
    assert "41 reported by" not in queue_queries(editor_client)[1]
