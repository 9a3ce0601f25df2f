"""From a feed to incidents, in-process on real PostGIS and real HTTP: the
tasks' functions run here; tests/ingest/test_worker.py runs them on a worker."""

import pytest

from incidents.ingest.feeds import MalformedFeed, poll
from incidents.ingest.review import approve_candidate
from incidents.models import (
    Article,
    ArticleStatus,
    ExtractionCandidate,
    Feed,
    Incident,
    TollRevision,
)
from incidents.tasks import process_article
from tests.ingest.conftest import LABELS, article_url

pytestmark = pytest.mark.django_db

CONVOY_EN = "01-gao-ansongo-convoy-ambush-en"
CONVOY_FR = "02-gao-ansongo-embuscade-convoi-fr"
MENAKA_FIRST, MENAKA_LATER = "03-menaka-hamlets-attack-en", "04-menaka-bilan-revu-fr"


def ingest(server, slug):
    article, _ = Article.objects.get_or_create(url=article_url(server, slug))
    process_article.apply(args=[article.pk])
    article.refresh_from_db()
    return article


@pytest.fixture
def auto_approve(demo_settings):
    """The demo's settings: extracted incidents and their later figures go live."""
    return demo_settings


def test_feed_poll_stores_each_item_once_and_honours_etag(news_site, loopback_allowed):
    feed = Feed.objects.create(url=news_site.base_url + "/feed.xml")
    first = poll(feed)
    assert len(first.new_article_ids) == len(LABELS)
    feed.refresh_from_db()
    assert feed.etag and feed.last_polled_at and not feed.last_error

    again = poll(feed)
    assert again.not_modified
    feed.etag = ""
    assert poll(feed).new_article_ids == [], "known items are not stored twice"
    assert Article.objects.count() == len(LABELS)
    assert Article.objects.filter(title=LABELS[CONVOY_EN]["title"]).exists()


def test_unreadable_feed_is_reported_and_loses_nothing(news_site, loopback_allowed):
    feed = Feed.objects.create(url=news_site.base_url + "/feed.xml")
    poll(feed)
    news_site.extra_routes["/broken.xml"] = (
        200,
        {"Content-Type": "application/rss+xml"},
        b"{{ this is not a feed }}",
    )
    broken = Feed.objects.create(url=news_site.base_url + "/broken.xml")
    with pytest.raises(MalformedFeed):
        poll(broken)
    broken.refresh_from_db()
    assert "not a readable RSS/Atom feed" in broken.last_error
    assert Article.objects.count() == len(LABELS)


def test_truncated_feed_keeps_the_items_it_could_read(news_site, loopback_allowed):
    good = f"{news_site.base_url}/articles/{CONVOY_EN}.html"
    body = (
        f"<rss><channel><title>t</title><item><title>ok</title><link>{good}</link></item>"
        "<item><title>no link</title></item><item><title>cut"
    ).encode()
    news_site.extra_routes["/cut.xml"] = (200, {"Content-Type": "application/rss+xml"}, body)
    feed = Feed.objects.create(url=news_site.base_url + "/cut.xml")
    result = poll(feed)
    assert len(result.new_article_ids) == 1
    feed.refresh_from_db()
    assert "malformed" in feed.last_error and "no link" in feed.last_error


def test_motivating_article_becomes_candidate_with_10_then_32(news_site, loopback_allowed):
    article = ingest(news_site, CONVOY_EN)
    assert article.status == ArticleStatus.PROCESSED, article.error
    assert article.language == "en" and article.content_hash
    candidate = ExtractionCandidate.objects.get(article=article, background=False)
    proposal = candidate.proposal
    assert (proposal["date"], proposal["geo_precision"], proposal["place"]) == (
        "2025-02-07",
        "between",
        "gao-ansongo",
    )
    assert [r["killed"] for r in proposal["toll_revisions"]] == [10, 32]
    assert Incident.objects.count() == 0, "without auto-approval nothing is published unreviewed"

    incident = approve_candidate(candidate=candidate, user=None)
    history = list(incident.toll_revisions.order_by("reported_at").values_list("killed", "said_by"))
    assert [k for k, _ in history] == [10, 32]
    assert history[0][1] == "local official"
    assert incident.killed == 32
    assert incident.sources.get().article == article
    assert set(incident.actor_links.values_list("actor__key", "role")) >= {
        ("jnim", "perpetrator"),
        ("wagner-group", "escort"),
    }


def test_second_outlet_matches_the_same_incident(news_site, loopback_allowed, auto_approve):
    ingest(news_site, CONVOY_EN)
    ingest(news_site, CONVOY_FR)
    incident = Incident.objects.get()
    assert incident.sources.count() == 2
    assert ExtractionCandidate.objects.filter(background=False).count() == 1, (
        "the French report is not a new candidate"
    )
    assert incident.killed == 32


def test_toll_revision_across_two_articles(news_site, loopback_allowed, auto_approve):
    ingest(news_site, MENAKA_FIRST)
    ingest(news_site, MENAKA_LATER)
    incident = Incident.objects.get()
    killed = list(incident.toll_revisions.order_by("reported_at").values_list("killed", flat=True))
    assert killed[0] == 5 and killed[-1] == 14
    assert incident.killed == 14
    assert incident.sources.count() == 2


def test_processing_twice_stores_nothing_twice(news_site, loopback_allowed, auto_approve):
    article = ingest(news_site, CONVOY_EN)
    counts = (
        Incident.objects.count(),
        TollRevision.objects.count(),
        ExtractionCandidate.objects.filter(background=False).count(),
    )
    Article.objects.filter(pk=article.pk).update(status=ArticleStatus.FETCHED)
    process_article.apply(args=[article.pk])
    assert (
        Incident.objects.count(),
        TollRevision.objects.count(),
        ExtractionCandidate.objects.filter(background=False).count(),
    ) == counts


def test_same_story_under_another_url_is_skipped(news_site, loopback_allowed):
    news_site.extra_routes["/copy.html"] = (
        200,
        {"Content-Type": "text/html"},
        (news_site.corpus_dir / "articles" / f"{CONVOY_EN}.html").read_bytes(),
    )
    ingest(news_site, CONVOY_EN)
    copy = Article.objects.create(url=news_site.base_url + "/copy.html")
    process_article.apply(args=[copy.pk])
    copy.refresh_from_db()
    assert copy.status == ArticleStatus.SKIPPED and "same text as article" in copy.error


NO_INCIDENT = [slug for slug, label in LABELS.items() if label["kind"] == "no_incident"]


@pytest.mark.parametrize("slug", NO_INCIDENT)
def test_articles_without_violence_produce_nothing(news_site, loopback_allowed, slug):
    article = ingest(news_site, slug)
    assert article.status == ArticleStatus.PROCESSED
    assert not article.candidates.filter(background=False).exists()


@pytest.mark.parametrize(
    "route, headers, body, message",
    [
        ("/missing.html", {}, b"", "HTTP 404"),
        ("/image.html", {"Content-Type": "image/jpeg"}, b"\xff\xd8\xff", "image/jpeg"),
        (
            "/empty.html",
            {"Content-Type": "text/html"},
            b"<html><body><nav>menu</nav></body></html>",
            "main text",
        ),
    ],
)
def test_failures_are_recorded_on_the_article(
    news_site, loopback_allowed, route, headers, body, message
):
    if route != "/missing.html":
        news_site.extra_routes[route] = (200, headers, body)
    article = Article.objects.create(url=news_site.base_url + route)
    process_article.apply(args=[article.pk])
    article.refresh_from_db()
    assert article.status == ArticleStatus.FAILED
    assert message in article.error


def test_hostile_html_is_read_as_text(news_site, loopback_allowed):
    page = (news_site.corpus_dir / "articles" / f"{CONVOY_EN}.html").read_text()
    hostile = page.replace(
        "<article>", '<article><script>window.pwned=1</script><img src=x onerror="alert(1)">', 1
    )
    news_site.extra_routes["/hostile.html"] = (200, {"Content-Type": "text/html"}, hostile.encode())
    article = Article.objects.create(url=news_site.base_url + "/hostile.html")
    process_article.apply(args=[article.pk])
    article.refresh_from_db()
    assert article.status == ArticleStatus.PROCESSED
    assert "window.pwned" not in article.text and "onerror" not in article.text


def test_latin1_page_is_decoded(news_site, loopback_allowed):
    page = (news_site.corpus_dir / "articles" / f"{CONVOY_FR}.html").read_text()
    page = page.replace('<meta charset="utf-8">', "")
    news_site.extra_routes["/latin1.html"] = (
        200,
        {"Content-Type": "text/html; charset=iso-8859-1"},
        page.encode("latin-1", errors="replace"),
    )
    article = Article.objects.create(url=news_site.base_url + "/latin1.html")
    process_article.apply(args=[article.pk])
    article.refresh_from_db()
    assert "Gao" in article.text and "é" in article.text


def test_unreachable_host_is_retried_then_recorded_as_failed(loopback_allowed):
    article = Article.objects.create(url="http://127.0.0.1:9/nothing-listens-here")
    process_article.apply(args=[article.pk])  # eager: the retries run at once
    article.refresh_from_db()
    assert "cannot connect" in article.error
    assert article.status == ArticleStatus.FAILED
    assert article.attempts == process_article.max_retries + 1


def test_unknown_place_is_flagged_and_rerun_uses_the_place_an_editor_adds(
    news_site, loopback_allowed, django_capture_on_commit_callbacks, eager_tasks
):
    from django.contrib.gis.geos import Point

    from incidents.ingest.articles import reprocess
    from incidents.models import Place
    from incidents.tasks import enqueue_article

    article = ingest(news_site, "17-bourem-enlevement-commercants-fr")
    candidate = ExtractionCandidate.objects.get(article=article, background=False)
    assert candidate.unknown_place == "Tin-Akalaf"
    assert candidate.proposal["geo_precision"] == "near"

    Place.objects.create(
        key="ml-tin-akalaf",
        name="Tin-Akalaf",
        point=Point(-0.25, 17.02),
        country_code="ML",
        country="Mali",
        admin1="Gao",
        admin2="Bourem",
        kind="populated_place",
        source="editor",
    )
    with django_capture_on_commit_callbacks(execute=True):
        enqueue_article(reprocess(article))
    candidate = ExtractionCandidate.objects.get(article=article, background=False)
    assert candidate.proposal["place"] == "ml-tin-akalaf"
    assert candidate.proposal["geo_precision"] == "exact"
    assert not candidate.unknown_place
