"""The editorial write paths of issue 10, through the admin, the dashboard
and the API, against the real database. Each test names the failure it
guards against."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from incidents import services
from incidents.extraction.proposal import IncidentProposal
from incidents.ingest.filing import attach_report
from incidents.models import (
    Actor,
    Feed,
    Incident,
    IncidentMerge,
    IncidentSource,
    IncidentStatus,
)
from tests.editorial.helpers import convoy, rename_in_admin
from tests.factories import ArticleFactory
from tests.test_admin import form_data

pytestmark = pytest.mark.django_db

API = "/api/v1/incidents/"


# 1. Revert wipes the toll --------------------------------------------------------------


def test_reverting_from_history_recomputes_the_toll_from_the_revisions(editor_client):
    incident, _article = convoy(killed=10, publish=False)
    services.update_incident(incident=incident, changes={"summary": "first account"})
    before = incident.history.latest()  # toll 10, summary "first account"
    services.record_toll_revision(
        incident=incident, killed=32, said_by="NGO", reported_at=datetime(2025, 2, 9, tzinfo=UTC)
    )
    services.update_incident(incident=incident, changes={"summary": "second account"})

    url = reverse("admin:incidents_incident_simple_history", args=[incident.pk, before.history_id])
    page = editor_client.get(url).content.decode()
    version = re.search(r'name="version" value="(\d+)"', page).group(1)
    response = editor_client.post(url, form_data(before.instance, version=version))
    assert response.status_code == 302, response.content.decode()[:3000]

    incident.refresh_from_db()
    assert incident.summary == "first account", "the revert applied the old fields"
    assert (incident.killed, incident.killed_low, incident.killed_high) == (32, 32, 32), (
        "the toll comes from the revisions, not from the old history row"
    )


# 3. Merged duplicates stay on the map ---------------------------------------------------


def test_merge_moves_sources_and_actors_and_the_duplicate_leaves_map_and_timeline(
    editor_client, partner
):
    survivor, survivor_article = convoy(killed=32)
    duplicate, duplicate_article = convoy(killed=32, actors=("jnim", "wagner-group"))

    merge_url = reverse("admin:incidents_incident_merge", args=[duplicate.pk])
    assert editor_client.post(merge_url, {"survivor": survivor.pk}).status_code == 200, (
        "a merge needs a reason"
    )
    response = editor_client.post(
        merge_url, {"survivor": survivor.pk, "reason": "same convoy, two reports"}
    )
    assert response.status_code == 302

    data = editor_client.get(reverse("dashboard:incidents-data")).json()
    assert data["id"] == [survivor.pk]
    buckets = partner.get(API + "timeline/", {"bucket": "month"}).json()["buckets"]
    assert [(b["incidents"], b["killed"]) for b in buckets] == [(1, 32)], "32 dead, not 64"
    assert partner.get(f"{API}{duplicate.pk}/").status_code == 410

    survivor.refresh_from_db()
    assert set(survivor.sources.values_list("article", flat=True)) == {
        survivor_article.pk,
        duplicate_article.pk,
    }
    assert "wagner-group" in set(survivor.actor_links.values_list("actor__key", flat=True))
    figures = partner.get(f"{API}{survivor.pk}/tolls/").json()["revisions"]
    assert len(figures) == 2, "the duplicate's figures are linked to the survivor"
    assert survivor.history.latest().history_change_reason == (
        f"#{duplicate.pk} merged into this incident — reason: same convoy, two reports"
    )

    undo = reverse("admin:incidents_incident_undo_merge", args=[duplicate.pk])
    assert editor_client.post(undo, {"reason": "different convoys after all"}).status_code == 302
    data = editor_client.get(reverse("dashboard:incidents-data")).json()
    assert sorted(data["id"]) == sorted([survivor.pk, duplicate.pk])
    assert list(duplicate.sources.values_list("article", flat=True)) == [duplicate_article.pk]
    assert not survivor.actor_links.filter(actor__key="wagner-group").exists()
    assert IncidentMerge.objects.get(duplicate=duplicate).undone_at is not None


def test_merged_incident_page_sends_the_reader_to_the_survivor(editor_client, editor):
    survivor, _ = convoy()
    duplicate, _ = convoy()
    services.merge_incidents(
        duplicate=duplicate, survivor=survivor, user=editor, reason="same attack"
    )
    response = editor_client.get(reverse("dashboard:incident", args=[duplicate.pk]))
    assert response.status_code == 302
    assert response.url == reverse("dashboard:incident", args=[survivor.pk])


def test_retracted_incident_is_gone_for_editors_too(editor_client, editor):
    incident, _ = convoy()
    services.retract_incident(incident=incident, user=editor, reason="hoax")
    assert editor_client.get(reverse("dashboard:incidents-data")).json()["id"] == []
    assert editor_client.get(reverse("dashboard:incident", args=[incident.pk])).status_code == 404
    assert editor_client.get(f"{API}{incident.pk}/").status_code == 410


# 4. Reasons are thrown away -------------------------------------------------------------


def test_toll_correction_reason_is_shown_in_the_history_in_words(editor_client, editor):
    incident, _ = convoy(killed=10, publish=False)
    url = reverse("admin:incidents_incident_correct_toll", args=[incident.pk])
    editor_client.post(
        url,
        {
            "killed": 32,
            "qualifier": "exact",
            "said_by": "regional governor",
            "reported_at": "2025-02-09 12:00:00",
            "reason": "the governor's figure includes civilians",
        },
    )
    record = incident.history.latest()
    assert record.history_user == editor
    assert record.history_change_reason == (
        "corrected the toll to 32 (regional governor) — reason: the governor's figure "
        "includes civilians"
    )
    page = editor_client.get(reverse("admin:incidents_incident_history", args=[incident.pk]))
    assert "the governor&#x27;s figure includes civilians" in page.content.decode()


def test_retracting_in_the_form_requires_a_reason_and_records_it(editor_client, editor):
    incident, _ = convoy()
    url = reverse("admin:incidents_incident_change", args=[incident.pk])
    refused = editor_client.post(url, form_data(incident, status="retracted"))
    assert (
        refused.status_code == 200
        and "Say why the incident is retracted" in refused.content.decode()
    )
    saved = editor_client.post(
        url, form_data(incident, status="retracted", change_reason="duplicate of a hoax")
    )
    assert saved.status_code == 302
    incident.refresh_from_db()
    assert incident.status == IncidentStatus.RETRACTED
    assert incident.history.latest().history_change_reason == (
        "retracted — reason: duplicate of a hoax"
    )


# 5. History has holes -------------------------------------------------------------------


def test_removing_a_source_needs_a_reason_and_keeps_its_quote_in_history(editor_client, editor):
    incident, article = convoy()
    source = incident.sources.get()
    url = reverse("admin:incidents_incident_remove_source", args=[incident.pk, source.pk])
    assert editor_client.post(url, {}).status_code == 200
    assert IncidentSource.objects.filter(pk=source.pk).exists()

    assert editor_client.post(url, {"reason": "the outlet withdrew it"}).status_code == 302
    assert not IncidentSource.objects.filter(pk=source.pk).exists()
    gone = IncidentSource.history.filter(id=source.pk, history_type="-").get()
    assert (gone.article_id, gone.quote, gone.history_user) == (
        article.pk,
        "32 people were killed",
        editor,
    )
    assert incident.history.latest().history_change_reason.endswith(
        "— reason: the outlet withdrew it"
    )


def test_sources_aliases_feeds_articles_candidates_and_keys_keep_history(editor):
    from incidents.models import ActorAlias, ExtractionCandidate
    from partners.models import Partner, PartnerAPIKey

    alias = ActorAlias.objects.create(
        actor=Actor.objects.get(key="jnim"), text="GSIM-test", language="fr"
    )
    feed = Feed.objects.create(url="https://news.example.org/feed.xml")
    feed.active = False
    feed.save()
    article = ArticleFactory()
    candidate = ExtractionCandidate.objects.create(article=article, sequence=0, proposal={})
    key, _secret = PartnerAPIKey.objects.create_key(
        name="k", partner=Partner.objects.create(name="P")
    )
    key.revoked = True
    key.save()
    for row, count in ((alias, 1), (feed, 2), (article, 1), (candidate, 1), (key, 2)):
        assert row.history.count() == count, type(row).__name__
    assert key.history.earliest().revoked is False


# 6. Partners miss changes ---------------------------------------------------------------


def _synced(partner, since) -> tuple[set[int], set[int]]:
    body = partner.get(API, {"updated_since": since.isoformat()}).json()
    return {r["id"] for r in body["results"]}, {d["id"] for d in body["deleted"]}


def test_sync_delivers_a_new_source_an_actor_rename_a_merge_and_a_retraction(
    partner, editor, editor_client
):
    sourced, _ = convoy()
    named, _ = convoy(actors=("africa-corps",))
    merged, _ = convoy()
    survivor, _ = convoy()
    retracted, _ = convoy()
    since = timezone.now() + timedelta(microseconds=1)
    assert _synced(partner, since) == (set(), set())

    no_figure = IncidentProposal.from_json({})
    attach_report(incident=sourced, article=ArticleFactory(), proposal=no_figure)
    actor = Actor.objects.get(key="africa-corps")
    rename_in_admin(editor_client, actor, "Africa Corps (Russia)")
    services.merge_incidents(duplicate=merged, survivor=survivor, user=editor, reason="same")
    services.retract_incident(incident=retracted, user=editor, reason="hoax")

    live, deleted = _synced(partner, since)
    assert live == {sourced.pk, named.pk, survivor.pk}
    assert deleted == {merged.pk, retracted.pk}


# 7. Actor hierarchy ignored -------------------------------------------------------------


def test_filtering_by_a_parent_actor_includes_its_children(partner, editor_client):
    russia = Actor.objects.get(key="military-forces-of-russia")
    Actor.objects.filter(key="wagner-group").update(parent=russia)
    wagner, _ = convoy(actors=("wagner-group",))
    corps, _ = convoy(actors=("africa-corps",))
    convoy(actors=("jnim",))
    expected = {wagner.pk, corps.pk}
    rows = partner.get(API, {"actor": "military-forces-of-russia"}).json()["results"]
    assert {r["id"] for r in rows} == expected
    data = editor_client.get(
        reverse("dashboard:incidents-data"), {"actor": "military-forces-of-russia"}
    ).json()
    assert set(data["id"]) == expected


def test_editor_adds_a_source_in_the_admin_and_sync_delivers_it(editor_client, partner):
    incident, _ = convoy()
    article = ArticleFactory(title="Témoignage d'un rescapé")
    since = timezone.now()
    url = reverse("admin:incidents_incident_add_source", args=[incident.pk])
    assert editor_client.get(url).status_code == 200
    assert (
        editor_client.post(url, {"article": article.pk, "quote": "un rescapé raconte"}).status_code
        == 302
    )
    assert incident.sources.filter(article=article, quote="un rescapé raconte").exists()
    assert _synced(partner, since) == ({incident.pk}, set())
    assert incident.history.latest().history_change_reason == (
        f"added source #{article.pk} «Témoignage d'un rescapé»"
    )


def test_editor_creates_a_published_incident_in_the_admin_through_the_services(
    editor_client, editor
):
    template, _ = convoy(publish=False)
    data = form_data(template, status="published", summary="Entered by hand")
    response = editor_client.post(reverse("admin:incidents_incident_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    created = Incident.objects.get(summary="Entered by hand")
    assert created.status == IncidentStatus.PUBLISHED
    assert [
        (h.history_user, h.history_change_reason) for h in created.history.order_by("history_date")
    ] == [(editor, "created"), (editor, "published")]
