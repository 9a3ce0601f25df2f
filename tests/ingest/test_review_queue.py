"""The editor's review queue in the admin, over HTTP."""

import pytest
from django.urls import reverse

from incidents.models import (
    Article,
    ArticleStatus,
    CandidateStatus,
    ExtractionCandidate,
    Incident,
)
from incidents.tasks import process_article
from tests.ingest.conftest import article_url

pytestmark = pytest.mark.django_db

CONVOY_EN = "01-gao-ansongo-convoy-ambush-en"


@pytest.fixture
def candidate(news_site, loopback_allowed):
    article = Article.objects.create(url=article_url(news_site, CONVOY_EN))
    process_article.apply(args=[article.pk])
    return ExtractionCandidate.objects.get(article=article, background=False)


def review_url(candidate):
    return reverse("admin:incidents_extractioncandidate_change", args=[candidate.pk])


def decide_url(candidate, decision):
    return reverse("admin:incidents_extractioncandidate_decide", args=[candidate.pk, decision])


def test_review_page_highlights_evidence_and_escapes_text(editor_client, candidate):
    Article.objects.filter(pk=candidate.article_id).update(
        text=candidate.article.text + "\n<script>window.pwned=1</script>"
    )
    page = editor_client.get(review_url(candidate)).content.decode()
    assert "<mark" in page and "provisional toll of 10" in page
    assert "&lt;script&gt;window.pwned=1&lt;/script&gt;" in page
    assert "<script>window.pwned" not in page
    assert "Approve as a new incident" in page


def test_approve_files_published_incident(editor_client, editor, candidate):
    response = editor_client.post(decide_url(candidate, "approve"))
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.APPROVED and candidate.reviewed_by == editor
    incident = candidate.incident
    assert incident.status == "published" and incident.killed == 32
    assert list(
        incident.toll_revisions.order_by("reported_at").values_list("killed", flat=True)
    ) == [10, 32]


def test_merge_into_existing_incident_adds_source_not_incident(editor_client, candidate):
    from incidents.demo import create_motivating_incident

    existing = create_motivating_incident()
    page = editor_client.get(review_url(candidate)).content.decode()
    assert f'value="{existing.pk}"' in page, "the existing incident is suggested"
    response = editor_client.post(decide_url(candidate, "merge"), {"incident": existing.pk})
    assert response.status_code == 302
    assert Incident.objects.count() == 1
    assert existing.sources.filter(article=candidate.article).exists()


def test_reject_and_bulk_actions(editor_client, candidate, news_site):
    editor_client.post(decide_url(candidate, "reject"), {"note": "duplicate wire copy"})
    candidate.refresh_from_db()
    assert (candidate.status, candidate.review_note) == (
        CandidateStatus.REJECTED,
        "duplicate wire copy",
    )
    assert Incident.objects.count() == 0

    other = Article.objects.create(url=article_url(news_site, "12-tillaberi-patrol-ambush-en"))
    process_article.apply(args=[other.pk])
    current = ExtractionCandidate.objects.filter(background=False)
    pending = current.filter(status=CandidateStatus.PENDING)
    response = editor_client.post(
        reverse("admin:incidents_extractioncandidate_changelist"),
        {"action": "approve_selected", "_selected_action": [c.pk for c in pending]},
    )
    assert response.status_code == 302
    assert not current.filter(status=CandidateStatus.PENDING).exists()
    assert (
        Incident.objects.count()
        == pending.model.objects.filter(status=CandidateStatus.APPROVED).count()
    )


def test_decisions_need_an_editor(analyst_client, candidate):
    assert analyst_client.get(review_url(candidate)).status_code == 200
    assert analyst_client.post(decide_url(candidate, "approve")).status_code == 403
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.PENDING


def test_reviewing_twice_is_refused_with_a_message(editor_client, candidate):
    editor_client.post(decide_url(candidate, "approve"))
    response = editor_client.post(decide_url(candidate, "approve"), follow=True)
    assert "already reviewed" in response.content.decode()
    assert Incident.objects.count() == 1


def test_editor_submits_pasted_text(editor_client, django_capture_on_commit_callbacks):
    text = (
        "Gunmen attacked the village of Tassiga near Ansongo on 3 March 2025, "
        "killing at least seven civilians, a local official said."
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = editor_client.post(
            reverse("admin:incidents_article_submit"), {"text": text, "title": "Tassiga attack"}
        )
    assert response.status_code == 302
    article = Article.objects.get(title="Tassiga attack")
    assert article.status == ArticleStatus.FETCHED and article.text.startswith("Gunmen")
    assert len(callbacks) == 1, "queued for the worker once the transaction commits"


@pytest.mark.parametrize(
    "data, message",
    [
        ({}, "either a URL or the text"),
        ({"url": "ftp://example.org/a"}, "Only http and https"),
        ({"text": "too short"}, "too short"),
    ],
)
def test_bad_submissions_get_clear_errors(editor_client, data, message):
    response = editor_client.post(reverse("admin:incidents_article_submit"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Article.objects.exists()


def test_queue_names_candidates_and_gives_their_toll_with_its_qualifier(
    editor_client, news_site, loopback_allowed
):
    """The queue lists what the machine proposes as incidents are named, in
    the interface language, never by the article's words or an ISO date; and
    the French report's "au moins 32" stays "at least 32"."""
    article = Article.objects.create(
        url=article_url(news_site, "02-gao-ansongo-embuscade-convoi-fr")
    )
    process_article.apply(args=[article.pk])
    queue = reverse("admin:incidents_extractioncandidate_changelist")
    english = editor_client.get(queue).content.decode()
    french = editor_client.get(queue, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "at least 32" in english and "au moins 32" in french
    assert "Armed clash" in english and "Affrontement armé" in french
    assert "Feb. 7, 2025" in english and "7 février 2025" in french
    assert "2025-02-07" not in english and "2025-02-07" not in french
