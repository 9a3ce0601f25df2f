"""The Extractor: sentences -> facts -> incident clusters -> ExtractedIncident."""

from __future__ import annotations

import copy
import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from . import events
from .actors import (
    ATTRIBUTION,
    ESCORT_CUE,
    UNKNOWN_GROUP,
    ActorIndex,
    ActorMention,
    RoleMention,
    country_code_of_place,
)
from .dates import (
    LOOSE_KINDS,
    WEEKDAYS,
    ArticleDates,
    DateMention,
    DateResolver,
    date_basis,
    main_clause_date,
    refines,
    report_opening,
)
from .figures import NO_DEATHS, UPDATE_CUE, FigureMention, assemble, sentence_claims
from .geo import haversine_km
from .language import detect_language
from .numbers import NumberMention, find_numbers
from .placement import best_location as _best_location
from .placement import place_incident
from .places import Gazetteer, Location, PlaceMatch, dateline_span, find_locations
from .sources import find_sources
from .text import Sentence, fold, sentences, tokens
from .types import (
    ActorEntry,
    ExtractedIncident,
    ExtractionResult,
    GazetteerPlace,
    IncidentActor,
    RouteLine,
    Span,
    TollClaim,
)
from .unknown_groups import find_unknown_groups
from .villages import VillageList, find_lists, group_of
from .villages import mentions as village_mentions

_REPORT_BEFORE = re.compile(
    r"\b(?:said|says|told|announced|reported|confirmed|stated|added|declared|updated|"
    r"released|published|issued|"
    r"a\s+(?:declare|indique|annonce|precise|affirme|confirme|ajoute|rapporte)|"
    r"ont\s+(?:declare|indique|annonce|precise|affirme|confirme)|indique|declare)"
    r"\s+(?:\w+\s+)?$"
)
_COUNTED = re.compile(
    r"\b(?:(?:we|they|officials|rescuers)\s+(?:have\s+)?(?:counted|tallied|recorded)|"
    r"on\s+(?:compte|denombre|recense|a\s+compte|a\s+denombre|a\s+recense)|"
    r"(?:avons|ont|a)\s+(?:compte|denombre|recense))\b"
)
_STATEMENT_NEAR = re.compile(
    r"(?:\bby\s+$|\b(?:claimed|revendiqu\w*|statement|communique|told|interview\w*|"
    r"joints?|jointes?|contacted|reached|spoke|said|declared|announced|confirmed|"
    r"a\s+declare|a\s+annonce|a\s+confirme)\b[^.;]{0,40}$)"
)
# "Ce lundi soir, l'armée a communiqué un bilan de l'embuscade de dimanche": a date whose
# own clause is a report (subject then reporting verb), before the event's date
_REPORT_AFTER = re.compile(
    r"[\s,]*(?:[\w'-]+\s+){0,5}?(?:a|ont|has|have)?\s*(?:said|says|told|announced|reported|"
    r"confirmed|stated|communique|annonce|indique|declare|confirme|precise|rapporte|"
    r"affirme|publie|released|published|issued)\b"
)
_SAME_DAY = re.compile(
    r"\b(?:earlier\s+(?:that|the\s+same)\s+day|that\s+same\s+day|"
    r"the\s+same\s+day|le\s+jour\s+meme|le\s+meme\s+jour|"
    r"plus\s+tot\s+dans\s+la\s+journee)\b"
)
_EVENT_WORDS = re.compile(
    r"\b(?:ambush\w*|attack\w*|clash\w*|stormed|raid\w*|struck|strike|explosion|"
    r"kidnap\w*|abduct\w*|embuscade\w*|attaque\w*|affrontement\w*|assaut|frappe\w*|"
    r"enleve\w*|explos\w*|happened|occurred|took\s+place|s'est\s+produite?|a\s+eu\s+lieu|"
    r"fighting|fought|combats?|gunfire|opened\s+fire|fired\s+on|ouvert\s+le\s+feu|"
    r"tire\w*\s+sur|fait\s+irruption|burst\s+into|shot\s+dead|gunned\s+down|grenades?|"
    r"land\s*mines?|(?:a|an|une)\s+mine|ieds?|bomb\w*|drones?|took\s+away|incursions?)\b"
)
_BACKGROUND_CUE = re.compile(
    r"\b(?:last\s+year|previous(?:ly)?|earlier\s+attacks?|already|recalled|in\s+the\s+past|"
    # "had killed" recalls an earlier attack, but not an institution's reported claim
    # ("the army said it had killed 10 terrorists")
    r"(?<!\bit\s)had\s+killed|since\s+(?:19|20)\d\d|l'an\s+dernier|l'annee\s+derniere|precedente?s?|"
    r"deja|rappel\w*|depuis\s+(?:19|20)\d\d|avait\s+(?:tue|fait)|"
    r"(?:days?|weeks?|months?|jours?|semaines?|mois)\s+(?:after|apres)|comes\s+(?:\w+\s+)?after|"
    r"survient|intervient|in\s+the\s+wake\s+of|follows\s+(?:the|an)|followed\s+(?:a|an|the)\s|"
    r"recalls?|reminiscent|echoes|"
    # an earlier time named against the report's own ("earlier this year", "last June",
    # "en mars dernier"), a comparison with an earlier attack ("the worst since",
    # "surpassed only by", "remonte à"), or a list of earlier attacks ("the latest in a
    # series of attacks", "s'inscrit dans une série")
    r"earlier\s+this\s+(?:year|month)|plus\s+tot\s+(?:cette|dans\s+l')\s*annee|"
    r"last\s+(?:january|february|march|april|may|june|july|august|september|october|"
    r"november|december)|(?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|"
    r"octobre|novembre|decembre)\s+dernier|surpassed|remonte\s+a|"
    # "the deadliest in the country since", "la plus meurtrière au Burkina depuis celle de"
    r"(?:worst|deadliest|bloodiest)(?:\s+[\w'-]+){0,5}?\s+since|"
    r"(?:le|la)\s+plus\s+(?:meurtri\w+|sanglante?|grave|lourde?)(?:\s+[\w'-]+){0,5}?\s+depuis|"
    # the pluperfect of a deadly verb tells an earlier event ("celle d'Inata, qui avait
    # coûté la vie à 57 gendarmes", "an attack that had left 20 dead")
    r"(?:avai(?:en)?t|had)\s+(?:deja\s+|already\s+)?(?:coute|cause|fait|tue|killed|left|"
    r"claimed|cost)|"
    r"latest\s+in\s+a\s+(?:series|string|wave)|derniere\s+en\s+date|"
    r"s'inscrit\s+dans\s+une\s+serie|"
    # an earlier time told against the previous sentence's ("the year before", "a month
    # earlier", "l'année précédente"), or the start of a month before the news
    r"(?:reste|restent|demeure)\s+(?:\w+\s+)?present\w*\s+dans\s+les\s+(?:esprits|memoires)|"
    r"(?:still|remains?)\s+(?:\w+\s+)?(?:fresh\s+)?in\s+(?:people's\s+)?(?:minds|memories)|"
    r"apres\s+avoir\s+(?:\w+\s+)?(?:massacre|tue|attaque|assassine|enleve|execute|frappe)|"
    r"the\s+(?:year|month|week)\s+before|an?\s+(?:year|month|week)\s+(?:earlier|before)|"
    r"une?\s+(?:an|annee|mois|semaine)\s+(?:plus\s+tot|auparavant)|"
    r"(?:l'annee|le\s+mois|la\s+semaine)\s+d'avant|"
    r"(?:at\s+the\s+(?:beginning|start)\s+of|in\s+early)\s+(?:january|february|march|april|"
    r"may|june|july|august|september|october|november|december)|"
    # "après l'attaque d'un convoi la semaine dernière à X": a previous attack named
    r"(?:apres|after|following|suite\s+a)\s+(?:l'|the\s+|une?\s+|an?\s+)(?:attaque|attack|"
    r"embuscade|ambush|assaut|assault|raid|massacre|frappe|strike)[^.;]{0,60}?(?:last\s+"
    r"(?:week|month|year)|la\s+semaine\s+derniere|le\s+mois\s+dernier))\b"
)
# A comparison with an earlier attack inside a report's sentence: "L'attaque de vendredi
# est la plus meurtrière depuis celle d'Inata, qui avait coûté la vie à 57 gendarmes en
# novembre 2021", "the deadliest since an ambush in Inates that killed 71 soldiers". What
# follows the cue tells the earlier attack: it is read as a clause of its own.
_COMPARISON = re.compile(
    r"\b(?:(?:the\s+)?(?:worst|deadliest|bloodiest)(?:\s+[\w'-]+){0,5}?\s+since|"
    r"(?:le|la)\s+plus\s+(?:meurtri\w+|sanglante?|grave|lourde?)(?:\s+[\w'-]+){0,5}?\s+depuis)\b"
)
# an earlier figure of the same event ("in its previous bulletin, the army had said",
# "le bilan précédent", "avait annoncé la mort de huit soldats"): a revision, not a recall
_EARLIER_FIGURE = re.compile(
    r"\b(?:previous|earlier|first|initial)\s+(?:bulletin|toll|statement|report|count|figure)|"
    r"(?:bilan|communique|decompte)\s+precedent|precedent\s+(?:bilan|communique)|"
    r"had\s+(?:said|announced|reported|given)|avai(?:en)?t\s+(?:annonce|indique|fait\s+etat|"
    r"donne|avance)\b"
)
# "après avoir massacré une quarantaine de civils vendredi, ces extrémistes ont récidivé
# ce mardi", "having killed ten on Friday, they struck again on Tuesday": the earlier deed
# and the new one in one sentence; from the cue on, it is the news
_STRUCK_AGAIN = re.compile(
    r"\b(?:(?:ont|a|have|has)\s+(?:de\s+nouveau\s+|encore\s+)?(?:recidive|remis\s+ca|"
    r"frappe\s+(?:a\s+nouveau|de\s+nouveau|encore))|struck\s+again|attacked\s+again|"
    r"recidive)\b"
)
_HABITUAL = re.compile(
    r"\b(?:repeatedly|regularly|often|frequently|routinely|increasingly|"
    r"regulierement|souvent|frequemment|a\s+plusieurs\s+reprises|de\s+plus\s+en\s+plus)\b"
)
# A running total over a period ("since March 2012", "42 peacekeepers have been killed
# since the mission began in April 2013", "en sept ans, les violences ont fait 10.000
# morts", "so far this year"): a statistic, not an event. Its date opens no incident and
# its figure is no toll; it stays context for the incident it follows.
_AGGREGATE = re.compile(
    r"\b(?:since\s+(?:the\s+(?:start|beginning)\s+of\s+)?(?:(?:january|february|march|april|"
    r"may|june|july|august|september|october|november|december)\s+)?(?:19|20)\d\d|"
    r"since\s+(?:the\s+)?\w+(?:'s)?\s+(?:mission|conflict|crisis|insurgency|war)\s+began|"
    r"depuis\s+(?:le\s+debut\s+de\s+)?(?:(?:janvier|fevrier|mars|avril|mai|juin|juillet|"
    r"aout|septembre|octobre|novembre|decembre)\s+)?(?:19|20)\d\d|"
    r"depuis\s+(?:le\s+debut\s+de\s+)?(?:l'annee|la\s+crise|le\s+conflit|la\s+guerre)|"
    r"since\s+the\s+(?:start|beginning)\s+of\s+(?:the\s+)?(?:year|conflict|crisis|war)|"
    r"so\s+far\s+this\s+year|this\s+year\s+alone|depuis\s+(?:pres\s+de\s+)?\w+\s+ans|"
    r"(?:in|over|during)\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:months|weeks)|"
    r"(?:au\s+cours\s+des|ces)\s+(?:\w+\s+)?(?:derniers\s+mois|dernieres\s+semaines)|"
    r"depuis\s+(?:le\s+debut\s+de\s+l'annee|janvier|fevrier|mars)(?!\s+\d{1,2}\b)|"
    r"(?:in|over|during)\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:years|decades?)|"
    r"en\s+(?:\w+\s+)?(?:ans|annees|decennies?)|au\s+cours\s+des\s+(?:\w+\s+)?dernieres\s+annees)\b"
)
# A report introducing a second event of its own ("une autre attaque contre le village de
# X", "in a separate attack", "une attaque similaire se déroulait au même moment"):
# a distinct incident, wherever it happened ("a new attack" in a headline is the news
# itself compared with earlier ones, not a second event).
_ANOTHER_EVENT = re.compile(
    r"\b(?:(?:another|a\s+(?:second|third|separate|similar)|in\s+a\s+(?:separate|second))\s+"
    r"(?:\w+\s+)?(?:attack|ambush|raid|strike|assault|incident)|"
    r"une?\s+(?:autre|deuxieme|seconde|troisieme)\s+(?:attaque|embuscade|frappe|incursion|"
    r"assaut|raid)|une?\s+(?:attaque|embuscade|frappe|incursion)\s+similaire)\b"
)
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
_SAME_PLACE_KM = 30.0
# between a figure and its village: "people were killed in", "morts à", "in the village of"
_PLACE_TOLL_GAP = re.compile(
    r"[\w\s'-]{0,40}?\b(?:in|at|a|au|dans|de)\s+(?:the\s+)?(?:(?:village|localite|hameau)s?\s+"
    r"(?:of\s+|de\s+|d')?)?|\s*(?:[\w'-]+\s+){0,4}(?:in|at|a|au|dans)\s+"
)
BACKGROUND_DAYS = 14
LANGUAGES = ("en", "fr")


@dataclass(slots=True)
class SentenceFacts:
    sent: Sentence
    event_date: DateMention | None
    report_date: DateMention | None
    year_only_past: bool
    locations: list[Location]
    claims: list[FigureMention]
    roles: list[RoleMention]
    violent: bool
    background_cue: bool
    update_cue: bool
    event_words: bool
    another_event: bool = False  # "une autre attaque", "in a separate attack"
    weekday: int | None = None  # the weekday its event date names, resolved or not
    earlier_figure: bool = False  # "in its previous bulletin", "avait annoncé"
    village: str | None = None  # the first settlement it names with a place noun
    continues: bool = False  # "Three soldiers were also injured": more of the same event
    indefinite_event: bool = False  # "An attack on a base on Friday killed 49": a new one
    struck_again: bool = False  # "ces extrémistes ont récidivé ce mardi"
    day_month: tuple[str, ...] = ()  # its event date's day and month words


@dataclass(slots=True)
class Cluster:
    facts: list[SentenceFacts] = field(default_factory=list)
    date: DateMention | None = None
    location: Location | None = None
    background: bool = False
    paragraph: int = 0
    weekday: int | None = None
    village: str | None = None  # the first village no gazetteer holds, folded
    day_month: tuple[str, ...] = ()


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
        by_key = {a.key: i for i, a in enumerate(self.actor_index.actors)}
        self._unidentified_by_country: dict[str, int] = {}
        self._state_by_country: dict[str, int] = {}
        for i, a in enumerate(self.actor_index.actors):
            code = self.actor_index.country_of[i]
            if a.kind == "unidentified" and code:
                self._unidentified_by_country[code] = i
            if a.kind == "state" and code and code not in self._state_by_country:
                self._state_by_country[code] = i
        self._actor_by_key = by_key
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
        pub = published.date() if isinstance(published, datetime) else published
        lang = (lang or self.detect_language(text or title or "")).lower()[:2]
        if lang not in LANGUAGES:
            lang = "en"
        if not text or not text.strip():
            return ExtractionResult(lang, [])
        folded = fold(text)
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
        dl = dateline_span(text)
        sents = sentences(text)
        headline: list[Sentence] = []
        if dl[1]:  # a headline and byline above the dateline summarise, not report
            headline = [s for s in sents if s.end <= dl[0]]
            sents = [s for s in sents if s.end > dl[0]]
        elif (
            title
            and sents
            and fold(text[sents[0].start : sents[0].end]).strip(" .") == fold(title).strip(" .")
            and not _is_lead(title)
        ):
            headline, sents = sents[:1], sents[1:]

        sents = _split_comparisons(folded, sents)
        named = {self.actor_index.actors[m.index].key for m in actor_mentions if m.index >= 0}
        years = self.dates.article_dates(folded, pub, named)

        def facts_of(chosen: list[Sentence]) -> list[SentenceFacts]:
            return [
                self._facts(text, folded, s, lang, pub, place_matches, actor_mentions, dl, years)
                for s in chosen
            ]

        # where no sentence of an incident names a place, the headline's place stands in
        # ("Ménaka : le bilan de l'attaque s'alourdit"), else the dateline's
        dateline = self._headline_location(
            text, folded, headline, place_matches, dl
        ) or self._dateline_location(text, place_matches, dl)
        body = facts_of(sents)
        lists = find_lists(text)
        _add_listed_villages(text, body, lists)
        _carry_context(folded, body)
        body = _carry_heading_dates(text, body)
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
        clusters = self._cluster(facts, pub)
        incidents = []
        primary: ExtractedIncident | None = None
        article_country = _article_country(folded)
        for cl in clusters:
            inc = self._incident(
                text, folded, cl, pub, dateline, primary, len(clusters), article_country
            )
            if inc is None:
                continue
            if primary is None and not inc.background:
                primary = inc
            incidents.extend(self._split_by_place(text, folded, inc, cl, lang, lists or []))
        return _one_event_each(incidents, dated=pub is not None)

    def _split_by_place(
        self,
        text: str,
        folded: str,
        inc: ExtractedIncident,
        cl: Cluster,
        lang: str,
        lists: list[VillageList],
    ) -> list[ExtractedIncident]:
        """ACLED codes one event per place per day: when a sentence gives each village
        its own toll ("15 were killed in Djimdo, 16 in Gouari and two in Pangadougou",
        "31 morts à Kourakou et 13 à Tondobi"), each village becomes an incident with
        its figure; the rest (date, actors, type) is shared."""
        for f in cl.facts:
            pairs = self._place_tolls(folded, f, lang)
            if len(pairs) < 2:
                continue
            out = []
            for number, loc in pairs:
                part = copy.deepcopy(inc)
                self._set_exact_place(part, loc)
                evidence = Span(text[number.start : loc.span.end], number.start, loc.span.end)
                latest = inc.toll_revisions[-1] if inc.toll_revisions else None
                claim = TollClaim(
                    killed=number.best,
                    killed_min=number.low,
                    killed_max=number.high,
                    qualifier=number.qualifier,
                    wounded=None,
                    said_by=latest.said_by if latest else None,
                    reported_on=latest.reported_on if latest else None,
                    evidence=evidence,
                )
                part.toll_revisions = [claim]
                sentence = [Span(text[f.sent.start : f.sent.end], f.sent.start, f.sent.end)]
                part.sentences = {**part.sentences, "place": sentence, "toll": sentence}
                part.notes.append("one event per place: this village's own toll in the text")
                out.append(part)
            out.extend(self._listed_without_toll(inc, cl, pairs, lists))
            return out
        return [inc]

    def _listed_without_toll(
        self,
        inc: ExtractedIncident,
        cl: Cluster,
        pairs: list[tuple[NumberMention, Location]],
        lists: list[VillageList],
    ) -> list[ExtractedIncident]:
        """A village listed with those of a per-village breakdown but given no toll of
        its own ("the villages of A, B, C and D ... 15 in A, 16 in B and two in C"): its
        own incident too, with no figure (ACLED: one event per place)."""
        groups = {group_of(loc.unknown_name or loc.span.text, lists) for _, loc in pairs}
        done = {fold(loc.unknown_name or loc.span.text) for _, loc in pairs}
        out = []
        for f in cl.facts:
            for loc in f.locations:
                name = loc.unknown_name or (loc.span.text if loc.kind == "exact" else None)
                if name is None or fold(name) in done or loc.kind not in ("exact", "unknown"):
                    continue
                if group_of(name, lists) not in groups - {None}:
                    continue
                done.add(fold(name))
                part = copy.deepcopy(inc)
                self._set_exact_place(part, loc)
                part.toll_revisions = []
                part.notes.append("one event per place: a listed village with no toll of its own")
                out.append(part)
        return out

    @staticmethod
    def _place_tolls(
        folded: str, f: SentenceFacts, lang: str
    ) -> list[tuple[NumberMention, Location]]:
        """(number, place) pairs of a per-village breakdown in one sentence: each place
        right after its own number ("16 in Gouari", "13 à Tondobi"), no other number
        or place between them, two different places at least."""
        locs = [lc for lc in f.locations if lc.kind in ("exact", "unknown") and lc.span]
        if len(locs) < 2 or not f.claims:
            return []
        numbers = find_numbers(folded, f.sent.start, f.sent.end, lang)
        pairs: list[tuple[NumberMention, Location]] = []
        used: set[str] = set()
        for loc in locs:
            before = [n for n in numbers if n.end <= loc.span.start]
            if not before:
                continue
            n = before[-1]
            gap = folded[n.end : loc.span.start]
            if len(gap) > 45 or not _PLACE_TOLL_GAP.fullmatch(gap):
                continue
            if any(n.end <= o.span.start < loc.span.start for o in locs if o is not loc):
                continue
            name = fold(loc.span.text)
            if name in used:
                continue
            used.add(name)
            pairs.append((n, loc))
        return pairs if len(pairs) >= 2 else []

    def _set_exact_place(self, inc: ExtractedIncident, loc: Location) -> None:
        """Point the incident at one named village of a per-village breakdown."""
        inc.location_text = loc.span.text
        inc.place_evidence = loc.span
        inc.route_km = None
        if loc.kind == "exact" and loc.places:
            place = self.gazetteer.places[loc.places[0]]
            inc.place, inc.place_name = place.key, place.name
            inc.latitude, inc.longitude = place.latitude, place.longitude
            inc.country, inc.admin1 = place.country, place.admin1
            inc.geo_precision, inc.unknown_place = "exact", None
        else:  # a village the gazetteer lacks: keep the area's point, say which village
            inc.unknown_place = loc.unknown_name or loc.span.text
            inc.geo_precision = "near" if inc.latitude is not None else None

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

    # --- per sentence -------------------------------------------------------------
    def _facts(
        self,
        text: str,
        folded: str,
        s: Sentence,
        lang: str,
        pub: date | None,
        place_matches: list[PlaceMatch],
        actor_mentions: list[ActorMention],
        dl: tuple[int, int],
        years: ArticleDates | tuple[int, ...] = (),
    ) -> SentenceFacts:
        start = max(s.start, dl[1]) if s.start <= dl[0] < s.end else s.start
        dates = self.dates.find(text, folded, start, s.end, lang, pub, years)
        locations = find_locations(self.gazetteer, text, folded, s.start, s.end, place_matches, dl)
        excluded = [(d.start, d.end) for d in dates] + [
            (loc.span.start, loc.span.end) for loc in locations if loc.kind != "exact"
        ]
        numbers = find_numbers(folded, s.start, s.end, lang)
        sources = find_sources(folded, s.start, s.end)
        claims = sentence_claims(text, folded, s.start, s.end, numbers, sources, excluded)
        sources = [src for src in sources if src.label != "perpetrator claim"]
        violent = events.VIOLENCE.search(folded, s.start, s.end) is not None or bool(claims)
        struck_again = _STRUCK_AGAIN.search(folded, s.start, s.end) is not None
        violent = violent or struck_again
        aggregate = _AGGREGATE.search(folded, s.start, s.end)
        if aggregate is not None and not any(
            d.precision == "day" and not (aggregate.start() <= d.start < aggregate.end())
            for d in dates
        ):
            # a running total over a period: context, neither an event nor a toll
            claims, violent = [], False
            dates = [d for d in dates if not (aggregate.start() <= d.start < aggregate.end())]
        roles = (
            self.actor_index.roles(text, folded, s.start, s.end, actor_mentions)
            if violent
            or ESCORT_CUE.search(folded, s.start, s.end)
            or ATTRIBUTION.search(folded, s.start, s.end)
            else []
        )
        update_cue = UPDATE_CUE.search(folded, s.start, s.end) is not None
        event_words = _EVENT_WORDS.search(folded, s.start, s.end) is not None
        event_date = report_date = None
        year_only_past = False
        # "This morning we counted 19 dead", "on dénombre 12 morts": a count given at a
        # moment, whose time word is when it was said
        counted = _COUNTED.search(folded, s.start, s.end) is not None
        dated = [d for d in dates if d.kind != "year"]
        candidates: list[DateMention] = []
        for d in dates:
            if d.kind == "year":
                year_only_past = year_only_past or d.past_year
                continue
            is_report = (
                d.kind == "next_day"
                or bool(_REPORT_BEFORE.search(folded[max(s.start, d.start - 30) : d.start]))
                or bool(_STATEMENT_NEAR.search(folded[max(s.start, d.start - 45) : d.start]))
                or (len(dated) > 1 and d is not dated[-1] and _REPORT_AFTER.match(folded, d.end))
                or report_opening(folded, start, d.start, d.end)
            )
            if (
                not is_report
                and (update_cue or sources or counted)
                and not event_words
                and claims
                and not any(r.role == "perpetrator" and r.explicit for r in roles)
            ):
                is_report = True  # "On Saturday, an NGO put the toll at 32": a report
            if is_report:
                report_date = report_date or d
            elif d.date is not None or d.kind in ("month",):
                candidates.append(d)
            elif not candidates and pub is None:
                candidates.append(d)  # an unresolvable mention still marks a new date
        event_date = main_clause_date(folded, start, candidates)
        if candidates and event_date is not candidates[0]:
            # the figures of the clause about the earlier attack are not this event's
            prior_end = candidates[0].end
            claims = [c for c in claims if c.pos > prior_end]
        if (
            event_date is None
            and report_date is not None
            and _SAME_DAY.search(folded, s.start, s.end)
        ):
            event_date = report_date  # "said on Sunday that a strike earlier that day..."
        background_cue = _BACKGROUND_CUE.search(folded, s.start, s.end) is not None
        another = _ANOTHER_EVENT.search(folded, s.start, s.end) is not None
        if (
            roles
            and not claims
            and event_date is None
            and _HABITUAL.search(folded, s.start, s.end)
            and not ATTRIBUTION.search(folded, s.start, s.end)
        ):
            roles = []  # "villages are regularly attacked by X": a pattern, not this incident
        return SentenceFacts(
            s,
            event_date,
            report_date,
            year_only_past,
            locations,
            claims,
            roles,
            violent,
            background_cue,
            update_cue,
            event_words,
            another,
            _weekday_of(folded, event_date),
            _EARLIER_FIGURE.search(folded, s.start, s.end) is not None,
            _village_named(folded, locations),
            bool(_CONTINUES.match(folded, s.start) or _ALSO.search(folded, s.start, s.end))
            and not locations,
            bool(_INDEFINITE_EVENT.search(folded, s.start, s.end))
            and not _ANAPHORIC_EVENT.search(folded, s.start, s.end),
            struck_again,
            _day_month_of(folded, event_date),
        )

    # --- clustering ------------------------------------------------------------------
    def _cluster(self, facts: list[SentenceFacts], pub: date | None) -> list[Cluster]:
        clusters: list[Cluster] = []
        current: Cluster | None = None
        for f in facts:
            loc = _best_location(f.locations) if f.violent else None
            village = _village_of(f) if f.violent or f.event_words else None
            if current is None:
                if not f.violent:
                    continue
                current = self._new(clusters, f, loc, pub)
                continue
            target = current
            if (
                current.background
                and f.sent.paragraph != current.paragraph
                and f.event_date is None
                and not f.year_only_past
                and not f.continues
            ):
                target = _primary(clusters) or current
            past = f.event_date is not None and self._is_past(f.event_date, pub)
            if (
                past
                and f.violent
                and not target.background
                and (target.date is None or not _same_day(f, target))
            ):
                target = self._find(clusters, f, loc) or self._new(clusters, f, loc, pub)
            elif f.event_date is not None and f.violent and not _same_day(f, target):
                target = self._find(clusters, f, loc) or self._new(clusters, f, loc, pub)
            elif (
                f.event_date is not None
                and f.event_date.date is not None
                and target.date is None
                and f.claims
                and f.indefinite_event
                and not f.update_cue
                and not f.earlier_figure
                and any(g.claims for g in target.facts)
                and not {c.killed for c in f.claims}
                & {c.killed for g in target.facts for c in g.claims}
            ):
                # the report gave its own event's figure with no day; a later sentence
                # with a day and a figure of its own tells another attack ("An attack on
                # a military base on Friday killed 49 soldiers")
                target = self._find(clusters, f, loc) or self._new(clusters, f, loc, pub)
            elif (
                f.background_cue
                and f.claims
                and not f.update_cue
                and not f.earlier_figure
                and not target.background
                and f.event_date is None
            ):
                # "... qui avait coûté la vie à 57 gendarmes": an earlier attack's toll
                # recalled in passing, never the news's own figure
                target = self._new(clusters, f, loc, pub)
            elif (
                f.another_event
                and f.violent
                and not f.background_cue
                and (loc is not None or village is not None or f.claims)
                and f.sent.start > target.facts[0].sent.start
            ):
                # "une autre attaque contre le village de Guimini": a second event told
                # by the report itself, never folded into the first
                target = self._new(clusters, f, loc, pub)
            elif (
                village is not None
                and target.village is not None
                and village != target.village
                and f.event_words
                and not f.background_cue
            ):
                # two villages no gazetteer holds, each attacked in its own sentence
                # ("incursion dans le village de A ... ont attaqué les villages de B"):
                # ACLED codes one event per place
                target = self._find(clusters, f, loc, current_only=True) or self._new(
                    clusters, f, loc, pub
                )
            elif f.year_only_past and f.violent and not target.background and not f.update_cue:
                target = self._new(clusters, f, loc, pub)
            elif (
                loc is not None
                and target.location is not None
                and f.violent
                and (f.claims or f.event_words)
                and loc.kind != "region"
                and not self._compatible(loc, target.location)
            ):
                # a sentence with no recall cue does not join a background mention
                target = self._find(
                    clusters, None, loc, current_only=not f.background_cue
                ) or self._new(clusters, f, loc, pub)
            elif f.update_cue and f.claims and target.background:
                target = _primary(clusters) or target
            if target is not current or f not in target.facts:
                if f not in target.facts:
                    target.facts.append(f)
                    # a context sentence's month or year ("a campaign in early 2013 freed
                    # the north") frames the story; it does not date the incident
                    framed = f.violent or f.event_words
                    if (
                        f.event_date is not None
                        and (framed or f.event_date.precision == "day")
                        and (
                            target.date is None
                            or (target.date.date is None and f.event_date.date is not None)
                            # a day inside the lead's "last week" is finer
                            or refines(f.event_date, target.date)
                        )
                    ):
                        # "dimanche dernier" then "le dimanche 08 août 2021": the stated day
                        target.date, target.weekday = f.event_date, f.weekday
                        target.day_month = f.day_month
                    if target.village is None and (f.violent or f.event_words):
                        target.village = _village_of(f)
                    if loc is not None and (
                        target.location is None
                        or loc.priority > target.location.priority
                        and self._compatible(loc, target.location)
                    ):
                        target.location = loc
            current = target
        _recalled_first(clusters)
        return clusters

    def _new(
        self, clusters: list[Cluster], f: SentenceFacts, loc: Location | None, pub: date | None
    ) -> Cluster:
        cl = Cluster(
            [f],
            f.event_date,
            loc,
            paragraph=f.sent.paragraph,
            weekday=f.weekday,
            village=_village_of(f),
            day_month=f.day_month,
        )
        past = f.year_only_past or (f.event_date is not None and self._is_past(f.event_date, pub))
        primary = _primary(clusters)
        if past or (primary is not None and f.background_cue):
            cl.background = True
        elif (
            primary is not None
            and primary.date
            and f.event_date
            and primary.date.date
            and f.event_date.date
            and (primary.date.date - f.event_date.date).days > BACKGROUND_DAYS
        ):
            cl.background = True
        clusters.append(cl)
        return cl

    def _find(
        self,
        clusters: list[Cluster],
        f: SentenceFacts | None,
        loc: Location | None,
        current_only: bool = False,
    ) -> Cluster | None:
        d = f.event_date if f is not None else None
        for cl in clusters:
            if current_only and cl.background:
                continue
            if f is not None and d is not None and (cl.date is None or not _same_day(f, cl)):
                continue
            village = _village_of(f) if f is not None else None
            if village is not None and cl.village is not None and village != cl.village:
                continue
            if (
                loc is not None
                and cl.location is not None
                and not self._compatible(loc, cl.location)
            ):
                continue
            if d is None and loc is None:
                continue
            return cl
        return None

    @staticmethod
    def _is_past(d: DateMention, pub: date | None) -> bool:
        if d.past_year:
            return True
        if d.precision == "month" and d.kind == "month" and pub is not None and d.date:
            return (d.date.year, d.date.month) < (pub.year, pub.month)
        if pub is not None and d.date is not None and d.precision == "day":
            return (pub - d.date).days > 60
        return False

    def _compatible(self, a: Location, b: Location) -> bool:
        pa = [self.gazetteer.places[i] for i in a.places]
        pb = [self.gazetteer.places[i] for i in b.places]
        if not pa or not pb:
            return True
        if a.kind == "region" or b.kind == "region":
            return any(x.admin1 and x.admin1 == y.admin1 for x in pa for y in pb) or any(
                x.name == y.admin1 or y.name == x.admin1 for x in pa for y in pb
            )
        return any(
            haversine_km(x.latitude, x.longitude, y.latitude, y.longitude) <= _SAME_PLACE_KM
            for x in pa
            for y in pb
        )

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

    # --- incident building ---------------------------------------------------------
    def _incident(
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
        inc.actors = self._actors(cl, inc.country or article_country)
        ev = self._event_type(folded, inc, cl)
        if ev is None or not self._is_event(inc, cl, ev, n_clusters, primary):
            return None
        inc.event_type, inc.sub_event_type = ev.event_type, ev.sub_event_type
        inc.civilian_targeting = ev.civilian_targeting
        self._default_perpetrator(inc, ev, article_country)
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
        kinds = {a.key: self._kind(a.key) for a in inc.actors}
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
        if state_perp and self._both_sides_in_one_sentence(cl):
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

    def _both_sides_in_one_sentence(self, cl: Cluster) -> bool:
        """One sentence of the cluster names a state force and a non-state armed group
        both as the authors of violence (explicitly)."""
        for f in cl.facts:
            kinds = {
                "state"
                if r.generic_state
                else ("rebel" if r.index is None else self.actor_index.actors[r.index].kind)
                for r in f.roles
                if r.role == "perpetrator" and r.explicit
            }
            if kinds & {"state", "foreign"} and kinds & {"rebel", "militia", "unidentified"}:
                return True
        return False

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
        with a toll (sport, floods, hacking); nothing to pin it (no toll, place or
        actor); an undated, uncounted overview in a multi-incident article; neither a
        place, a date nor a toll."""
        if cl.background and inc.latitude is None and not inc.toll_revisions:
            return False
        if (
            not any(self._kind(a.key) in _ARMED for a in inc.actors)
            and not (inc.toll_revisions and any(f.event_words for f in cl.facts))
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

    def _default_perpetrator(
        self, inc: ExtractedIncident, ev: events.EventClass, article_country: str | None
    ) -> None:
        """ACLED: an attack whose author is unknown is "Unidentified Armed Group
        (country)" (not for an air strike, whose author is a state the text may not name)."""
        if (
            ev.event_type in ("Protests", "Riots")
            or ev.sub_event_type == "Air/drone strike"
            or any(a.role == "perpetrator" for a in inc.actors)
        ):
            return
        code = country_code_of_place(inc.country) or country_code_of_place(article_country)
        unknown = self._unidentified_by_country.get(code or "")
        if unknown is None:
            return
        a = self.actor_index.actors[unknown]
        same = next((x for x in inc.actors if x.key == a.key), None)
        if same is not None:
            same.role = "perpetrator"
        else:
            inc.actors.insert(0, IncidentActor(a.key, a.name, "perpetrator", None, False))

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

    # --- tolls -----------------------------------------------------------------------
    def _toll_history(
        self, text: str, cl: Cluster, inc: ExtractedIncident, pub: date | None
    ) -> None:
        """The cluster's figures in order, each with the day the text says it was given;
        and whether the text says no one died ("sans faire de victimes")."""
        claims: list[FigureMention] = []
        for f in cl.facts:
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

    def _kind(self, key: str | None) -> str:
        if key is None:
            return "rebel"  # an armed group the catalogue lacks, kept by name
        idx = self._actor_by_key.get(key)
        return self.actor_index.actors[idx].kind if idx is not None else "unidentified"

    def _actors(self, cl: Cluster, country: str | None) -> list[IncidentActor]:
        """The cluster's parties with one role each. Generic words resolve by country
        (actors.py); an armed group the catalogue lacks is kept by its written name
        (key None) and, as a named perpetrator, replaces the generic unidentified one."""
        code = country_code_of_place(country)
        actors = self.actor_index.actors
        chosen: dict[int | str, RoleMention] = {}
        order: list[int | str] = []
        for f in cl.facts:
            for r in f.roles:
                if r.role == "perpetrator" and f.background_cue and not cl.background:
                    # "Burkina has suffered attacks since 2015 ... attributed to IS": the
                    # group named as context is not the author of this attack (ACLED)
                    continue
                idx: int | str
                if r.name is not None:
                    idx = " ".join(fold(r.name).split())
                elif r.generic_state:
                    idx = self._state_by_country.get(code or "", -1)
                    if idx < 0:
                        continue
                else:
                    idx = r.index if r.index is not None else -1
                    a = actors[idx]
                    if a.kind == "unidentified" and not self.actor_index.country_of[idx]:
                        resolved = self._unidentified_by_country.get(code or "")
                        idx = resolved if resolved is not None else idx
                prev = chosen.get(idx)
                if prev is None:
                    chosen[idx] = r
                    order.append(idx)
                elif prev.role == "escort":
                    continue
                elif (
                    r.role == "escort"
                    or (r.explicit and not prev.explicit)
                    or (
                        r.explicit
                        and r.role == "perpetrator"
                        and self._kind_of(idx) in ("rebel", "militia", "unidentified")
                    )
                ):
                    chosen[idx] = r
        named_perp = any(
            self._kind_of(i) in ("rebel", "militia") and chosen[i].role == "perpetrator"
            for i in order
        )
        out: list[IncidentActor] = []
        for i in order:
            r = chosen[i]
            kind = self._kind_of(i)
            if named_perp and kind == "unidentified":
                continue
            if kind in ("state", "foreign") and not r.explicit:
                continue  # a force only mentioned ("the army did not comment"), not a party
            if isinstance(i, str):
                out.append(IncidentActor(None, r.name or r.span.text, r.role, r.span, r.explicit))
            else:
                a = actors[i]
                out.append(IncidentActor(a.key, a.name, r.role, r.span, r.explicit))
        return out

    def _kind_of(self, idx: int | str) -> str:
        """Kind of a catalogue actor by index; an unknown group (by name) is armed."""
        return "rebel" if isinstance(idx, str) else self.actor_index.actors[idx].kind


def _is_lead(title: str) -> bool:
    """A "title" that is a whole sentence ending in a full stop — plain text whose first
    line is the lead paragraph, not a headline — is read as the report. Headlines do not
    end with a full stop."""
    return title.rstrip().endswith(".") and len(title.split()) >= 12


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


def _primary(clusters: list[Cluster]) -> Cluster | None:
    return next((c for c in clusters if not c.background), None)


def _recalled_first(clusters: list[Cluster]) -> None:
    """A report may open on the earlier deed ("Après avoir massacré une quarantaine de
    civils vendredi, ces extrémistes ont récidivé mardi"): when the first cluster starts
    with a recall cue and a later current one opens with "struck again", the later one
    is the news and the first is background."""
    if not clusters or clusters[0].background or not clusters[0].facts[0].background_cue:
        return
    if any(not c.background and c.facts[0].struck_again for c in clusters[1:]):
        clusters[0].background = True


def _split_comparisons(folded: str, sents: list[Sentence]) -> list[Sentence]:
    """A sentence comparing its attack with an earlier one is two clauses: the report's
    own (before the cue) and the earlier attack's (from the cue on), so the earlier
    toll and date go to a background mention, not to the news. A sentence telling an
    earlier deed and then that the group "struck again" is split the same way (the
    earlier deed first)."""
    out: list[Sentence] = []
    for s in sents:
        m = _COMPARISON.search(folded, s.start, s.end) or _STRUCK_AGAIN.search(
            folded, s.start, s.end
        )
        if m is None or m.start() <= s.start:
            out.append(s)
            continue
        out.append(Sentence(s.index, s.start, m.start(), s.paragraph))
        out.append(Sentence(s.index, m.start(), s.end, s.paragraph))
    return out


_STATED_DAY = ("explicit", "weekday_date")


def _same_date(a: DateMention | None, b: DateMention | None) -> bool:
    """Whether a sentence's date ``a`` can be the cluster's date ``b``: the same day (or
    week, month), or a finer statement of it ("last week" ... "on Wednesday")."""
    if a is None or b is None:
        return True
    if a.date is None and b.date is None:
        # both unresolved (no publication date): a stated day ("le 17 mars") is not the
        # day a relative word names ("lundi et mardi")
        return (a.kind in _STATED_DAY) == (b.kind in _STATED_DAY)
    same = a.date == b.date and a.precision == b.precision
    # only that way round: the lead's loose time, then the day; a coarser later mention
    # ("at the beginning of July" after the night of the 19th) is another event
    return same or refines(a, b)


def _same_day(f: SentenceFacts, cl: Cluster) -> bool:
    """Whether a sentence's event date is the cluster's. A weekday the text cannot resolve
    (no publication date: "dimanche dernier") is the same day as a stated date on that
    weekday ("le dimanche 08 août 2021"): reports name the day both ways."""
    a, b = f.event_date, cl.date
    if a is not None and b is not None and (a.date is None) != (b.date is None):
        if f.weekday is not None and cl.weekday is not None:
            return f.weekday == cl.weekday
    if f.background_cue and a is not None and b is not None and a.date and b.date:
        # a time told as earlier ("at the beginning of July") is not a coarser statement
        # of the news's own day in that month
        return a.date == b.date and a.precision == b.precision
    if a is not None and b is not None and a.date is None and b.date is None:
        # two stated days the text cannot place in a year ("on November 18", "on 21
        # September") are still two different days
        if f.day_month and cl.day_month and f.day_month != cl.day_month:
            return False
    return _same_date(a, b)


_DAY_MONTH = re.compile(
    r"\b(?:\d{1,2}|1er|january|february|march|april|may|june|july|august|september|october|"
    r"november|december|janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|"
    r"novembre|decembre)\b"
)


def _day_month_of(folded: str, d: DateMention | None) -> tuple[str, ...]:
    """The day and month words of a date mention, as written ("18", "november")."""
    if d is None:
        return ()
    return tuple(sorted(_DAY_MONTH.findall(folded[d.start : d.end])))


def _village_of(f: SentenceFacts) -> str | None:
    return f.village


_VILLAGE_NOUN = re.compile(
    r"\b(?:villages?|hameaux?|hamlets?|localites?|localities|locality|campements?)\s+"
    r"(?:of\s+|de\s+|d')?(?:the\s+)?$"
)


def _village_named(folded: str, locations: list[Location]) -> str | None:
    """The first settlement a sentence names with a place noun ("le village de Tassik",
    "the village of Warba"), known to the gazetteer or not, folded; else None."""
    for loc in locations:
        if loc.kind == "unknown" and loc.unknown_name:
            return fold(loc.unknown_name)
        if (
            loc.kind == "exact"
            and loc.span
            and _VILLAGE_NOUN.search(folded, max(0, loc.span.start - 25), loc.span.start)
        ):
            return fold(loc.span.text)
    return None


def _weekday_of(folded: str, d: DateMention | None) -> int | None:
    """The weekday a date mention names ("vendredi dernier", "on Friday", "le dimanche 8
    août"), whether or not it resolved to a day; else the resolved day's weekday."""
    if d is None:
        return None
    for word in re.findall(r"[a-z]+", folded[d.start : d.end]):
        if word in WEEKDAYS:
            return WEEKDAYS[word]
    return d.date.weekday() if d.date is not None and d.precision == "day" else None


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


# a sentence that goes on about what the previous one said ("Elles ont fait…",
# "Attribuées à…", "They have killed…"): it continues that sentence's context
_CONTINUES = re.compile(
    r"\s*(?:[\"'(]\s*)?(?:elles?|ils|they|these|those|ces\s+(?:attaques|violences)|"
    r"celles-ci|ceux-ci|attribuee?s?|attributed|blamed|imputee?s?|most\s+of\s+them|"
    r"la\s+plupart)\b"
)


# an event introduced as new ("An attack on a military base", "une embuscade") or as
# the one already told ("the attack", "cette attaque", "l'embuscade")
_EVENT_NOUN = (
    r"(?:attacks?|ambush|raid|assault|explosion|bombing|strike|attaque|embuscade|frappe|assaut)"
)
# "une attaque", "an ambush"; not the French passive "a été attaqué" (auxiliary "a")
_INDEFINITE_EVENT = re.compile(
    r"\b(?:an?|une?)\s+(?!ete\b)(?:[\w-]+\s+){0,2}?" + _EVENT_NOUN + r"\b"
)
_ANAPHORIC_EVENT = re.compile(
    r"\b(?:the|this|that|cette|cet|l'|ce|la)\s*(?:[\w-]+\s+){0,1}?" + _EVENT_NOUN + r"\b"
)


def _add_listed_villages(text: str, facts: list[SentenceFacts], lists: list[VillageList]) -> None:
    """Each sentence's mentions of villages the article listed (``villages``) become
    locations; the sentences naming villages of one list share that list's village."""
    if not lists:
        return
    for f in facts:
        taken = [(lc.span.start, lc.span.end) for lc in f.locations if lc.span]
        extra = [
            lc
            for lc in village_mentions(text, f.sent.start, f.sent.end, lists)
            if not any(a < lc.span.end and lc.span.start < b for a, b in taken)
        ]
        if extra:
            f.locations = sorted(f.locations + extra, key=lambda lc: lc.span.start)
        named = [lc.unknown_name or lc.span.text for lc in f.locations if lc.span]
        group = next((g for g in (group_of(n, lists) for n in named) if g), None)
        if group is not None:
            f.village = group


_ALSO = re.compile(r"\b(?:also|aussi|egalement)\b")


# "It was the latest in a series of attacks ...", "s'inscrit dans une série": what the
# paragraph lists next are the earlier attacks of the series
_SERIES = re.compile(
    r"\b(?:latest\s+in\s+a\s+(?:series|string|wave|spate)|s'inscrit\s+dans\s+une\s+serie|"
    r"derniere\s+en\s+date\s+d'une\s+serie|series\s+of\s+(?:recent\s+)?attacks)\b"
)


def _carry_context(folded: str, facts: list[SentenceFacts]) -> None:
    """A sentence that continues a background sentence (a pronoun or participle at its
    start, same paragraph) is background context too; so is an attack with its own day
    listed after "the latest in a series of attacks" (that paragraph or the next)."""
    series_paragraph = None
    for prev, f in zip(facts, facts[1:], strict=False):
        if prev.background_cue and _SERIES.search(folded, prev.sent.start, prev.sent.end):
            series_paragraph = prev.sent.paragraph
        if (
            series_paragraph is not None
            and f.sent.paragraph - series_paragraph in (0, 1)
            and f.event_date is not None
            and f.event_words
            and not f.update_cue
        ):
            f.background_cue = True
            continue
        if (
            prev.background_cue
            and not f.background_cue
            and f.sent.paragraph == prev.sent.paragraph
            and f.event_date is None
            and _CONTINUES.match(folded, f.sent.start)
        ):
            f.background_cue = True


def _carry_heading_dates(text: str, facts: list[SentenceFacts]) -> list[SentenceFacts]:
    """A chronology's dated headings ("JEUDI 18 MAI 2017" alone on its line, then the
    day's events): a line that is only a date dates the sentences under it that name
    no date of their own, up to the next such line. The heading itself is no sentence
    of any event (it would join the previous day's)."""
    heading: DateMention | None = None
    out = []
    for f in facts:
        d = f.event_date
        if d is not None and d.date is not None and not f.violent:
            rest = text[f.sent.start : d.start] + text[d.end : f.sent.end]
            if not re.search(r"\w", rest):
                heading = d
                continue
        if heading is not None and f.event_date is None and f.report_date is None:
            f.event_date = heading
        out.append(f)
    return out


_NO_TOLL_EXPECTED = {
    "Abduction/forced disappearance",
    "Looting/property destruction",
    "Arrests",
    "Peaceful protest",
    "Protest with intervention",
    "Violent demonstration",
    "Mob violence",
}


def _one_event_each(
    incidents: list[ExtractedIncident], *, dated: bool = True
) -> list[ExtractedIncident]:
    """After the main incident, two reporting habits that would file one event twice or
    file context as news (ACLED: one event per place and day):

    1. the same figure told again at the same place or with no place of its own ("24
       soldiers were killed ... The 24 soldiers died near Ségou"): the second is dropped;
    2. another event with neither a toll nor a day of its own ("attacks have hit the
       region since March 2012") is context: it is kept, flagged background, for the
       review queue. Abductions, looting, arrests and demonstrations often have no toll
       and are not concerned, nor are articles without a publication date (no day can
       be resolved in them)."""
    out: list[ExtractedIncident] = []
    main = next((i for i in incidents if not i.background), None)
    for inc in incidents:
        if inc.background or inc is main or main is None:
            out.append(inc)
            continue
        duplicate = inc.killed is not None and any(
            not o.background
            and o.killed == inc.killed
            and (o.place == inc.place or inc.place is None or o.place is None)
            for o in out
        )
        if duplicate:
            continue
        own_day = inc.date_evidence is not None and inc.date_precision == "day"
        if (
            dated
            and inc.killed is None
            and not own_day
            and inc.sub_event_type not in _NO_TOLL_EXPECTED
        ):
            inc.background = True
            inc.notes.append("background: another event named without a toll or a day")
        out.append(inc)
    return out
