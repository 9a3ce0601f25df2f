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
from datetime import UTC, date, datetime, time, timedelta

from django.db import connection, transaction
from django.utils import timezone

from incidents import services
from incidents.extraction.proposal import IncidentProposal, TollPoint
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
        if proposal.background:
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


def _queue(
    article: Article, sequence: int, proposal: IncidentProposal
) -> tuple[ExtractionCandidate, bool]:
    candidate, created = ExtractionCandidate.objects.get_or_create(
        article=article,
        sequence=sequence,
        defaults={
            "proposal": dict(proposal.json),  # the engine's JSON, screened, for editors
            "confidence": proposal.confidence,
            "unknown_place": proposal.unknown_place[:200],
            "background": proposal.background,
        },
    )
    if created:
        record_unresolved_actors(candidate=candidate, proposal=proposal)
    return candidate, created


def can_approve(proposal: IncidentProposal) -> bool:
    """Enough to become an incident: a date, a point, a country and an event type."""
    return proposal.can_become_incident


def can_auto_approve(proposal: IncidentProposal) -> bool:
    """Without review: only when the validation gate dropped nothing (a
    proposal with ``problems`` waits for an editor, who sees why)."""
    return can_approve(proposal) and not proposal.problems


def attach_report(
    *, incident: Incident, article: Article, proposal: IncidentProposal, user=None
) -> None:
    """Add the article as a source of the incident and its toll figures as
    revisions, each at its point of the incident's history (see toll_claims).
    A figure this article already gave the incident is not recorded again."""
    services.add_source(incident=incident, article=article, quote=proposal.quote, user=user)
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


def link_named_actors(*, incident: Incident, proposal: IncidentProposal, user=None) -> None:
    """Actors a later report names that the incident lacks join it: one outlet
    names the army escort, another the army and its Wagner escort. A report
    never adds an actor the incident already names (in whatever role), nor a
    second perpetrator: a disputed attribution is the editors' call."""
    named = [
        (actor.key, actor.role)
        for actor in proposal.actors
        if actor.key and actor.role in Role.values
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
    proposal: IncidentProposal, article: Article, *, history: Sequence[HistoryPoint] = ()
) -> list[dict]:
    """The proposal's toll revisions as keyword arguments for record_toll_revision,
    in order, each at the moment it was given (place_in_history). Disagreeing
    figures given at one moment become separate claims with the same time."""
    published = article.published_at or timezone.now()
    moments = _moments(proposal.tolls)
    figures = [
        {
            (figure.killed,) if figure.killed is not None else ("wounded", point.wounded)
            for point in moment
            for figure in point.figures
        }
        for moment in moments
    ]
    said_on = [moment[0].said_on for moment in moments]
    times = place_in_history(own_times(said_on, published), figures, list(history))
    claims: list[dict] = []
    timed = [(point, at) for moment, at in zip(moments, times, strict=True) for point in moment]
    for point, reported_at in timed:
        # Disagreeing figures of one revision are each stored on their own so the
        # toll rule can make the range.
        for figure in point.figures:
            killed = figure.killed
            if killed is None and point.wounded is None:
                continue
            low, high = figure.killed_min, figure.killed_max
            if low == killed and high == killed:
                low = high = None
            qualifier = figure.qualifier
            if qualifier not in QUALIFIERS or (qualifier == "range" and None in (low, high)):
                qualifier = "about"
            claims.append(
                {
                    "killed": killed,
                    "killed_min": low,
                    "killed_max": high,
                    "qualifier": qualifier,
                    "wounded": point.wounded,
                    # the breakdown by side (the attackers' dead are not in the toll)
                    "civilians_killed": point.civilians_killed,
                    "soldiers_killed": point.soldiers_killed,
                    "militants_killed": point.attackers_killed,
                    "said_by": figure.said_by[:200],
                    "quote": figure.quote[:2000],
                    "reported_at": reported_at,
                }
            )
    return claims


def _moments(points: tuple[TollPoint, ...]) -> list[list[TollPoint]]:
    """The revisions grouped by the moment they were given: figures that disagree
    at one moment ("the army said 9, residents 16") share it."""
    moments: list[list[TollPoint]] = []
    for point in points:
        if moments and point.moment == moments[-1][0].moment:
            moments[-1].append(point)
        else:
            moments.append([point])
    return moments


STEP = timedelta(minutes=1)


def own_times(said_on: list[date | None], published: datetime) -> list[datetime]:
    """When the article says each of its figures was given, oldest first: the day
    its text names (noon UTC) when that is before publication, else publication
    for its last figure and a minute before the next figure for a figure it
    supersedes ("a provisional toll of 10 … on Saturday, 32")."""
    times: list[datetime] = []
    following: datetime | None = None
    for day in reversed(said_on):
        at = following - STEP if following is not None else published
        if day is not None and day < published.date():
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
