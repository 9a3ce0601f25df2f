"""The editor admin, through real HTTP requests to the Django admin."""

import re
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from incidents import services
from incidents.models import EntryKind, Incident, TollRevision, TollStatus
from tests.factories import IncidentFactory, PublishedIncidentFactory

pytestmark = pytest.mark.django_db


def change_url(incident):
    return reverse("admin:incidents_incident_change", args=[incident.pk])


def form_data(incident, **changes):
    """What the change form posts for ``incident``, with ``changes`` applied."""
    data = {
        "status": incident.status,
        "date": incident.date.isoformat(),
        "date_precision": incident.date_precision,
        "event_type": incident.event_type_id,
        "sub_event_type": incident.sub_event_type_id,
        "summary": incident.summary,
        "version": incident.version,
        "location": incident.location.geojson,
        "geo_precision": incident.geo_precision,
        "location_text": incident.location_text,
        "country": incident.country,
        "admin1": incident.admin1,
        "admin2": incident.admin2,
    }
    for prefix in ("actor_links", "sources"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": 0,
                f"{prefix}-INITIAL_FORMS": 0,
                f"{prefix}-MIN_NUM_FORMS": 0,
                f"{prefix}-MAX_NUM_FORMS": 1000,
            }
        )
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_change_page_has_map_widget_and_toll_history(editor_client):
    incident = IncidentFactory()
    services.record_toll_revision(
        incident=incident,
        killed=10,
        said_by="local official",
        quote="<b>ten</b> dead",
        reported_at=datetime(2025, 2, 7, tzinfo=UTC),
    )
    response = editor_client.get(change_url(incident))
    assert response.status_code == 200
    html = response.content.decode()
    assert "leaflet" in html.lower() and 'name="location"' in html
    assert "toll-history" in html and "local official" in html
    assert "&lt;b&gt;ten&lt;/b&gt;" in html, "quoted words are escaped"
    assert "<strong>10</strong> killed (10–10)" in html, "the current toll is rendered as HTML"
    assert reverse("admin:incidents_incident_correct_toll", args=[incident.pk]) in html


def test_editor_saves_incident_and_history_records_who(editor_client, editor):
    incident = IncidentFactory()
    response = editor_client.post(
        change_url(incident), form_data(incident, summary="Convoy ambushed near Kobé")
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    incident.refresh_from_db()
    assert incident.summary == "Convoy ambushed near Kobé"
    assert incident.version == 2
    assert incident.history.latest().history_user == editor


def test_second_concurrent_save_gets_conflict_message_and_overwrites_nothing(
    client, editor, second_editor
):
    incident = IncidentFactory(summary="original")
    loaded_by_both = form_data(incident)  # both editors opened version 1

    client.force_login(editor)
    first = client.post(change_url(incident), {**loaded_by_both, "summary": "first editor"})
    assert first.status_code == 302

    client.force_login(second_editor)
    second = client.post(
        change_url(incident), {**loaded_by_both, "summary": "second editor", "country": "Niger"}
    )
    assert second.status_code == 200
    page = second.content.decode()
    assert "Someone else (edith) saved this incident" in page
    assert "Your changes were not saved" in page

    incident.refresh_from_db()
    assert (incident.summary, incident.country, incident.version) == ("first editor", "Mali", 2)


def test_editor_sees_clear_message_for_future_date(editor_client):
    incident = IncidentFactory()
    response = editor_client.post(change_url(incident), form_data(incident, date="2099-01-01"))
    assert response.status_code == 200
    assert "is in the future" in response.content.decode()


def test_correct_toll_adds_revision_with_reason_and_editor(editor_client, editor):
    incident = IncidentFactory()
    services.record_toll_revision(
        incident=incident, killed=10, reported_at=datetime(2025, 2, 7, tzinfo=UTC)
    )
    url = reverse("admin:incidents_incident_correct_toll", args=[incident.pk])
    assert editor_client.get(url).status_code == 200

    response = editor_client.post(
        url,
        {
            "killed": 32,
            "qualifier": "at_least",
            "said_by": "regional governor",
            "reported_at": "2025-02-08 12:00:00",
            "reason": "Governor's statement on radio",
        },
    )
    assert response.status_code == 302
    revision = incident.toll_revisions.latest("reported_at")
    assert (revision.killed, revision.entry_kind, revision.entered_by) == (
        32,
        EntryKind.EDITOR,
        editor,
    )
    assert revision.reason == "Governor's statement on radio"
    incident.refresh_from_db()
    assert incident.killed == 32
    assert incident.toll_revisions.count() == 2


def test_correct_toll_without_reason_or_with_impossible_range_is_refused(editor_client):
    incident = IncidentFactory()
    url = reverse("admin:incidents_incident_correct_toll", args=[incident.pk])
    no_reason = editor_client.post(
        url, {"killed": 5, "qualifier": "exact", "reported_at": "2025-02-08 12:00:00"}
    )
    assert no_reason.status_code == 200 and "This field is required" in no_reason.content.decode()

    bad_range = editor_client.post(
        url,
        {
            "killed": 10,
            "killed_min": 20,
            "killed_max": 5,
            "qualifier": "range",
            "reported_at": "2025-02-08 12:00:00",
            "reason": "typo test",
        },
    )
    assert "below the minimum" in bad_range.content.decode()

    negative = editor_client.post(
        url,
        {"killed": -3, "qualifier": "exact", "reported_at": "2025-02-08 12:00:00", "reason": "x"},
    )
    assert "greater than or equal to 0" in negative.content.decode()
    assert incident.toll_revisions.count() == 0


def test_reject_and_pin_through_admin_pages_record_who_and_why(editor_client, editor):
    incident = IncidentFactory()
    first = services.record_toll_revision(
        incident=incident,
        killed=10,
        said_by="local official",
        reported_at=datetime(2025, 2, 7, tzinfo=UTC),
    )
    latest = services.record_toll_revision(
        incident=incident, killed=32, reported_at=datetime(2025, 2, 8, tzinfo=UTC)
    )

    def review(revision, action, note="checked"):
        url = reverse(
            "admin:incidents_incident_review_toll", args=[incident.pk, revision.pk, action]
        )
        assert editor_client.get(url).status_code == 200
        return editor_client.post(url, {"note": note})

    assert review(first, "pin", note="the later figure double-counts").status_code == 302
    incident.refresh_from_db()
    assert (incident.killed, incident.pinned_revision_id) == (10, first.pk)
    pinned = incident.history.latest()
    assert (pinned.history_user, pinned.history_change_reason) == (
        editor,
        "pinned 10 (local official) — reason: the later figure double-counts",
    )

    unpin = reverse("admin:incidents_incident_unpin_toll", args=[incident.pk])
    assert editor_client.post(unpin).status_code == 200, "unpinning needs a reason"
    assert editor_client.post(unpin, {"note": "governor confirmed"}).status_code == 302
    assert incident.history.latest().history_change_reason == (
        "unpinned the toll — reason: governor confirmed"
    )
    assert review(latest, "reject", note="double-counted").status_code == 302
    incident.refresh_from_db()
    assert incident.killed == 10
    latest.refresh_from_db()
    assert (latest.status, latest.killed) == (TollStatus.REJECTED, 32)
    assert incident.history.latest().history_change_reason == (
        "rejected 32 — reason: double-counted"
    )
    history_page = editor_client.get(
        reverse("admin:incidents_incident_history", args=[incident.pk])
    ).content.decode()
    assert "pinned 10 (local official) — reason: the later figure double-counts" in history_page


def test_toll_revision_admin_is_read_only(editor_client):
    revision = services.record_toll_revision(incident=IncidentFactory(), killed=4)
    url = reverse("admin:incidents_tollrevision_change", args=[revision.pk])
    page = editor_client.get(url).content.decode()
    assert 'name="killed"' not in page, "the figures are shown, never offered for editing"
    assert editor_client.post(url, {"killed": 400}).status_code == 403
    revision.refresh_from_db()
    assert revision.killed == 4
    assert editor_client.get(reverse("admin:incidents_tollrevision_add")).status_code == 403


def test_incidents_cannot_be_deleted_from_admin(editor_client):
    incident = IncidentFactory()
    url = reverse("admin:incidents_incident_delete", args=[incident.pk])
    assert editor_client.post(url, {"post": "yes"}).status_code == 403
    assert Incident.objects.filter(pk=incident.pk).exists()


def test_analyst_can_view_but_not_change_anything(analyst_client):
    incident = PublishedIncidentFactory(summary="as published")
    assert analyst_client.get(change_url(incident)).status_code == 200
    assert (
        analyst_client.post(
            change_url(incident), form_data(incident, summary="analyst edit")
        ).status_code
        == 403
    )
    incident.refresh_from_db()
    assert incident.summary == "as published"

    correct = reverse("admin:incidents_incident_correct_toll", args=[incident.pk])
    assert (
        analyst_client.post(
            correct,
            {"killed": 1, "qualifier": "exact", "reason": "x", "reported_at": "2025-02-08 12:00"},
        ).status_code
        == 403
    )
    assert TollRevision.objects.count() == 0
    for model in ("incident", "actor", "place", "route", "feed", "article"):
        assert analyst_client.get(reverse(f"admin:incidents_{model}_add")).status_code == 403


def test_editor_curates_actor_with_alias(editor_client):
    response = editor_client.post(
        reverse("admin:incidents_actor_add"),
        {
            "key": "katiba-test",
            "name": "Katiba Test",
            "kind": "rebel",
            "inter_code": 2,
            "aliases-TOTAL_FORMS": 1,
            "aliases-INITIAL_FORMS": 0,
            "aliases-MIN_NUM_FORMS": 0,
            "aliases-MAX_NUM_FORMS": 1000,
            "aliases-0-text": "Katiba Teste",
            "aliases-0-language": "fr",
        },
    )
    assert response.status_code == 302, re.findall(
        r'class="errorlist[^>]*>(.*?)</ul>', response.content.decode()
    )
    from incidents.models import Actor

    assert list(Actor.objects.get(key="katiba-test").aliases.values_list("text", flat=True)) == [
        "Katiba Teste"
    ]


@pytest.mark.parametrize(
    "model", ["incident", "actor", "place", "route", "feed", "article", "tollrevision"]
)
def test_changelists_load_for_editor(editor_client, model):
    PublishedIncidentFactory()
    assert editor_client.get(reverse(f"admin:incidents_{model}_changelist")).status_code == 200
