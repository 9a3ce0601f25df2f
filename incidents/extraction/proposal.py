"""What filing receives for one extracted incident: a typed, frozen proposal.

The engine's public output is JSON (``ExtractedIncident.to_dict``: the management
command prints it, ``../shared/realcorpus/score.py`` reads it, and a review candidate
stores it, screened, in ``ExtractionCandidate.proposal``). Filing, matching, the review
queue and the unresolved-actor queue do not read that JSON key by key; they read an
``IncidentProposal``, which ``IncidentProposal.from_json`` builds in this one place, from
a fresh extraction or from a stored candidate alike. The JSON form is kept as ``json``
(what is stored and shown to editors), so nothing of it is lost.

A proposal's toll history is a tuple of ``TollPoint``, the article's revisions in its
own order, each with its ``Figure`` (several when one revision lists disagreeing claims)
and the moment it was given (``moment``: revisions that share one were given together,
"the army said 9, residents 16"). Plain Python: no Django here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from types import MappingProxyType
from typing import Any

JsonObject = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Figure:
    """One source's killed figure (or none, when it counts only wounded)."""

    killed: int | None
    killed_min: int | None
    killed_max: int | None
    qualifier: str  # the engine's public set: exact | at_least | about | up_to | range
    said_by: str
    quote: str  # the words that give it


@dataclass(frozen=True, slots=True)
class TollPoint:
    """One revision of the article's toll history."""

    figures: tuple[Figure, ...]
    wounded: int | None
    civilians_killed: int | None
    soldiers_killed: int | None
    attackers_killed: int | None  # the perpetrator side's dead: not in the toll
    said_on: date | None  # the day the text says they were given, if it says
    moment: int  # revisions with the same moment were given together (they disagree)
    quote: str  # the sentence that gives them


@dataclass(frozen=True, slots=True)
class ProposedActor:
    key: str | None  # None: a name the catalogue does not know, kept as written
    name: str
    role: str  # perpetrator | target | escort | victim
    unresolved: bool
    evidence: str  # the sentence that names it in that role ("" when none)


@dataclass(frozen=True, slots=True)
class IncidentProposal:
    lang: str
    date: date | None
    date_precision: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: str | None
    location_text: str
    place: str  # the gazetteer or route key ("" when none)
    place_name: str
    country: str | None
    admin1: str
    admin2: str
    event_type: str | None
    sub_event_type: str
    civilian_targeting: bool
    background: bool
    confidence: float
    unknown_place: str
    problems: tuple[str, ...]  # what the validation gate dropped, and why
    quote: str  # the sentence an editor reads first: the event's, else the toll's or place's
    actors: tuple[ProposedActor, ...]
    tolls: tuple[TollPoint, ...]
    json: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}), repr=False)

    @property
    def can_become_incident(self) -> bool:
        """Enough to become an incident: a date, a point, a country and an event type."""
        return None not in (self.date, self.latitude, self.longitude, self.country) and bool(
            self.event_type
        )

    def corrected(self, **fields: Any) -> IncidentProposal:
        """The proposal with an editor's corrections (the stored JSON stays the machine's)."""
        return replace(self, **fields)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> IncidentProposal:
        """The one reading of the engine's JSON form (fresh or stored on a candidate)."""
        evidence = _mapping(data.get("evidence"))
        quote = next(
            (
                _text(_mapping(evidence.get(name)).get("text"))
                for name in ("event", "toll", "place")
                if _text(_mapping(evidence.get(name)).get("text"))
            ),
            "",
        )
        return cls(
            lang=_text(data.get("lang")),
            date=_day(data.get("date")),
            date_precision=data.get("date_precision") or None,
            latitude=_float(data.get("latitude")),
            longitude=_float(data.get("longitude")),
            geo_precision=data.get("geo_precision") or None,
            location_text=_text(data.get("location_text")),
            place=_text(data.get("place")),
            place_name=_text(data.get("place_name")),
            country=data.get("country") or None,
            admin1=_text(data.get("admin1")),
            admin2=_text(data.get("admin2")),
            event_type=data.get("event_type") or None,
            sub_event_type=_text(data.get("sub_event_type")),
            civilian_targeting=bool(data.get("civilian_targeting")),
            background=bool(data.get("background")),
            confidence=float(data.get("confidence") or 0.5),
            unknown_place=_text(data.get("unknown_place")),
            problems=tuple(str(p) for p in data.get("problems") or ()),
            quote=quote,
            actors=_actors(data, evidence),
            tolls=_tolls(data.get("toll_revisions") or ()),
            json=MappingProxyType(dict(data)),
        )


def _actors(data: Mapping[str, Any], evidence: Mapping[str, Any]) -> tuple[ProposedActor, ...]:
    sentences = {
        (span.get("key"), span.get("role")): _text(span.get("text"))
        for span in evidence.get("actors") or ()
        if isinstance(span, Mapping)
    }
    return tuple(
        ProposedActor(
            key=item.get("key") or None,
            name=_text(item.get("name")).strip(),
            role=_text(item.get("role")),
            unresolved=bool(item.get("unresolved")),
            evidence=sentences.get((item.get("key") or None, item.get("role")), ""),
        )
        for item in data.get("actors") or ()
        if isinstance(item, Mapping)
    )


def _tolls(revisions: Any) -> tuple[TollPoint, ...]:
    """The revisions in order; one without ``as_of.moment`` is a moment of its own, and
    a revision listing disagreeing ``claims`` gives one figure per claim."""
    points: list[TollPoint] = []
    for index, revision in enumerate(r for r in revisions if isinstance(r, Mapping)):
        as_of = _mapping(revision.get("as_of"))
        moment = as_of.get("moment", index)
        quote = _text(_mapping(revision.get("evidence")).get("text"))
        figures = tuple(
            Figure(
                killed=_int(part.get("killed")),
                killed_min=_int(part.get("killed_min")),
                killed_max=_int(part.get("killed_max")),
                qualifier=_text(part.get("qualifier")) or "exact",
                said_by=_text(part.get("said_by") or revision.get("said_by")),
                quote=_text(_mapping(part.get("evidence")).get("text")) or quote,
            )
            for part in revision.get("claims") or [revision]
            if isinstance(part, Mapping)
        )
        points.append(
            TollPoint(
                figures=figures,
                wounded=_int(revision.get("wounded")),
                civilians_killed=_int(revision.get("civilians_killed")),
                soldiers_killed=_int(revision.get("soldiers_killed")),
                attackers_killed=_int(revision.get("attackers_killed")),
                said_on=_day(as_of.get("date") or revision.get("reported_on")),
                moment=int(moment),
                quote=quote,
            )
        )
    return tuple(points)


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _float(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _day(value: Any) -> date | None:
    return date.fromisoformat(value[:10]) if isinstance(value, str) and value else None
