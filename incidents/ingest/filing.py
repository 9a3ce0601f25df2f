"""File what the extractor found in an article: as new sources and toll
revisions of incidents we already have, or as candidates for review.

One transaction per article, which also marks the article processed: if a
worker dies half-way nothing is written, and running it again after success
changes nothing. Matching runs under a transaction-level advisory lock so two
workers reading two reports of the same attack cannot both file it as new.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta

from django.db import connection, transaction
from django.utils import timezone

from incidents import services
from incidents.ingest.extraction import extract_article
from incidents.ingest.matching import find_match
from incidents.ingest.unresolved import record_unresolved_actors
from incidents.models import (
    Actor,
    Article,
    ArticleStatus,
    EntryKind,
    ExtractionCandidate,
    Incident,
    Qualifier,
    Role,
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
        article=article,
        sequence=sequence,
        defaults={
            "proposal": proposal,
            "confidence": proposal.get("confidence") or 0.5,
            "unknown_place": (proposal.get("unknown_place") or "")[:200],
            "background": bool(proposal.get("background")),
        },
    )
    if created:
        record_unresolved_actors(candidate=candidate, proposal=proposal)
    return candidate, created


def can_approve(proposal: dict) -> bool:
    """Enough to become an incident: a date, a point, a country and an event type."""
    required = ("date", "latitude", "longitude", "country", "event_type")
    return all(proposal.get(k) is not None for k in required)


def can_auto_approve(proposal: dict) -> bool:
    """Without review: only when the validation gate dropped nothing (a
    proposal with ``problems`` waits for an editor, who sees why)."""
    return can_approve(proposal) and not proposal.get("problems")


def attach_report(*, incident: Incident, article: Article, proposal: dict, user=None) -> None:
    """Add the article as a source of the incident and its toll figures as
    revisions, each at its point of the incident's history (see toll_claims).
    A figure this article already gave the incident is not recorded again."""
    evidence = proposal.get("evidence") or {}
    quote_span = evidence.get("event") or evidence.get("toll") or evidence.get("place") or {}
    services.add_source(
        incident=incident, article=article, quote=quote_span.get("text") or "", user=user
    )
    link_named_actors(incident=incident, proposal=proposal, user=user)
    revisions = list(services.revisions_of(incident).exclude(status=TollStatus.REJECTED))
    history = [
        HistoryPoint(r.reported_at, r.killed, r.wounded)
        for r in revisions
        if r.article_id != article.pk
    ]
    given = {(r.killed, r.wounded, r.said_by) for r in revisions if r.article_id == article.pk}
    for claim in toll_claims(proposal, article, history=history):
        if (claim["killed"], claim["wounded"], claim["said_by"]) in given:
            continue
        given.add((claim["killed"], claim["wounded"], claim["said_by"]))
        services.record_toll_revision(
            incident=incident, article=article, entry_kind=EntryKind.EXTRACTOR, **claim
        )


def link_named_actors(*, incident: Incident, proposal: dict, user=None) -> None:
    """Actors a later report names that the incident lacks join it: one outlet
    names the army escort, another the army and its Wagner escort. A report
    never adds an actor the incident already names (in whatever role), nor a
    second perpetrator: a disputed attribution is the editors' call."""
    named = [
        (item["key"], item["role"])
        for item in proposal.get("actors", [])
        if item.get("key") and item.get("role") in Role.values
    ]
    catalogue = {a.key: a for a in Actor.objects.filter(key__in=[key for key, _ in named])}
    links = list(incident.actor_links.values_list("actor__key", "role"))
    linked = {key for key, _ in links}
    has_perpetrator = any(role == Role.PERPETRATOR for _, role in links)
    for key, role in named:
        if key not in catalogue or key in linked:
            continue
        if role == Role.PERPETRATOR and has_perpetrator:
            continue
        services.link_actor(incident=incident, actor=catalogue[key], role=role, user=user)
        linked.add(key)
        has_perpetrator = has_perpetrator or role == Role.PERPETRATOR


@dataclass(frozen=True)
class HistoryPoint:
    """A figure the incident already has from another article, and when it was given."""

    reported_at: datetime
    killed: int | None
    wounded: int | None

    @property
    def figure(self) -> tuple:
        return (self.killed,) if self.killed is not None else ("wounded", self.wounded)


def toll_claims(
    proposal: dict, article: Article, *, history: Sequence[HistoryPoint] = ()
) -> list[dict]:
    """The proposal's toll revisions as keyword arguments for record_toll_revision,
    in order, each at the moment it was given (place_in_history). Disagreeing
    figures given at one moment become separate claims with the same time."""
    revisions = proposal.get("toll_revisions") or []
    published = article.published_at or timezone.now()
    moments = _moments(revisions)
    figures = [
        {
            (part.get("killed"),)
            if part.get("killed") is not None
            else ("wounded", revision.get("wounded"))
            for revision in moment
            for part in revision.get("claims") or [revision]
        }
        for moment in moments
    ]
    heads = [moment[0] for moment in moments]
    times = place_in_history(own_times(heads, published), figures, list(history))
    claims: list[dict] = []
    timed = [
        (revision, at) for moment, at in zip(moments, times, strict=True) for revision in moment
    ]
    for revision, reported_at in timed:
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
            claims.append(
                {
                    "killed": killed,
                    "killed_min": low,
                    "killed_max": high,
                    "qualifier": qualifier,
                    "wounded": revision.get("wounded"),
                    # the breakdown by side (the attackers' dead are not in the toll)
                    **{field: revision.get(key) for field, key in BREAKDOWN.items()},
                    "said_by": (part.get("said_by") or revision.get("said_by") or "")[:200],
                    "quote": ((part.get("evidence") or {}).get("text") or quote)[:2000],
                    "reported_at": reported_at,
                }
            )
    return claims


def _moments(revisions: list[dict]) -> list[list[dict]]:
    """The revisions grouped by the moment they were given (``as_of.moment``):
    figures that disagree at one moment ("the army said 9, residents 16") share it."""
    moments: list[list[dict]] = []
    last = object()
    for index, revision in enumerate(revisions):
        moment = (revision.get("as_of") or {}).get("moment", index)
        if moments and moment == last:
            moments[-1].append(revision)
        else:
            moments.append([revision])
        last = moment
    return moments


STEP = timedelta(minutes=1)
BREAKDOWN = {
    "civilians_killed": "civilians_killed",
    "soldiers_killed": "soldiers_killed",
    "militants_killed": "attackers_killed",
}  # revision field: engine key


def own_times(revisions: list[dict], published: datetime) -> list[datetime]:
    """When the article says each of its figures was given, oldest first: the day
    its text names (noon UTC) when that is before publication, else publication
    for its last figure and a minute before the next figure for a figure it
    supersedes ("a provisional toll of 10 … on Saturday, 32")."""
    times: list[datetime] = []
    following: datetime | None = None
    for revision in reversed(revisions):
        as_of = revision.get("as_of") or {}
        stated = as_of.get("date") or revision.get("reported_on")
        at = following - STEP if following is not None else published
        if stated:
            day = datetime.fromisoformat(stated).date()
            if day < published.date():
                at = min(at, datetime.combine(day, time(12, 0), tzinfo=UTC))
        times.append(at)
        following = at
    return times[::-1]


def place_in_history(
    own: list[datetime], figures: list[set], history: list[HistoryPoint]
) -> list[datetime]:
    """Where each of an article's figures goes in the incident's toll history.

    A figure the history already has (another outlet restating the provisional
    10, or the 32) joins that point as one more source, at its time, instead
    of becoming a new, later revision. The exception is a later figure that
    takes the toll back to an earlier value: the article's last figure, said
    after the history's latest point, when that point gives another figure.
    Other figures keep their own time. The article's own order is kept: a
    figure is always before the figure the article gives after it.
    """
    placed: list[datetime] = []
    following: datetime | None = None
    latest = max(history, key=lambda p: p.reported_at, default=None)
    for index in reversed(range(len(own))):
        at = own[index]
        same = [p.reported_at for p in history if p.figure in figures[index]]
        if same:
            join = max(same)
            back_again = (
                index == len(own) - 1
                and latest is not None
                and at > latest.reported_at
                and latest.figure not in figures[index]
            )
            if not back_again and (following is None or join < following):
                at = join
        if following is not None and at >= following:
            at = following - STEP
        placed.append(at)
        following = at
    return placed[::-1]
