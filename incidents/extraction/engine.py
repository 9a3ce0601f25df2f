"""The Extractor: sentences -> facts -> incident clusters -> ExtractedIncident.

One engine, in pieces a newcomer can read in order: ``facts`` reads each sentence
(with the cue words of ``cues``), ``clustering`` groups sentences into incidents,
``building`` (with ``parties`` for the actors) fills each incident, and ``one_event``
applies ACLED's one event per place and day. This module runs them for an article and
handles what only the whole article shows (headline, dateline, the article's place).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from datetime import date, datetime

from .actors import UNKNOWN_GROUP, ActorIndex, ActorMention
from .building import IncidentBuilder
from .clustering import Clusterer, carry_context, carry_heading_dates
from .dates import DateResolver
from .facts import SentenceFacts, SentenceReader, add_listed_villages, split_comparisons
from .figures import assemble
from .language import detect_language
from .one_event import OneEventPerPlace, one_event_each
from .parties import Parties
from .placement import best_location as _best_location
from .places import Gazetteer, Location, PlaceMatch, dateline_span, find_locations
from .text import Sentence, fold, sentences, tokens
from .types import ActorEntry, ExtractedIncident, ExtractionResult, GazetteerPlace, RouteLine, Span
from .unknown_groups import find_unknown_groups
from .villages import VillageList, find_lists

LANGUAGES = ("en", "fr")


class Extractor:
    """Build once (indexes, regexes, date parsers); call ``extract`` per article."""

    def __init__(
        self,
        places: Iterable[GazetteerPlace],
        actors: Iterable[ActorEntry],
        routes: Iterable[RouteLine] = (),
    ):
        self.gazetteer = Gazetteer(list(places), list(routes))
        self.actor_index = ActorIndex(list(actors))
        self.dates = DateResolver()
        self._reader = SentenceReader(self.dates, self.gazetteer, self.actor_index)
        self._clusterer = Clusterer(self.gazetteer)
        self._per_place = OneEventPerPlace(self.gazetteer)
        self._builder = IncidentBuilder(self.gazetteer, Parties(self.actor_index))
        # single words of gazetteer names: a "group" named only by places is not one
        self._place_words = frozenset(
            w for p in self.gazetteer.places for w in fold(p.name).split() if len(w) > 2
        )

    # --- language ---------------------------------------------------------------
    @staticmethod
    def detect_language(text: str) -> str:
        return detect_language(text, among=LANGUAGES)

    # --- main entry -------------------------------------------------------------
    def extract(
        self,
        text: str,
        *,
        published: datetime | date | None = None,
        lang: str | None = None,
        title: str | None = None,
    ) -> ExtractionResult:
        """The article's incidents (background mentions flagged): mentions over the
        whole text, the headline set apart, facts per body sentence with the context
        carried between them, then clusters into incidents; the headline is read only
        when the body gives no incident, or its one incident no toll."""
        pub = published.date() if isinstance(published, datetime) else published
        lang = (lang or self.detect_language(text or title or "")).lower()[:2]
        if lang not in LANGUAGES:
            lang = "en"
        if not text or not text.strip():
            return ExtractionResult(lang, [])
        folded = fold(text)
        actor_mentions, place_matches = self._mentions(text, folded)
        dl = dateline_span(text)
        headline, sents = _headline_and_body(text, sentences(text), dl, title)
        sents = split_comparisons(folded, sents)
        named = {self.actor_index.actors[m.index].key for m in actor_mentions if m.index >= 0}
        years = self.dates.article_dates(folded, pub, named)

        def facts_of(chosen: list[Sentence]) -> list[SentenceFacts]:
            return [
                self._reader.read(
                    text, folded, s, lang, pub, place_matches, actor_mentions, dl, years
                )
                for s in chosen
            ]

        # where no sentence of an incident names a place, the headline's place stands in
        # ("Ménaka : le bilan de l'attaque s'alourdit"), else the dateline's
        dateline = self._headline_location(
            text, folded, headline, place_matches, dl
        ) or self._dateline_location(text, place_matches, dl)
        body = facts_of(sents)
        lists = find_lists(text)
        add_listed_villages(text, body, lists)
        carry_context(folded, body)
        body = carry_heading_dates(text, body)
        # else the most precise place the body names ("in the restive Tillaberi region")
        dateline = dateline or _article_location(body)
        incidents = self._incidents(text, folded, body, pub, dateline, lang, lists)
        live = [i for i in incidents if not i.background]
        if headline and (not live or (len(live) == 1 and live[0].killed is None)):
            head = facts_of(headline)
            if any(f.violent for f in head):
                if not live:
                    # nothing in the body (or the text is only a headline): read the headline too
                    incidents = self._incidents(text, folded, head + body, pub, dateline, lang)
                else:
                    # the toll only in the headline ("Seven soldiers killed in ambush near Tera")
                    self._headline_toll(text, live[0], head)
        return ExtractionResult(lang, incidents)

    def _mentions(self, text: str, folded: str) -> tuple[list[ActorMention], list[PlaceMatch]]:
        """Actor aliases and unknown armed groups over the whole text, then gazetteer
        places in the words no actor took, settled into one candidate per name."""
        toks = tokens(folded)
        actor_mentions = self.actor_index.match(text, toks)
        taken = [(m.start, m.end) for m in actor_mentions]
        actor_mentions += [
            ActorMention(UNKNOWN_GROUP, g.start, g.end, name=g.name)
            for g in find_unknown_groups(text, taken, self._place_words)
        ]
        actor_mentions.sort(key=lambda m: m.start)
        starts = [t.start for t in toks]
        blocked = {
            starts[k]
            for m in actor_mentions
            for k in range(bisect_left(starts, m.start), bisect_left(starts, m.end))
        }
        place_matches = self.gazetteer.match(text, toks, blocked)
        self.gazetteer.settle(place_matches, text)
        return actor_mentions, place_matches

    def _incidents(
        self,
        text: str,
        folded: str,
        facts: list[SentenceFacts],
        pub: date | None,
        dateline: Location | None,
        lang: str = "en",
        lists: list[VillageList] | None = None,
    ) -> list[ExtractedIncident]:
        clusters = self._clusterer.cluster(facts, pub)
        incidents = []
        primary: ExtractedIncident | None = None
        article_country = _article_country(folded)
        for cl in clusters:
            inc = self._builder.incident(
                text, folded, cl, pub, dateline, primary, len(clusters), article_country
            )
            if inc is None:
                continue
            if primary is None and not inc.background:
                primary = inc
            incidents.extend(
                self._per_place.split_by_place(text, folded, inc, cl, lang, lists or [])
            )
        return one_event_each(incidents, dated=pub is not None)

    @staticmethod
    def _headline_toll(text: str, inc: ExtractedIncident, facts: list[SentenceFacts]) -> None:
        claims = [c for f in facts for c in f.claims if c.killed is not None]
        if not claims:
            return
        revisions = assemble(claims, text)
        wounded = inc.wounded
        for rev in revisions:
            if rev.wounded is None:
                rev.wounded = wounded
        inc.toll_revisions = revisions
        inc.notes.append("toll taken from the headline: the body gives no figure")

    def _headline_location(
        self,
        text: str,
        folded: str,
        headline: list[Sentence],
        matches: list[PlaceMatch],
        dl: tuple[int, int],
    ) -> Location | None:
        found = [
            loc
            for s in headline
            for loc in find_locations(self.gazetteer, text, folded, s.start, s.end, matches, dl)
        ]
        return _best_location(found)

    def _dateline_location(
        self, text: str, matches: list[PlaceMatch], dl: tuple[int, int]
    ) -> Location | None:
        for m in matches:
            if dl[0] <= m.start < dl[1] and m.chosen is not None:
                return Location(
                    "dateline", Span(text[m.start : m.end], m.start, m.end), 0, [m.chosen]
                )
        return None


def _headline_and_body(
    text: str, sents: list[Sentence], dl: tuple[int, int], title: str | None
) -> tuple[list[Sentence], list[Sentence]]:
    """The sentences above a dateline ("GAO (Sahel Wire) —") are headline and byline: they
    summarise, not report. Without a dateline, a first sentence that repeats the title
    is the headline (unless the "title" is the lead paragraph itself)."""
    if dl[1]:
        return [s for s in sents if s.end <= dl[0]], [s for s in sents if s.end > dl[0]]
    if (
        title
        and sents
        and fold(text[sents[0].start : sents[0].end]).strip(" .") == fold(title).strip(" .")
        and not _is_lead(title)
    ):
        return sents[:1], sents[1:]
    return [], sents


def _is_lead(title: str) -> bool:
    """A "title" that is a whole sentence ending in a full stop — plain text whose first
    line is the lead paragraph, not a headline — is read as the report. Headlines do not
    end with a full stop."""
    return title.rstrip().endswith(".") and len(title.split()) >= 12


def _article_location(facts: list[SentenceFacts]) -> Location | None:
    best = _best_location([lc for f in facts for lc in f.locations])
    if best is None:
        return None
    return Location(
        best.kind,
        best.span,
        best.priority,
        best.places,
        best.bearing,
        best.distance_km,
        article_wide=True,
    )


_COUNTRY_MENTION = {
    "Mali": re.compile(r"\b(?:mali|malien(?:ne)?s?|malian)\b"),
    "Burkina Faso": re.compile(r"\b(?:burkina|burkinabe?s?)\b"),
    "Niger": re.compile(r"(?<!fleuve )\b(?:niger|nigerien(?:ne)?s?)\b(?!\s+(?:river|delta|state))"),
}


def _article_country(folded: str) -> str | None:
    """The country an article is about when an incident's place is unknown: the one
    of the three it names most ("soldats" then means that country's army). Reports
    name their country in the dateline, the lead or the forces' adjectives."""
    counts = {c: len(rx.findall(folded)) for c, rx in _COUNTRY_MENTION.items()}
    best = max(counts, key=lambda c: counts[c])
    return best if counts[best] else None
