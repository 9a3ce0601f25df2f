"""The motivating case end to end: two outlets report the Gao–Ansongo convoy ambush
(corpus/articles/01-…-en.html, 02-…-fr.html). Whatever order they arrive in — English
first, French first, both at once on two real Celery workers, or through the demo's own
feed — the incident's toll history reads 10 → 32, each point with the sources that gave
it and their words, and no wounded figure (neither article gives one)."""

from collections import defaultdict
from datetime import UTC, datetime, timedelta

import pytest

from incidents.ingest.filing import HistoryPoint, place_in_history
from incidents.ingest.review import approve_candidate
from incidents.models import Article, ArticleStatus, Feed, Incident, TollStatus
from incidents.selectors import toll_history
from incidents.tasks import poll_feed, process_article
from tests.ingest.conftest import article_url
from tests.ingest.test_worker import kill_hard, queue, start_worker, wait_for  # noqa: F401

CONVOY_EN = "01-gao-ansongo-convoy-ambush-en"
CONVOY_FR = "02-gao-ansongo-embuscade-convoi-fr"
SAID = {10: ("10", "dix"), 32: ("32",)}  # the words that give each figure


def ingest(server, slug):
    article, _ = Article.objects.get_or_create(url=article_url(server, slug))
    process_article.apply(args=[article.pk])
    article.refresh_from_db()
    assert article.status == ArticleStatus.PROCESSED, article.error
    return article


def convoy_incident() -> Incident:
    return Incident.objects.get(sources__article__url__contains=CONVOY_EN)


def assert_reads_10_then_32_from_both_outlets(incident: Incident) -> None:
    points = defaultdict(list)
    for revision in (
        incident.toll_revisions.exclude(status=TollStatus.REJECTED)
        .select_related("article")
        .order_by("reported_at", "id")
    ):
        points[revision.reported_at].append(revision)
    figures = [sorted({r.killed for r in revisions}) for revisions in points.values()]
    assert figures == [[10], [32]], figures
    for revisions in points.values():
        outlets = {r.article.url.rsplit("/", 1)[-1] for r in revisions}
        assert outlets == {f"{CONVOY_EN}.html", f"{CONVOY_FR}.html"}, (revisions, outlets)
        assert all(any(said in r.quote for said in SAID[r.killed]) for r in revisions), revisions
        assert all(r.wounded is None for r in revisions), "no article gives a wounded figure"
    escorts = set(incident.actor_links.filter(role="escort").values_list("actor__key", flat=True))
    assert {"malian-armed-forces", "wagner-group"} <= escorts, "both outlets' escorts are named"
    incident.refresh_from_db()
    assert (incident.killed, incident.wounded) == (32, None)
    assert incident.sources.count() == 2
    assert Incident.objects.filter(sources__article__url__contains=CONVOY_FR).get() == incident


@pytest.mark.django_db
def test_english_then_french_reads_10_then_32(news_site, demo_settings):
    ingest(news_site, CONVOY_EN)
    ingest(news_site, CONVOY_FR)
    assert_reads_10_then_32_from_both_outlets(convoy_incident())


@pytest.mark.django_db
def test_french_then_english_reads_10_then_32(news_site, demo_settings):
    """The French report recalls the provisional 10 ("un bilan provisoire faisait état de
    dix morts"): it is an earlier point, and the English report's 10 joins it."""
    ingest(news_site, CONVOY_FR)
    ingest(news_site, CONVOY_EN)
    assert_reads_10_then_32_from_both_outlets(convoy_incident())


@pytest.mark.django_db
def test_in_production_the_editor_approves_and_the_second_outlet_needs_no_review(
    news_site, loopback_allowed, editor, settings
):
    """Without the demo's auto-approval and auto-acceptance: the English
    report waits in the queue, an editor publishes it, and the French report
    that arrives next adds a source and restates 10 and 32 — nothing for an
    editor to review, the published toll stays 32."""
    settings.INGEST_AUTO_APPROVE = settings.TOLL_AUTO_ACCEPT = False
    english = ingest(news_site, CONVOY_EN)
    assert not Incident.objects.exists(), "nothing is published unseen"
    (candidate,) = [
        c for c in english.candidates.filter(status="pending") if not c.proposal.get("background")
    ]
    approve_candidate(candidate=candidate, user=editor)
    ingest(news_site, CONVOY_FR)

    incident = convoy_incident()
    assert_reads_10_then_32_from_both_outlets(incident)
    assert toll_history(incident=incident).pending == []
    assert incident.status == "published"


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_both_at_once_on_two_workers_reads_10_then_32(news_site, queue, demo_settings):  # noqa: F811
    articles = [
        Article.objects.create(url=article_url(news_site, slug)) for slug in (CONVOY_EN, CONVOY_FR)
    ]
    workers = [start_worker(f"{queue}"), start_worker(f"{queue}")]
    try:
        for article in articles:
            process_article.apply_async(args=[article.pk], queue=queue)
        wait_for(
            lambda: Article.objects.filter(status=ArticleStatus.PROCESSED).count() == 2,
            60,
            "both reports",
        )
    finally:
        for worker in workers:
            if worker.poll() is None:
                kill_hard(worker)
    assert Incident.objects.count() == 1
    assert_reads_10_then_32_from_both_outlets(convoy_incident())


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_demo_feed_on_a_worker_gives_the_convoy_10_then_32(news_site, queue, demo_settings):  # noqa: F811
    """The demo registers the sample corpus feed and the worker ingests every item."""
    feed = Feed.objects.create(url=news_site.base_url + "/feed.xml")
    worker = start_worker(queue)
    try:
        poll_feed.apply_async(args=[feed.pk], queue=queue)
        wait_for(
            lambda: (
                Article.objects.count() > 2
                and not Article.objects.exclude(
                    status__in=[ArticleStatus.PROCESSED, ArticleStatus.SKIPPED]
                ).exists()
            ),
            120,
            "every feed item",
        )
    finally:
        if worker.poll() is None:
            kill_hard(worker)
    assert_reads_10_then_32_from_both_outlets(convoy_incident())


# --- the placement rule on its own ------------------------------------------------------

T0 = datetime(2025, 2, 9, 9, 30, tzinfo=UTC)


def test_a_restated_figure_joins_the_point_that_gave_it():
    history = [
        HistoryPoint(T0 - timedelta(days=1, minutes=1), 10, None),
        HistoryPoint(T0 - timedelta(days=1), 32, None),
    ]
    own = [T0 + timedelta(hours=7, minutes=34), T0 + timedelta(hours=7, minutes=35)]
    assert place_in_history(own, [{(10,)}, {(32,)}], history) == [h.reported_at for h in history]


def test_a_new_figure_keeps_its_own_time_and_stays_before_the_next():
    history = [HistoryPoint(T0, 32, None)]
    own = [T0 + timedelta(hours=1), T0 + timedelta(hours=2)]
    placed = place_in_history(own, [{(15,)}, {(32,)}], history)
    assert placed[1] == T0, "32 joins the existing point"
    assert placed[0] < T0, "the 15 the article supersedes stays before it"


def test_a_later_figure_back_to_an_earlier_value_is_a_new_point():
    history = [HistoryPoint(T0, 10, None), HistoryPoint(T0 + timedelta(hours=1), 32, None)]
    own = [T0 + timedelta(days=2)]
    assert place_in_history(own, [{(10,)}], history) == own


def test_figures_given_together_share_one_point_of_the_history():
    """ "The army said 9, residents 16": two claims of one moment, one point."""
    from types import SimpleNamespace

    from incidents.extraction.proposal import IncidentProposal
    from incidents.ingest.filing import toll_claims

    article = SimpleNamespace(published_at=T0)
    proposal = {
        "toll_revisions": [
            {"killed": 9, "said_by": "army", "as_of": {"moment": 0}},
            {"killed": 16, "said_by": "residents", "as_of": {"moment": 0}},
        ]
    }
    claims = toll_claims(IncidentProposal.from_json(proposal), article)
    assert [(c["killed"], c["reported_at"]) for c in claims] == [(9, T0), (16, T0)]
