"""Background mentions and actors the catalogue lacks reach the review queue."""

import pytest
from django.urls import reverse

from incidents.ingest.unresolved import add_unresolved_as_actor, map_unresolved_actor
from incidents.models import (
    Actor,
    ActorAlias,
    ActorKind,
    Article,
    CandidateStatus,
    ExtractionCandidate,
    Incident,
    UnresolvedActor,
)
from incidents.tasks import process_article
from tests.ingest.conftest import article_url

pytestmark = pytest.mark.django_db

CONVOY_EN = "01-gao-ansongo-convoy-ambush-en"


@pytest.fixture
def convoy_article(news_site, loopback_allowed):
    article = Article.objects.create(url=article_url(news_site, CONVOY_EN))
    process_article.apply(args=[article.pk])
    return article


def test_recalled_attack_is_queued_as_background_not_filed(convoy_article, settings):
    background = ExtractionCandidate.objects.get(article=convoy_article, background=True)
    assert background.proposal["killed"] == 20, "the December attack the article recalls"
    assert background.status == CandidateStatus.PENDING
    current = ExtractionCandidate.objects.get(article=convoy_article, background=False)
    assert current.proposal["killed"] == 32


def test_editor_promotes_a_background_mention(editor_client, convoy_article):
    background = ExtractionCandidate.objects.get(article=convoy_article, background=True)
    page = editor_client.get(
        reverse("admin:incidents_extractioncandidate_change", args=[background.pk])
    ).content.decode()
    assert "only recalls this earlier event" in page
    response = editor_client.post(
        reverse("admin:incidents_extractioncandidate_decide", args=[background.pk, "approve"])
    )
    assert response.status_code == 302
    background.refresh_from_db()
    assert background.status == CandidateStatus.APPROVED
    assert background.incident.killed == 20


def _candidate_with_unknown_group(article) -> ExtractionCandidate:
    from incidents.extraction.proposal import IncidentProposal
    from incidents.ingest.filing import _queue

    current = ExtractionCandidate.objects.get(article=article, background=False)
    proposal = {
        **current.proposal,
        "lang": "fr",
        "actors": [
            *current.proposal["actors"],
            {
                "key": None,
                "name": "Katiba Fictive du Gourma",
                "role": "perpetrator",
                "unresolved": True,
            },
        ],
    }
    candidate, _ = _queue(article, 99, IncidentProposal.from_json(proposal))
    return candidate


def test_unknown_perpetrator_is_kept_by_name_and_mapping_teaches_the_alias(convoy_article):
    candidate = _candidate_with_unknown_group(convoy_article)
    unresolved = UnresolvedActor.objects.get(candidate=candidate)
    assert (unresolved.name, unresolved.role, unresolved.actor) == (
        "Katiba Fictive du Gourma",
        "perpetrator",
        None,
    )

    jnim = Actor.objects.get(key="jnim")
    map_unresolved_actor(unresolved=unresolved, actor=jnim)
    assert ActorAlias.objects.get(text="Katiba Fictive du Gourma", language="fr").actor == jnim

    from incidents.ingest.review import approve_candidate

    incident = approve_candidate(candidate=candidate, user=None)
    assert incident.actor_links.filter(actor=jnim, role="perpetrator").exists()


def test_unknown_name_added_as_new_actor_joins_the_approved_incident(convoy_article):
    from incidents.ingest.review import approve_candidate

    candidate = _candidate_with_unknown_group(convoy_article)
    incident = approve_candidate(candidate=candidate, user=None)
    unresolved = candidate.unresolved_actors.get()
    actor = add_unresolved_as_actor(unresolved=unresolved, kind=ActorKind.REBEL)
    assert (actor.name, actor.kind, actor.inter_code) == ("Katiba Fictive du Gourma", "rebel", 2)
    assert Incident.objects.get(pk=incident.pk).actor_links.filter(actor=actor).exists()


def test_editor_maps_an_unresolved_actor_in_the_admin(editor_client, convoy_article):
    candidate = _candidate_with_unknown_group(convoy_article)
    page = editor_client.get(
        reverse("admin:incidents_extractioncandidate_change", args=[candidate.pk])
    ).content.decode()
    assert "Katiba Fictive du Gourma" in page and "map it or add it" in page
    unresolved = candidate.unresolved_actors.get()
    url = reverse("admin:incidents_unresolvedactor_change", args=[unresolved.pk])
    refused = editor_client.post(url, {"actor": "", "new_kind": ""})
    assert refused.status_code == 200 and "Choose an existing actor" in refused.content.decode()
    response = editor_client.post(url, {"actor": "", "new_kind": "militia"})
    assert response.status_code == 302
    unresolved.refresh_from_db()
    assert unresolved.actor.kind == "militia" and unresolved.resolved_at is not None


PASTED_FR = (
    "Des hommes armés ont tendu une embuscade vendredi à un convoi de l'armée malienne "
    "près de Bourem. L'attaque a été revendiquée par la katiba Hanifa, un groupe peu connu."
)


def test_pasted_report_of_an_unknown_group_reaches_the_queue_with_weak_fields(editor_client):
    from datetime import UTC, datetime

    from incidents.ingest.submit import submit_document

    article, _ = submit_document(
        PASTED_FR,
        title="Embuscade près de Bourem",
        language="fr",
        published_at=datetime(2025, 2, 9, 8, tzinfo=UTC),
        enqueue=False,
    )
    process_article.apply(args=[article.pk])
    candidate = ExtractionCandidate.objects.get(article=article, background=False)
    unresolved = candidate.unresolved_actors.get()
    assert (unresolved.name, unresolved.role, unresolved.language) == (
        "katiba Hanifa",
        "perpetrator",
        "fr",
    )
    assert "revendiquée par la katiba Hanifa" in unresolved.evidence
    assert candidate.proposal["field_confidence"]["toll"] < 0.5, "no toll is given"
    page = editor_client.get(
        reverse("admin:incidents_extractioncandidate_change", args=[candidate.pk])
    ).content.decode()
    assert page.count('class="cw-weak"') >= 1
