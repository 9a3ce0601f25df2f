"""Plain dataclasses passed into and out of the extraction engine."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from incidents.tolls import combine_figures

# What ``to_dict`` hands out: a JSON object (str keys; values are str, numbers,
# booleans, None, and lists and objects of those), the engine's stable interface.
JsonObject = dict[str, Any]


@dataclass(frozen=True, slots=True)
class GazetteerPlace:
    key: str
    name: str
    alternate_names: tuple[str, ...]
    latitude: float
    longitude: float
    country: str
    admin1: str | None
    admin2: str | None
    population: int | None
    # country_capital | admin1_capital | admin2_capital | populated_place | admin1, and for
    # GeoNames dump rows also camp | military_site | well | wadi | mine | airfield | locality
    kind: str
    geonameid: int | None = None
    # A row of the full GeoNames dump (geonames.tsv), not a curated, imported or
    # editor-added place: it yields to those and needs more than a capital letter to match.
    from_dump: bool = False
    # The name is also an everyday English or French word ("Dans", "Police").
    common_word: bool = False


@dataclass(frozen=True, slots=True)
class ActorEntry:
    key: str
    name: str
    kind: str  # state | foreign | rebel | militia | civilians | unidentified
    aliases: tuple[tuple[str, str], ...]  # (text, lang)
    country: str | None = None  # ISO2 or country name, optional
    parent: str | None = None


@dataclass(frozen=True, slots=True)
class RouteLine:
    key: str
    name: str
    coordinates: tuple[tuple[float, float], ...]  # (lon, lat); km 0 at the first vertex


@dataclass(frozen=True, slots=True)
class Span:
    text: str
    start: int
    end: int

    def to_dict(self) -> JsonObject:
        return {"text": self.text, "start": self.start, "end": self.end}


# an abduction or a looting that reports no deaths tells its outcome: killed 0
# (../shared/realcorpus/README.md, "0 is used when the article reports the outcome")
OUTCOME_WITHOUT_DEATHS = ("Abduction/forced disappearance", "Looting/property destruction")

# the public qualifier set; the finer corpus/README distinction stays in qualifier_detail
QUALIFIER_OUT = {"more_than": "at_least", "vague": "about"}


@dataclass(slots=True)
class TollClaim:
    """One point of an article's toll history: the figure (or disagreeing figures) it
    says was given at one moment. Filing stores each as toll revisions
    (``incidents.models.TollRevision``); the current toll follows ``incidents.tolls``."""

    killed: int | None
    killed_min: int | None
    killed_max: int | None
    qualifier: str  # exact | at_least | more_than | about | up_to | range | vague
    wounded: int | None
    said_by: str | None
    reported_on: date | None
    evidence: Span | None
    claims: list[JsonObject] = field(default_factory=list)  # set when figures disagree
    # "as of": the article's own account of when the figure was given. A figure it
    # supersedes ("a provisional toll of 10", "un premier bilan") came before the next
    # one; the last figure is as of ``reported_on`` when the text says so, else as of
    # publication. ``as_of_basis`` says which: stated | before_next_figure | publication
    superseded: bool = False
    as_of_basis: str = "publication"
    moment: int = 0  # claims with the same moment were given together (they disagree)
    attackers_killed: int | None = None  # the perpetrator side's dead: not in the toll
    breakdown: dict[str, int] = field(default_factory=dict)  # {"soldiers": n, "civilians": n}

    def to_dict(self) -> JsonObject:
        out: JsonObject = {
            "killed": self.killed,
            "killed_min": self.killed_min,
            "killed_max": self.killed_max,
            "qualifier": QUALIFIER_OUT.get(self.qualifier, self.qualifier),
            "qualifier_detail": self.qualifier,
            "wounded": self.wounded,
            "said_by": self.said_by,
            "reported_on": self.reported_on.isoformat() if self.reported_on else None,
            "evidence": self.evidence.to_dict() if self.evidence else None,
            "attackers_killed": self.attackers_killed,
            "civilians_killed": self.breakdown.get("civilians"),
            "soldiers_killed": self.breakdown.get("soldiers"),
            "as_of": {
                "date": self.reported_on.isoformat() if self.reported_on else None,
                "basis": self.as_of_basis,
                "superseded": self.superseded,
                "moment": self.moment,
            },
        }
        if self.claims:
            out["claims"] = self.claims
        return out


@dataclass(slots=True)
class IncidentActor:
    key: str | None  # None: a name the catalogue does not know (kept as written)
    name: str
    role: str  # perpetrator | target | escort | victim
    evidence: Span | None = None
    explicit: bool = True  # the role was read from the text, not assumed from the kind
    sentence: list[Span] = field(default_factory=list)  # the sentence that names it

    @property
    def unresolved(self) -> bool:
        return self.key is None

    def to_dict(self) -> JsonObject:
        out: JsonObject = {"key": self.key, "name": self.name, "role": self.role}
        if self.unresolved:
            out["unresolved"] = True  # filing queues it for an editor to map or add
        return out


@dataclass(slots=True)
class ExtractedIncident:
    date: date | None = None
    date_precision: str | None = None  # day | week | month
    date_note: str | None = None
    date_latest: datetime.date | None = None  # the latest day the text allows, when it bounds it
    # how the date was reached: {"expression", "resolved", "note"} (dates.date_basis)
    date_basis: dict[str, str | None] = field(default_factory=dict)
    location_text: str | None = None
    place: str | None = None
    place_name: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: str | None = None  # exact | near | between | region
    country: str | None = None
    admin1: str | None = None
    unknown_place: str | None = None
    route_km: float | None = None
    actors: list[IncidentActor] = field(default_factory=list)
    event_type: str | None = None
    sub_event_type: str | None = None
    civilian_targeting: bool = False
    toll_revisions: list[TollClaim] = field(default_factory=list)
    background: bool = False
    confidence: float = 0.5
    notes: list[str] = field(default_factory=list)
    date_evidence: Span | None = None
    place_evidence: Span | None = None
    event_evidence: Span | None = None
    no_deaths_reported: bool = False  # "sans faire de victimes", "no one was hurt"
    # per field (date, place, toll, event): the sentences that support it
    sentences: dict[str, list[Span]] = field(default_factory=dict)
    # per field (date, place, toll, actors, event): 0–1, how sure the engine is
    field_confidence: dict[str, float] = field(default_factory=dict)

    @property
    def latest(self) -> TollClaim | None:
        return self.toll_revisions[-1] if self.toll_revisions else None

    @property
    def current(self) -> list[TollClaim]:
        """The claims of the latest moment (several when they disagree)."""
        rev = self.latest
        return [r for r in self.toll_revisions if r.moment == rev.moment] if rev else []

    def _combined(self) -> tuple[int | None, int | None, int | None]:
        # the toll rule's own combination (lowest best, full spread), steps 3-4
        return combine_figures((r.killed, r.killed_min, r.killed_max) for r in self.current)

    @property
    def killed(self) -> int | None:
        """The current figure (the lowest of disagreeing ones); 0 when the article counts
        only wounded or says no one died (the outcome is told, corpus/README.md); None
        when it tells no outcome."""
        rev = self.latest
        if rev is None:
            told = self.no_deaths_reported or self.sub_event_type in OUTCOME_WITHOUT_DEATHS
            return 0 if told else None
        best = self._combined()[0]
        return 0 if best is None and rev.wounded is not None else best

    @property
    def killed_min(self) -> int | None:
        return self._combined()[1] if self.latest else None

    @property
    def killed_max(self) -> int | None:
        return self._combined()[2] if self.latest else None

    @property
    def attackers_killed(self) -> int | None:
        for rev in reversed(self.toll_revisions):
            if rev.attackers_killed is not None:
                return rev.attackers_killed
        return None

    @property
    def fatalities(self) -> int | None:
        killed = self.killed
        return None if killed is None else killed + (self.attackers_killed or 0)

    @property
    def wounded(self) -> int | None:
        for rev in reversed(self.toll_revisions):
            if rev.wounded is not None:
                return rev.wounded
        return None

    def to_dict(self) -> JsonObject:
        latest = self.latest
        return {
            "date": self.date.isoformat() if self.date else None,
            "date_precision": self.date_precision,
            "date_latest": self.date_latest.isoformat() if self.date_latest else None,
            "location_text": self.location_text,
            "place": self.place,
            "place_name": self.place_name,
            "latitude": None if self.latitude is None else round(self.latitude, 4),
            "longitude": None if self.longitude is None else round(self.longitude, 4),
            "geo_precision": self.geo_precision,
            "country": self.country,
            "admin1": self.admin1,
            "actors": [a.to_dict() for a in self.actors],
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "civilian_targeting": self.civilian_targeting,
            "killed": self.killed,
            "killed_min": self.killed_min,
            "killed_max": self.killed_max,
            "wounded": self.wounded,
            "attackers_killed": self.attackers_killed,
            # ACLED's fatality count: every side's dead (the toll plus the attackers')
            "fatalities": self.fatalities,
            "toll_revisions": [r.to_dict() for r in self.toll_revisions],
            "background": self.background,
            "evidence": {
                "date": self._evidence("date", self.date_evidence),
                "place": self._evidence("place", self.place_evidence),
                "toll": self._evidence("toll", latest.evidence if latest else None),
                "actors": [
                    {
                        "key": a.key,
                        "role": a.role,
                        **_joined(a.sentence, a.evidence),
                        "cue": a.evidence.to_dict(),
                    }
                    for a in self.actors
                    if a.evidence
                ],
                "event": self._evidence("event", self.event_evidence),
            },
            "field_confidence": {k: round(v, 2) for k, v in self.field_confidence.items()},
            "unknown_place": self.unknown_place,
            "route_km": None if self.route_km is None else round(self.route_km, 1),
            "confidence": round(self.confidence, 2),
            "notes": list(self.notes),
            "date_note": self.date_note,
            "date_basis": dict(self.date_basis) or None,
        }

    def _evidence(self, name: str, cue: Span | None) -> JsonObject | None:
        """A field's evidence: the supporting sentence(s) as text/start/end (what an
        editor reads and what filing quotes), the exact words matched as ``cue``."""
        if cue is None:
            return None
        return {**_joined(self.sentences.get(name) or [], cue), "cue": cue.to_dict()}


def _joined(sentences: list[Span], cue: Span | None) -> JsonObject:
    """The sentence holding the cue as text/start/end (so text == article[start:end]),
    every supporting sentence under ``sentences``; the cue alone when there are none."""
    if not sentences:
        return cue.to_dict() if cue else {}
    main = next(
        (s for s in sentences if cue is not None and s.start <= cue.start < s.end), sentences[0]
    )
    return {**main.to_dict(), "sentences": [s.to_dict() for s in sentences]}


@dataclass(slots=True)
class ExtractionResult:
    lang: str
    incidents: list[ExtractedIncident]

    def to_dict(self) -> JsonObject:
        return {"lang": self.lang, "incidents": [i.to_dict() for i in self.incidents]}
