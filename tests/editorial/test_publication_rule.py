"""The publication rule (incidents/tolls.py, step 7): on a published incident
a machine-extracted figure waits for an editor; the "41 tués" scenario."""

import csv
import io
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from incidents.demo import create_motivating_incident
from incidents.ingest.review import file_and_auto_approve
from incidents.ingest.submit import submit_document
from incidents.models import TollStatus

pytestmark = pytest.mark.django_db

RESTATED = (
    "Gao, 10 février 2025. Le bilan de l'embuscade tendue vendredi contre un convoi civil "
    "escorté par l'armée malienne et le groupe Wagner entre Gao et Ansongo s'est alourdi : "
    "41 tués, selon un élu local joint par téléphone."
)


def arrive(text=RESTATED):
    """The article goes through the real pipeline: read, extract, match, file."""
    article, _ = submit_document(
        text,
        title="Embuscade entre Gao et Ansongo : 41 tués",
        published_at=datetime(2025, 2, 10, 9, tzinfo=UTC),
        language="fr",
        enqueue=False,
    )
    result = file_and_auto_approve(article.pk)
    return article, result


def published_figures(partner, editor_client, incident):
    api = partner.get(f"/api/v1/incidents/{incident.pk}/").json()["toll"]["killed"]
    data = editor_client.get(reverse("dashboard:incidents-data")).json()
    on_map = data["killed"][data["id"].index(incident.pk)]
    export = partner.get("/api/v1/incidents/", {"format": "csv"})
    rows = list(csv.DictReader(io.StringIO(b"".join(export.streaming_content).decode())))
    return api, on_map, int(rows[0]["fatalities"])


def test_41_tues_waits_for_an_editor_then_shows_everywhere(
    partner, editor_client, editor, settings
):
    settings.TOLL_AUTO_ACCEPT = False
    convoy = create_motivating_incident()
    assert convoy.killed == 32
    _article, result = arrive()
    assert result.matched == [convoy.pk], "the restated toll is filed on the convoy"

    convoy.refresh_from_db()
    assert convoy.killed == 32, "the published toll keeps the accepted figure"
    assert published_figures(partner, editor_client, convoy) == (32, 32, 32)
    page = editor_client.get(reverse("dashboard:incident", args=[convoy.pk])).content.decode()
    assert "41 reported by" in page and "awaiting review" in page
    queue = editor_client.get(reverse("admin:incidents_extractioncandidate_changelist"))
    assert "41 reported by" in queue.content.decode()
    pending = convoy.toll_revisions.get(killed=41)
    assert pending.status == TollStatus.REPORTED
    revisions = partner.get(f"/api/v1/incidents/{convoy.pk}/tolls/").json()["revisions"]
    assert [r["killed"] for r in revisions if r["pending"]] == [41]

    url = reverse("admin:incidents_incident_review_toll", args=[convoy.pk, pending.pk, "accept"])
    assert (
        editor_client.post(url, {"note": "confirmed by the regional governor"}).status_code == 302
    )
    convoy.refresh_from_db()
    assert convoy.killed == 41
    assert published_figures(partner, editor_client, convoy) == (41, 41, 41)
    page = editor_client.get(reverse("dashboard:incident", args=[convoy.pk])).content.decode()
    assert "awaiting review" not in page
    accepted = convoy.history.latest()
    assert accepted.history_user == editor
    assert accepted.history_change_reason.startswith("accepted 41")
    assert accepted.history_change_reason.endswith("reason: confirmed by the regional governor")


def test_with_toll_auto_accept_a_machine_figure_is_published_at_once(settings):
    settings.TOLL_AUTO_ACCEPT = True
    convoy = create_motivating_incident()
    arrive()
    convoy.refresh_from_db()
    assert convoy.killed == 41
    figure = convoy.toll_revisions.get(killed=41)
    assert (figure.status, figure.review_note) == (
        TollStatus.ACCEPTED,
        "accepted automatically (TOLL_AUTO_ACCEPT)",
    )


def test_a_draft_keeps_todays_rule_the_latest_figure_counts(settings):
    settings.TOLL_AUTO_ACCEPT = False
    from incidents import services

    convoy = create_motivating_incident()
    draft = services.unpublish_incident(incident=convoy, user=None, reason="re-check")
    services.record_toll_revision(
        incident=draft,
        killed=41,
        said_by="local official",
        reported_at=datetime(2025, 2, 10, tzinfo=UTC),
    )
    draft.refresh_from_db()
    assert draft.killed == 41


def test_publishing_accepts_every_figure_not_rejected_and_never_changes_the_toll(settings, editor):
    settings.TOLL_AUTO_ACCEPT = False
    from incidents import services
    from tests.editorial.helpers import convoy

    draft, _ = convoy(killed=10, said_by="local official", publish=False, day=7)
    services.record_toll_revision(
        incident=draft, killed=32, said_by="NGO", reported_at=datetime(2025, 2, 8, tzinfo=UTC)
    )
    hoax = services.record_toll_revision(
        incident=draft, killed=300, said_by="a blog", reported_at=datetime(2025, 2, 9, tzinfo=UTC)
    )
    services.review_toll_revision(
        revision=hoax, status=TollStatus.REJECTED, user=editor, note="no source"
    )
    draft.refresh_from_db()
    assert draft.killed == 32

    published = services.publish_incident(incident=draft, user=editor)
    assert published.killed == 32, "the toll the editor saw on the draft"
    statuses = dict(published.toll_revisions.values_list("killed", "status"))
    assert statuses == {10: TollStatus.ACCEPTED, 32: TollStatus.ACCEPTED, 300: TollStatus.REJECTED}


def test_partners_get_410_for_an_unpublished_incident_and_404_for_a_never_published_one(
    partner, editor_client, editor
):
    from incidents import services
    from tests.editorial.helpers import convoy

    once, _ = convoy()
    services.unpublish_incident(incident=once, user=editor, reason="re-check the place")
    never, _ = convoy(publish=False)

    gone = partner.get(f"/api/v1/incidents/{once.pk}/")
    assert gone.status_code == 410
    assert (gone.json()["reason"], gone.json()["id"]) == ("unpublished", once.pk)
    assert partner.get(f"/api/v1/incidents/{once.pk}/tolls/").status_code == 410
    assert partner.get(f"/api/v1/incidents/{never.pk}/").status_code == 404
    assert editor_client.get(f"/api/v1/incidents/{once.pk}/").status_code == 200, (
        "editors keep working on the draft"
    )
