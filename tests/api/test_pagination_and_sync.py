"""Cursor pages stay stable under inserts; incremental sync misses nothing."""

import threading
from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from incidents.models import Incident, IncidentStatus
from tests.api.conftest import KeyClient, make_key
from tests.factories import IncidentFactory, PublishedIncidentFactory

URL = "/api/v1/incidents/"


def page_through(client, url, params=None):
    """Every result id and tombstone id, following next links; and the last body."""
    seen, deleted, body = [], [], None
    response = client.get(url, params or {})
    while True:
        assert response.status_code == 200, response.content
        body = response.json()
        seen += [r["id"] for r in body["results"]]
        deleted += [d["id"] for d in body["deleted"]]
        if not body["next"]:
            return seen, deleted, body
        response = client.get(body["next"])


@pytest.mark.django_db
def test_pages_do_not_repeat_or_skip_when_rows_are_inserted_between_pages(partner):
    originals = {PublishedIncidentFactory(date=date(2025, 2, 1 + n % 5)).pk for n in range(25)}
    seen = []
    response = partner.get(URL, {"page_size": 4})
    while True:
        body = response.json()
        seen += [r["id"] for r in body["results"]]
        # Someone adds incidents dated before, on and after the current page.
        for day in (1, 3, 5):
            PublishedIncidentFactory(date=date(2025, 2, day))
        if not body["next"]:
            break
        response = partner.get(body["next"])
    assert len(seen) == len(set(seen))
    assert originals <= set(seen)


@pytest.mark.django_db
def test_ordering_by_toll_pages_through_nulls(partner):
    made = {PublishedIncidentFactory(killed=k).pk for k in (None, 3, 3, 3, 40, None, 7)}
    seen, _, _ = page_through(partner, URL, {"ordering": "-killed", "page_size": 2})
    assert len(seen) == len(made) and set(seen) == made
    tolls = [Incident.objects.get(pk=pk).killed for pk in seen]
    assert tolls[:5] == [40, 7, 3, 3, 3]


@pytest.mark.django_db(transaction=True)
def test_paging_while_another_connection_inserts(partner_key):
    client = KeyClient(partner_key[1])
    originals = {PublishedIncidentFactory(date=date(2025, 1, 1 + n % 28)).pk for n in range(60)}
    stop = threading.Event()
    inserted = []

    def insert():
        try:
            while not stop.is_set() and len(inserted) < 200:
                inserted.append(PublishedIncidentFactory(date=date(2025, 1, 15)).pk)
        finally:
            connection.close()

    worker = threading.Thread(target=insert)
    worker.start()
    try:
        seen, _, _ = page_through(client, URL, {"page_size": 7})
    finally:
        stop.set()
        worker.join()
    assert len(seen) == len(set(seen)), "a row was served twice"
    assert originals <= set(seen), "a row that existed before paging began was skipped"


def set_updated_at(pks, moment):
    Incident.objects.filter(pk__in=pks).update(updated_at=moment)


@pytest.mark.django_db
@override_settings(API_SYNC_SETTLE_SECONDS=0)
def test_sync_never_misses_a_change_when_many_rows_share_a_timestamp(partner):
    moment = timezone.now() - timedelta(hours=1)
    rows = [PublishedIncidentFactory().pk for _ in range(23)]
    set_updated_at(rows, moment)  # one bulk change: every row has the same updated_at
    seen, _, body = page_through(
        partner, URL, {"updated_since": (moment - timedelta(seconds=1)).isoformat(), "page_size": 5}
    )
    assert sorted(seen) == sorted(rows)
    # Nothing changed since: the stored token gives an empty page.
    again, _, later = page_through(partner, URL, {"since": body["next_since"]})
    assert again == []
    # One of them changes again: the next sync brings exactly that one.
    Incident.objects.filter(pk=rows[7]).update(updated_at=timezone.now(), summary="revised")
    changed, _, _ = page_through(partner, URL, {"since": later["next_since"]})
    assert changed == [rows[7]]


@pytest.mark.django_db
@override_settings(API_SYNC_SETTLE_SECONDS=60)
def test_sync_token_waits_for_late_commits(partner):
    """A change saved a few seconds ago but committed only now (a long
    transaction) is still delivered, because the token never passes
    now − settle time."""
    fresh = PublishedIncidentFactory()
    _, _, body = page_through(partner, URL, {"updated_since": "2000-01-01T00:00:00Z"})
    late = PublishedIncidentFactory()
    set_updated_at([late.pk], timezone.now() - timedelta(seconds=20))
    seen, _, _ = page_through(partner, URL, {"since": body["next_since"]})
    assert late.pk in seen
    assert fresh.pk in seen  # delivered again: at least once, never missed


@pytest.mark.django_db
@override_settings(API_SYNC_SETTLE_SECONDS=0)
def test_sync_reports_retractions_and_merges_as_tombstones(partner):
    start = timezone.now() - timedelta(minutes=5)
    survivor = PublishedIncidentFactory()
    duplicate = PublishedIncidentFactory()
    retracted = PublishedIncidentFactory()
    IncidentFactory(status=IncidentStatus.DRAFT)
    Incident.objects.filter(pk=duplicate.pk).update(
        merged_into=survivor, status=IncidentStatus.RETRACTED, updated_at=timezone.now()
    )
    Incident.objects.filter(pk=retracted.pk).update(
        status=IncidentStatus.RETRACTED, updated_at=timezone.now()
    )
    response = partner.get(URL, {"updated_since": start.isoformat()})
    body = response.json()
    assert [r["id"] for r in body["results"]] == [survivor.pk]
    tombstones = {d["id"]: d for d in body["deleted"]}
    assert set(tombstones) == {duplicate.pk, retracted.pk}
    assert tombstones[duplicate.pk]["merged_into"] == survivor.pk
    assert tombstones[retracted.pk]["status"] == "retracted"
    assert tombstones[duplicate.pk]["reason"] == "merged"
    assert tombstones[retracted.pk]["reason"] == "retracted"
    # Outside sync, a partner never sees them at all.
    listed = {r["id"] for r in partner.get(URL).json()["results"]}
    assert listed == {survivor.pk}


@pytest.mark.django_db
@override_settings(API_SYNC_SETTLE_SECONDS=0)
def test_filtered_sync_reports_an_incident_edited_out_of_the_filters(partner):
    start = timezone.now() - timedelta(minutes=5)
    stays = PublishedIncidentFactory(country="Mali")
    moves = PublishedIncidentFactory(country="Mali")
    elsewhere = PublishedIncidentFactory(country="Niger")
    first = partner.get(URL, {"updated_since": start.isoformat(), "country": "Mali"}).json()
    assert {r["id"] for r in first["results"]} == {stays.pk, moves.pk}
    # Created after the sync's start and never matching: not even a tombstone.
    assert elsewhere.pk not in {r["id"] for r in first["results"]} | {
        d["id"] for d in first["deleted"]
    }

    moves.country = "Niger"  # an editor corrects the country
    moves.save()
    again = partner.get(URL, {"since": first["next_since"], "country": "Mali"}).json()
    assert again["results"] == []
    assert [(d["id"], d["reason"]) for d in again["deleted"]] == [(moves.pk, "outside_filter")]
    # Without filters the same change is an ordinary update.
    unfiltered = partner.get(URL, {"since": first["next_since"]}).json()
    assert [r["id"] for r in unfiltered["results"]] == [moves.pk]
    assert unfiltered["deleted"] == []


@pytest.mark.django_db
def test_sync_tells_partners_to_delete_an_incident_set_back_to_draft(partner, editor_client):
    start = timezone.now() - timedelta(minutes=5)
    withdrawn = PublishedIncidentFactory()
    withdrawn.status = IncidentStatus.DRAFT
    withdrawn.save()  # through the ORM, so its history records both states
    never_published = IncidentFactory(status=IncidentStatus.DRAFT)

    body = partner.get(URL, {"updated_since": start.isoformat()}).json()
    assert body["results"] == []
    assert [(d["id"], d["status"], d["reason"]) for d in body["deleted"]] == [
        (withdrawn.pk, "draft", "unpublished")
    ]
    assert never_published.pk not in {d["id"] for d in body["deleted"]}

    editor_view = editor_client.get(URL, {"updated_since": start.isoformat()}).json()
    assert {r["id"] for r in editor_view["results"]} == {withdrawn.pk, never_published.pk}
    assert editor_view["deleted"] == []


def test_sync_refuses_other_orderings(partner):
    response = partner.get(URL, {"updated_since": "2025-01-01T00:00:00Z", "ordering": "-date"})
    assert response.status_code == 400 and "ordering" in response.json()["errors"]


@pytest.mark.django_db
def test_cursor_made_for_another_ordering_is_400(partner):
    for _ in range(3):
        PublishedIncidentFactory()
    cursor = partner.get(URL, {"page_size": 1}).json()["next"].split("cursor=")[1]
    response = partner.get(URL, {"cursor": cursor, "ordering": "killed"})
    assert response.status_code == 400 and "cursor" in response.json()["errors"]


def test_make_key_helper_is_usable_in_transactional_tests(transactional_db):
    key, secret = make_key(name="other")
    assert key.is_valid(secret)
    assert datetime.now(UTC)  # keep imports honest
