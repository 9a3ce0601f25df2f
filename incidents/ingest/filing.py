"""File what the extractor found in an article: as new sources and toll
revisions of incidents we already have, or as candidates for review.

One transaction per article, which also marks the article processed: if a
worker dies half-way nothing is written, and running it again after success
changes nothing. Matching runs under a transaction-level advisory lock so two
workers reading two reports of the same attack cannot both file it as new.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta

from django.db import connection, transaction
from django.utils import timezone

from incidents import services
from incidents.ingest.extraction import extract_article
from incidents.ingest.matching import find_match
from incidents.ingest.unresolved import record_unresolved_actors
from incidents.models import (
    Article,
    ArticleStatus,
    EntryKind,
    ExtractionCandidate,
    Incident,
    Qualifier,
    TollStatus,
)

MATCHING_LOCK = 0x636F6E66  # any constant shared by all workers
QUALIFIERS = set(Qualifier.values)


@dataclass
class FilingResult:
    already_done: bool = False
    matched: list[int] = field(default_factory=list)
    candidates: list[int] = field(default_factory=list)
    new_candidates: list[int] = field(default_factory=list)
    approved: list[int] = field(default_factory=list)
    background: list[int] = field(default_factory=list)


@transaction.atomic
def file_article(article_id: int) -> FilingResult:
    article = Article.objects.select_for_update().get(pk=article_id)
    if article.status == ArticleStatus.PROCESSED:
        return FilingResult(already_done=True)
    proposals = extract_article(article)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [MATCHING_LOCK])

    result = FilingResult()
    for sequence, proposal in enumerate(proposals):
        if proposal.get("background"):
            # an earlier event the article recalls: queued for an editor to see (and
            # promote if it is new to us), never matched, never filed on its own
            result.background.append(_queue(article, sequence, proposal)[0].pk)
            continue
        incident = find_match(proposal, exclude_ids=result.matched + result.approved)
        if incident is not None:
            attach_report(incident=incident, article=article, proposal=proposal)
            result.matched.append(incident.pk)
            continue
        candidate, created = _queue(article, sequence, proposal)
        result.candidates.append(candidate.pk)
        if created:
            result.new_candidates.append(candidate.pk)

    article.status = ArticleStatus.PROCESSED
    article.processed_at = timezone.now()
    article.error = ""
    article.save(update_fields=["status", "processed_at", "error"])
    return result


def _queue(article: Article, sequence: int, proposal: dict) -> tuple[ExtractionCandidate, bool]:
    candidate, created = ExtractionCandidate.objects.get_or_create(
        article=article, sequence=sequence,
        defaults={"proposal": proposal, "confidence": proposal.get("confidence") or 0.5,
                  "unknown_place": (proposal.get("unknown_place") or "")[:200],
                  "background": bool(proposal.get("background"))},
    )
    if created:
        record_unresolved_actors(candidate=candidate, proposal=proposal)
    return candidate, created


def can_approve(proposal: dict) -> bool:
    """Enough to become an incident: a date, a point, a country and an event type."""
    return all(proposal.get(k) is not None for k in ("date", "latitude", "longitude",
                                                      "country", "event_type"))


def attach_report(*, incident: Incident, article: Article, proposal: dict,
                  only_new_figures: bool = True, user=None) -> None:
    """Add the article as a source of the incident and its toll figures as
    revisions. With ``only_new_figures``, a figure the incident already has
    (same killed/min/max/wounded, not rejected) is not recorded again."""
    evidence = (proposal.get("evidence") or {})
    quote_span = evidence.get("event") or evidence.get("toll") or evidence.get("place") or {}
    services.add_source(incident=incident, article=article, quote=quote_span.get("text") or "",
                        user=user)
    known = {
        (r.killed, r.killed_min, r.killed_max, r.wounded)
        for r in services.revisions_of(incident).exclude(status=TollStatus.REJECTED)
    } if only_new_figures else set()
    for claim in toll_claims(proposal, article):
        figures = (claim["killed"], claim["killed_min"], claim["killed_max"], claim["wounded"])
        if figures in known:
            continue
        known.add(figures)
        services.record_toll_revision(incident=incident, article=article,
                                      entry_kind=EntryKind.EXTRACTOR, **claim)


def toll_claims(proposal: dict, article: Article) -> list[dict]:
    """The proposal's toll revisions as keyword arguments for record_toll_revision,
    in order, with reporting times that keep that order. Disagreeing figures
    given at one moment become separate claims with the same time."""
    revisions = proposal.get("toll_revisions") or []
    published = article.published_at or timezone.now()
    claims: list[dict] = []
    previous: datetime | None = None
    for index, revision in enumerate(revisions):
        reported_at = _reported_at(revision.get("reported_on"), published,
                                   steps_before_end=len(revisions) - 1 - index)
        if previous is not None and reported_at <= previous:
            reported_at = previous + timedelta(seconds=1)
        previous = reported_at
        quote = ((revision.get("evidence") or {}).get("text") or "")[:2000]
        # Disagreeing figures arrive as one revision listing its claims; each
        # claim is stored on its own so the toll rule can make the range.
        for part in revision.get("claims") or [revision]:
            killed = part.get("killed")
            if killed is None and revision.get("wounded") is None:
                continue
            low, high = part.get("killed_min"), part.get("killed_max")
            if low == killed and high == killed:
                low = high = None
            qualifier = part.get("qualifier") or "exact"
            if qualifier not in QUALIFIERS or (qualifier == "range" and None in (low, high)):
                qualifier = "about"
            claims.append({
                "killed": killed, "killed_min": low, "killed_max": high,
                "qualifier": qualifier, "wounded": revision.get("wounded"),
                "said_by": (part.get("said_by") or revision.get("said_by") or "")[:200],
                "quote": ((part.get("evidence") or {}).get("text") or quote)[:2000],
                "reported_at": reported_at,
            })
    return claims


def _reported_at(
    reported_on: str | None, published: datetime, *, steps_before_end: int
) -> datetime:
    """When a figure was given: the day the article names (noon UTC), else the
    publication time; figures the article gives earlier in its story are put
    a minute apart before it so their order survives."""
    if reported_on:
        day = datetime.fromisoformat(reported_on).date()
        if day < published.date():
            return datetime.combine(day, time(12, 0), tzinfo=UTC)
    return published - timedelta(minutes=steps_before_end)
