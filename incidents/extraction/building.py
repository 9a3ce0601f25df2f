"""One cluster -> one ExtractedIncident: when, where, how many, who, what; then whether
it is an event at all, its evidence sentences and how sure each field is."""

from __future__ import annotations

from datetime import date, timedelta

from . import events
from .clustering import Cluster
from .dates import LOOSE_KINDS, DateMention, date_basis
from .facts import SentenceFacts
from .figures import NO_DEATHS, FigureMention, assemble
from .parties import Parties
from .placement import place_incident
from .places import Gazetteer, Location
from .text import Sentence
from .types import ExtractedIncident, Span

_ARMED = {"state", "foreign", "rebel", "militia", "unidentified"}
# events a report describes without naming who did it: shells on a town "with no
# casualties", an abduction by "men in pickups", an IED under an empty vehicle
_NEEDS_NO_NAMED_PARTY = {
    "Protests",
    "Riots",
    "Explosions/Remote violence",
    "Abduction/forced disappearance",
    "Battles",
}


class IncidentBuilder:
    """Builds incidents with the gazetteer (places) and the actor catalogue (parties)."""

    def __init__(self, gazetteer: Gazetteer, parties: Parties):
        self.gazetteer = gazetteer
        self.parties = parties

    def incident(
        self,
        text: str,
        folded: str,
        cl: Cluster,
        pub: date | None,
        dateline: Location | None,
        primary: ExtractedIncident | None,
        n_clusters: int = 1,
        article_country: str | None = None,
    ) -> ExtractedIncident | None:
        """One cluster of sentences -> one incident, in the order a reader would fill a
        form: when, where, how many, who, what; then whether it is an event at all, the
        ACLED default perpetrator, the evidence sentences and how sure each field is."""
        inc = ExtractedIncident(background=cl.background)
        self._date(text, inc, cl, pub, primary)
        self._place(text, inc, cl, dateline, primary)
        self._toll_history(text, cl, inc, pub)
        inc.actors = self.parties.actors(cl, inc.country or article_country)
        ev = self._event_type(folded, inc, cl)
        if ev is None or not self._is_event(inc, cl, ev, n_clusters, primary):
            return None
        inc.event_type, inc.sub_event_type = ev.event_type, ev.sub_event_type
        inc.civilian_targeting = ev.civilian_targeting
        self.parties.default_perpetrator(inc, ev, article_country)
        self._evidence(text, inc, cl, ev)
        self._confidence(inc, cl, ev)
        if inc.background:
            inc.notes.append("background: an earlier event the article recalls")
        return inc

    def _date(
        self,
        text: str,
        inc: ExtractedIncident,
        cl: Cluster,
        pub: date | None,
        primary: ExtractedIncident | None,
    ) -> None:
        """The cluster's own event date (a night or span with its last day); else the
        main incident's; else none, bounded by publication. ``date_basis`` says how."""
        if cl.date is not None:
            expression = text[cl.date.start : cl.date.end].strip()
            inc.date_basis = date_basis(cl.date, expression, pub)
        if cl.date is not None and cl.date.date is not None:
            inc.date, inc.date_precision = cl.date.date, cl.date.precision
            inc.date_latest = cl.date.latest
            inc.date_evidence = Span(text[cl.date.start : cl.date.end], cl.date.start, cl.date.end)
            inc.date_note = cl.date.note
        elif cl.date is None and not cl.background:
            if primary is not None and primary.date is not None:
                inc.date, inc.date_precision = primary.date, primary.date_precision
                inc.date_latest = primary.date_latest
                inc.date_note = "no date of its own: the article's main incident date"
                inc.date_basis = {**primary.date_basis, "resolved": "main_incident"}
            else:
                # no usable date in the text: unknown, not the publication day passed off
                # as the event's (the publication only bounds it: on or before)
                inc.date_note = "no date in the text"
                inc.date_latest = pub
        elif cl.date is not None and pub is None:
            inc.date_note = "a relative date and no publication date: left unresolved"

    def _event_type(
        self, folded: str, inc: ExtractedIncident, cl: Cluster
    ) -> events.EventClass | None:
        """ACLED type from the cluster's wording and who was engaged (events.classify)."""
        kinds = {a.key: self.parties.kind(a.key) for a in inc.actors}
        # an armed opponent is one the text says was attacked or was escorting; a state
        # force merely mentioned ("an army unit was sent to the area") is not engaged
        armed_opp = any(
            kinds[a.key] in _ARMED and a.role in ("target", "escort") and a.explicit
            for a in inc.actors
        )
        armed_perp = any(kinds[a.key] in _ARMED and a.role == "perpetrator" for a in inc.actors)
        ranges = [(f.sent.start, f.sent.end) for f in cl.facts if not f.background_cue]
        ranges = ranges or [(f.sent.start, f.sent.end) for f in cl.facts]
        state_perp = any(
            kinds[a.key] in ("state", "foreign") and a.role == "perpetrator" and a.explicit
            for a in inc.actors
        )
        if state_perp and self.parties.both_sides_in_one_sentence(cl):
            # the army's claim of kills and a group's attack told in one sentence: both
            # sides armed and fighting ("the army said it killed ten terrorists after Boko
            # Haram attacked one of its positions"), whichever the text names first
            armed_opp = True
        if not armed_opp and not state_perp:
            # ACLED: an attack on soldiers, a post, a patrol or a convoy's escort is a
            # battle even when the report names no force ("un détachement militaire")
            armed_opp = any(events.MILITARY_TARGET.search(folded, a, b) for a, b in ranges)
        return events.classify(
            folded,
            ranges,
            armed_opponent=armed_opp,
            armed_perpetrator=armed_perp,
            killed=inc.killed,
            state_perpetrator=state_perp,
        )

    def _is_event(
        self,
        inc: ExtractedIncident,
        cl: Cluster,
        ev: events.EventClass,
        n_clusters: int,
        primary: ExtractedIncident | None = None,
    ) -> bool:
        """Whether the cluster is an event worth an editor's look. Dropped: a background
        mention with neither a point nor a toll; text with no armed party and no attack
        or killing with a toll (sport, floods, hacking; a passive "was killed" implies a
        killer, named or not, ``cues.KILLED_BY_SOMEONE``); nothing to pin it (no toll, place or
        actor); an undated, uncounted overview in a multi-incident article; neither a
        place, a date nor a toll."""
        if cl.background and inc.latitude is None and not inc.toll_revisions:
            return False
        if (
            not any(self.parties.kind(a.key) in _ARMED for a in inc.actors)
            and not (inc.toll_revisions and any(f.event_words or f.killing for f in cl.facts))
            and not (
                primary is None  # the article's main event, not a later aside
                and (
                    ev.event_type in _NEEDS_NO_NAMED_PARTY
                    or ev.sub_event_type in _NEEDS_NO_NAMED_PARTY
                )
            )
        ):
            return False
        if not (inc.toll_revisions or inc.latitude is not None or inc.actors):
            return False
        loose = cl.date is None or cl.date.kind in LOOSE_KINDS
        if loose and not inc.toll_revisions and n_clusters > 1:
            return False  # "violence continued across the region..."
        return not (inc.latitude is None and inc.date is None and not inc.toll_revisions)

    @staticmethod
    def _evidence(text: str, inc: ExtractedIncident, cl: Cluster, ev: events.EventClass) -> None:
        """Each field's evidence is the whole sentence that supports it (an editor decides
        without opening the article); the matched words stay as the cue."""
        sents = [f.sent for f in cl.facts]
        if ev.cue:
            inc.event_evidence = Span(text[ev.cue[0] : ev.cue[1]], ev.cue[0], ev.cue[1])
        inc.sentences = {
            "date": _sentences_of(text, sents, inc.date_evidence),
            "place": _sentences_of(text, sents, inc.place_evidence),
            "event": _sentences_of(text, sents, inc.event_evidence),
            "toll": _sentences_of(text, sents, *(r.evidence for r in inc.toll_revisions)),
        }
        for a in inc.actors:
            a.sentence = _sentences_of(text, sents, a.evidence)

    @staticmethod
    def _confidence(inc: ExtractedIncident, cl: Cluster, ev: events.EventClass) -> None:
        """How sure each field is (0–1), by where it came from; the review page flags
        the weak ones. The overall figure is their mean."""
        date_c = 0.0
        if inc.date is not None:
            date_c = 0.9 if inc.date_evidence is not None else 0.3
        place_c = {"exact": 0.9, "between": 0.85, "near": 0.7, "region": 0.4}.get(
            inc.geo_precision or "", 0.0
        )
        borrowed = ("main incident", "dateline", "the article's place")
        if inc.notes and any(cue in n for n in inc.notes for cue in borrowed):
            place_c = min(place_c, 0.4)
        if inc.unknown_place and place_c:
            place_c = min(place_c, 0.5)
        toll_c = 0.3
        if inc.toll_revisions:
            latest = inc.toll_revisions[-1]
            toll_c = 0.9 if latest.qualifier in ("exact", "at_least", "more_than") else 0.6
        named = [a for a in inc.actors if a.role == "perpetrator" and a.explicit]
        actors_c = 0.9 if named else (0.5 if inc.actors else 0.2)
        event_c = 0.85 if ev.cue else 0.5
        if ev.event_type == "Violence against civilians" and not any(
            a.role == "victim" for a in inc.actors
        ):
            event_c = 0.5  # killings with no stated civilian victims: may be a battle
        inc.field_confidence = {
            "date": date_c,
            "place": place_c,
            "toll": toll_c,
            "actors": actors_c,
            "event": event_c,
        }
        inc.confidence = sum(inc.field_confidence.values()) / len(inc.field_confidence)

    def _toll_history(
        self, text: str, cl: Cluster, inc: ExtractedIncident, pub: date | None
    ) -> None:
        """The cluster's figures in order, each with the day the text says it was given;
        and whether the text says no one died ("sans faire de victimes")."""
        claims: list[FigureMention] = []
        for f in cl.facts:
            if _recalled_figures(f, cl, inc):
                continue
            for c in f.claims:
                c.reported_on = _said_on(f.report_date, inc.date, pub)
                claims.append(c)
        inc.toll_revisions = assemble(claims, text)
        inc.no_deaths_reported = any(c.qualifier == NO_DEATHS for c in claims)

    def _place(
        self,
        text: str,
        inc: ExtractedIncident,
        cl: Cluster,
        dateline: Location | None,
        primary: ExtractedIncident | None,
    ) -> None:
        locations = [lc for f in cl.facts for lc in f.locations]
        place_incident(
            self.gazetteer, text, inc, cl.location, locations, dateline, primary, cl.background
        )


def _said_on(said: DateMention | None, event_date: date | None, pub: date | None) -> date | None:
    """The day a figure was given, from the report date of its sentence. A figure is
    never given before the event: a bare weekday that resolves to a day before it is the
    same weekday a week later when that is still on or before publication ("41 tués, a
    déclaré mardi un élu" in a Tuesday paper, about the Friday before), else unknown."""
    if said is None:
        return None
    if said.kind == "next_day":
        return event_date + timedelta(days=1) if event_date else None
    day = said.date
    if day is None or event_date is None or day >= event_date:
        return day
    if said.kind in ("weekday", "last_weekday") and pub is not None:
        later = day + timedelta(days=7)
        if event_date <= later <= pub:
            return later
    return None


def _sentences_of(text: str, sents: list[Sentence], *spans: Span | None) -> list[Span]:
    """The cluster's sentences that contain the spans (in order, each once)."""
    out: list[Span] = []
    for span in spans:
        if span is None:
            continue
        for s in sents:
            if s.start <= span.start < s.end:
                found = Span(text[s.start : s.end], s.start, s.end)
                if found not in out:
                    out.append(found)
                break
        else:  # outside the cluster (a headline figure, the main incident's place)
            found = Span(span.text, span.start, span.end)
            if found not in out:
                out.append(found)
    return sorted(out, key=lambda x: x.start)


def _recalled_figures(f: SentenceFacts, cl: Cluster, inc: ExtractedIncident) -> bool:
    """A figure in a sentence that recalls an earlier event ("le nord avait déjà connu une
    attaque ... au moins 35 civils tués", "last year's attack had killed 20") is that
    event's, never the current incident's toll: left out when other sentences of the
    incident give its own killed figures. A recalled figure the article revises ("le premier
    bilan", "avait annoncé") is kept: it has a revision cue."""
    if inc.background or not f.background_cue or f.update_cue or f.earlier_figure:
        return False
    if any(c.cue for c in f.claims):
        return False
    return any(
        c.killed is not None and c.qualifier != NO_DEATHS
        for o in cl.facts
        if o is not f and not o.background_cue
        for c in o.claims
    )
