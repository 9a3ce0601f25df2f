"""Issue 12, failure 7: impossible dates and tolls are refused on every path
with the reason recorded, and titles lose their invisible characters."""

from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from incidents import services
from incidents.extraction.proposal import IncidentProposal
from incidents.ingest.feeds import poll
from incidents.ingest.filing import can_auto_approve, file_article
from incidents.ingest.screening import screen_proposal
from incidents.ingest.submit import submit_document
from incidents.models import Article, ArticleStatus, EntryKind, ExtractionCandidate, Feed, Incident
from incidents.validators import MAX_TOLL, clean_title
from tests.factories import IncidentFactory

pytestmark = pytest.mark.django_db

RLO, ZWSP, LRI, PDI = "\u202e", "\u200b", "\u2066", "\u2069"


def fetched_article(text: str, published: datetime) -> Article:
    return Article.objects.create(
        url=f"https://news.example.org/{abs(hash(text))}",
        text=text,
        language="en",
        published_at=published,
        status=ArticleStatus.FETCHED,
    )


AMBUSH = (
    "Gunmen ambushed a convoy near Ansongo in the Gao region on {day}, killing {toll} "
    "civilians, a local official said."
)


def test_a_toll_in_billions_is_not_read_as_a_small_figure(demo_settings):
    article = fetched_article(
        AMBUSH.format(day="Monday", toll="10 billion"), datetime(2025, 2, 11, 9, tzinfo=UTC)
    )
    file_article(article.pk)

    assert not Incident.objects.exists(), "a proposal with a dropped toll is not auto-approved"
    candidate = ExtractionCandidate.objects.get(article=article)
    assert candidate.proposal["killed"] is None
    assert not [r for r in candidate.proposal["toll_revisions"] if r.get("killed") == 10]
    assert any(
        "10,000,000,000" in p and f"{MAX_TOLL:,}" in p for p in candidate.proposal["problems"]
    )


@pytest.mark.parametrize(
    "day, reason",
    [
        ("2025-03-03", "after the article's publication"),
        ("1899-12-31", "before 1989-01-01"),
    ],
)
def test_the_gate_drops_an_impossible_date_with_the_reason(day, reason):
    proposal = {
        "date": day,
        "latitude": 15.6,
        "longitude": 0.5,
        "country": "ML",
        "event_type": "violence_against_civilians",
        "killed": 12,
        "toll_revisions": [{"killed": 12, "claims": [{"killed": 12}]}],
    }
    published = datetime(2025, 2, 11, 9, tzinfo=UTC)
    screened = screen_proposal(IncidentProposal.from_json(proposal), published=published)
    assert screened.date is None and screened.json["date"] is None
    assert any(reason in p for p in screened.problems)
    assert screened.json["killed"] == 12 and screened.tolls, "the rest is kept"
    assert not can_auto_approve(screened)
    assert can_auto_approve(
        screen_proposal(
            IncidentProposal.from_json({**proposal, "date": "2025-02-10"}), published=published
        )
    )


def test_the_gate_keeps_the_possible_one_of_disagreeing_figures_and_stores_what_filing_saw():
    proposal = {
        "date": "2025-02-10",
        "killed": 12,
        "killed_min": 12,
        "killed_max": 12_000_000,
        "toll_revisions": [
            {"killed": 8, "wounded": 3, "as_of": {"moment": 0}},
            {
                "killed": 12,
                "as_of": {"moment": 1},
                "claims": [
                    {"killed": 12, "said_by": "the army"},
                    {"killed": 12_000_000, "said_by": "a misread"},
                ],
            },
        ],
    }
    screened = screen_proposal(
        IncidentProposal.from_json(proposal), published=datetime(2025, 2, 11, 9, tzinfo=UTC)
    )
    assert [[f.killed for f in point.figures] for point in screened.tolls] == [[8], [12]]
    assert screened.tolls[1].figures[0].said_by == "the army"
    assert screened.json["killed"] is None, "the current range counted the misread"
    assert any("12,000,000" in p for p in screened.problems)
    stored = IncidentProposal.from_json(screened.json)
    assert stored.tolls == screened.tolls and stored.problems == screened.problems
    assert stored.date == screened.date


def test_a_feed_item_dated_1900_keeps_no_publication_time_and_the_feed_says_why(
    news_site, loopback_allowed
):
    item = {
        "slug": "01-gao-ansongo-convoy-ambush-en",
        "published": "1900-01-01T00:00:00+00:00",
        "title": f"{RLO}Convoy ambush{ZWSP} near{LRI} Gao{PDI}\n",
    }
    news_site.items[:] = [item]
    feed = Feed.objects.create(url=news_site.base_url + "/feed.xml")
    poll(feed)

    article = Article.objects.get()
    assert article.published_at is None
    assert article.title == "Convoy ambush near Gao"
    feed.refresh_from_db()
    assert "1900-01-01" in feed.last_error and "before 1989" in feed.last_error


def test_pasted_text_titles_lose_control_and_bidi_characters():
    article, _ = submit_document(
        AMBUSH.format(day="Monday", toll="4"),
        title=f"Attack{RLO} near\x07 Gao{ZWSP}",
        enqueue=False,
    )
    assert article.title == "Attack near Gao"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("plain title", "plain title"),
        (f"{RLO}evil{LRI}.exe{PDI}", "evil.exe"),
        ("tabs\tand\nlines", "tabs and lines"),
        ("Tombouctou – l’attaque", "Tombouctou – l’attaque"),
    ],
)
def test_clean_title(text, expected):
    assert clean_title(text) == expected


def test_editor_and_import_paths_refuse_a_date_before_1989():
    incident = IncidentFactory.build(date=date(1899, 12, 31))
    with pytest.raises(ValidationError, match="before 1989-01-01"):
        incident.full_clean(exclude=["location", "country"])
    saved = IncidentFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Incident.objects.filter(pk=saved.pk).update(date=date(1899, 12, 31))


def test_services_refuse_a_toll_over_the_maximum():
    incident = IncidentFactory()
    with pytest.raises(ValidationError):
        services.record_toll_revision(
            incident=incident,
            killed=MAX_TOLL + 1,
            entry_kind=EntryKind.EDITOR,
            reason="typo",
            reported_at=datetime(2025, 2, 8, tzinfo=UTC),
        )
    assert not incident.toll_revisions.exists()
