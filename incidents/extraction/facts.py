"""What one sentence says: its dates (event or report), places, figures, roles and cues.

``SentenceReader.read`` turns a sentence into ``SentenceFacts``; ``clustering`` then
groups the facts into incidents. Helpers here prepare the sentence list (a comparison
with an earlier attack is two clauses) and add what the article's village lists give.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from . import events
from .actors import ATTRIBUTION, ESCORT_CUE, ActorIndex, ActorMention, RoleMention
from .cues import (
    AGGREGATE,
    ALSO,
    ANAPHORIC_EVENT,
    ANOTHER_EVENT,
    BACKGROUND_CUE,
    COMPARISON,
    CONTINUES,
    COUNTED,
    DAY_MONTH,
    EARLIER_FIGURE,
    EVENT_WORDS,
    HABITUAL,
    INDEFINITE_EVENT,
    KILLED_BY_SOMEONE,
    NON_VIOLENT_DEATH,
    REPORT_AFTER,
    REPORT_BEFORE,
    SAME_DAY,
    STATEMENT_NEAR,
    STRUCK_AGAIN,
    VILLAGE_NOUN,
)
from .dates import (
    WEEKDAYS,
    ArticleDates,
    DateMention,
    DateResolver,
    dates_the_aftermath,
    main_clause_date,
    report_opening,
)
from .figures import UPDATE_CUE, FigureMention, sentence_claims
from .numbers import find_numbers
from .places import Gazetteer, Location, PlaceMatch, find_locations
from .sources import find_sources
from .text import Sentence, fold
from .villages import VillageList, group_of
from .villages import mentions as village_mentions


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
    weekdays: frozenset[int] = frozenset()  # every weekday its event date names
    killing: bool = False  # "un agent de sante a ete tue": a killing, its author unnamed


class SentenceReader:
    """Reads sentences with the article-independent resolvers (dates, gazetteer, actors)."""

    def __init__(self, dates: DateResolver, gazetteer: Gazetteer, actor_index: ActorIndex):
        self.dates = dates
        self.gazetteer = gazetteer
        self.actor_index = actor_index

    def read(
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
        """One sentence's facts, in the order they depend on each other:

        1. what it mentions: dates, places, and the figures left once the dates' and
           the non-exact places' words are set aside (a day is no toll);
        2. whether it tells violence, unless it is a running total over a period;
        3. who did what to whom (only in a violent sentence, or one naming an escort or
           an attribution);
        4. which of its dates is the event's and which the report's (``_sort_dates``);
        5. the cue words clustering reads (background, update, another event, ...)."""
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

        struck_again = _has(STRUCK_AGAIN, folded, s)
        violent = events.VIOLENCE.search(folded, s.start, s.end) is not None or bool(claims)
        violent = violent or struck_again
        total = _running_total(folded, s, dates)
        if total is not None:
            # a running total over a period: context, neither an event nor a toll
            claims, violent = [], False
            dates = [d for d in dates if not (total.start() <= d.start < total.end())]

        roles = (
            self.actor_index.roles(text, folded, s.start, s.end, actor_mentions)
            if violent or _has(ESCORT_CUE, folded, s) or _has(ATTRIBUTION, folded, s)
            else []
        )

        update_cue = _has(UPDATE_CUE, folded, s)
        event_words = _has(EVENT_WORDS, folded, s)
        figures_only = _figures_given(folded, s, claims, roles, bool(sources), update_cue)
        event_date, report_date, year_only_past, candidates = _sort_dates(
            folded, s, start, dates, pub, figures_only=figures_only and not event_words
        )
        if candidates and event_date is not candidates[0]:
            # the figures of the clause about the earlier attack are not this event's
            prior_end = candidates[0].end
            claims = [c for c in claims if c.pos > prior_end]
        if event_date is None and report_date is not None and _has(SAME_DAY, folded, s):
            event_date = report_date  # "said on Sunday that a strike earlier that day..."
        if _habitual(folded, s, roles, claims, event_date):
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
            _has(BACKGROUND_CUE, folded, s),
            update_cue,
            event_words,
            _has(ANOTHER_EVENT, folded, s),
            _weekday_of(folded, event_date),
            _has(EARLIER_FIGURE, folded, s),
            _village_named(folded, locations),
            bool(CONTINUES.match(folded, s.start) or _has(ALSO, folded, s)) and not locations,
            _has(INDEFINITE_EVENT, folded, s) and not _has(ANAPHORIC_EVENT, folded, s),
            struck_again,
            _day_month_of(folded, event_date),
            _weekdays_named(folded, event_date),
            _has(KILLED_BY_SOMEONE, folded, s) and not _has(NON_VIOLENT_DEATH, folded, s),
        )


def _has(cue: re.Pattern[str], folded: str, s: Sentence) -> bool:
    """Whether the sentence holds the cue."""
    return cue.search(folded, s.start, s.end) is not None


def _running_total(folded: str, s: Sentence, dates: list[DateMention]) -> re.Match[str] | None:
    """A total over a period ("since 2012", "so far this year", "en sept ans") with no
    day of its own outside it: the sentence is a statistic, not an event (``AGGREGATE``)."""
    total = AGGREGATE.search(folded, s.start, s.end)
    if total is None:
        return None
    if any(d.precision == "day" and not (total.start() <= d.start < total.end()) for d in dates):
        return None
    return total


def _figures_given(
    folded: str,
    s: Sentence,
    claims: list[FigureMention],
    roles: list[RoleMention],
    sourced: bool,
    update_cue: bool,
) -> bool:
    """A sentence that only gives figures (an update, a source, a count: "On Saturday,
    an NGO put the toll at 32", "This morning we counted 19 dead") and names no author
    of an attack: its time word is when the figure was given, not the event's."""
    # "on dénombre 12 morts": a count given at a moment
    counted = _has(COUNTED, folded, s)
    return (
        (update_cue or sourced or counted)
        and bool(claims)
        and not any(r.role == "perpetrator" and r.explicit for r in roles)
    )


def _is_report_date(
    folded: str, s: Sentence, start: int, d: DateMention, dated: list[DateMention]
) -> bool:
    """A date told as when something was said: "le lendemain", "said on Saturday",
    "told AFP on Monday", a date whose own clause is a report ("Ce lundi soir, l'armée
    a communiqué un bilan de l'embuscade de dimanche") before the event's date, or a day
    opening an announcement ("Samedi, l'armée a annoncé avoir repoussé une attaque",
    ``dates.report_opening``)."""
    return (
        d.kind == "next_day"
        or bool(REPORT_BEFORE.search(folded[max(s.start, d.start - 30) : d.start]))
        or bool(STATEMENT_NEAR.search(folded[max(s.start, d.start - 45) : d.start]))
        or bool(len(dated) > 1 and d is not dated[-1] and REPORT_AFTER.match(folded, d.end))
        or report_opening(folded, start, d.start, d.end)
        or dates_the_aftermath(folded, s.start, d.start)
    )


def _sort_dates(
    folded: str,
    s: Sentence,
    start: int,
    dates: list[DateMention],
    pub: date | None,
    *,
    figures_only: bool,
) -> tuple[DateMention | None, DateMention | None, bool, list[DateMention]]:
    """The sentence's dates sorted into (event date, report date, whether a bare year
    names an earlier year, the event-date candidates). The first report date is the
    report's; of the candidates, the one of the main clause is the event's
    (``dates.main_clause_date``). Without a publication date an unresolvable mention
    still marks a date of its own."""
    report_date = None
    year_only_past = False
    dated = [d for d in dates if d.kind != "year"]
    candidates: list[DateMention] = []
    for d in dates:
        if d.kind == "year":
            year_only_past = year_only_past or d.past_year
            continue
        if figures_only or _is_report_date(folded, s, start, d, dated):
            report_date = report_date or d
        elif d.date is not None or d.kind in ("month",):
            candidates.append(d)
        elif not candidates and pub is None:
            candidates.append(d)
    return main_clause_date(folded, start, candidates), report_date, year_only_past, candidates


def _habitual(
    folded: str,
    s: Sentence,
    roles: list[RoleMention],
    claims: list[FigureMention],
    event_date: DateMention | None,
) -> bool:
    """A pattern, not an incident ("villages are regularly attacked by X"): a habit word,
    no figure, no date and no attribution; its roles are no incident's parties."""
    return (
        bool(roles)
        and not claims
        and event_date is None
        and _has(HABITUAL, folded, s)
        and not _has(ATTRIBUTION, folded, s)
    )


def split_comparisons(folded: str, sents: list[Sentence]) -> list[Sentence]:
    """A sentence comparing its attack with an earlier one is two clauses: the report's
    own (before the cue) and the earlier attack's (from the cue on), so the earlier
    toll and date go to a background mention, not to the news. A sentence telling an
    earlier deed and then that the group "struck again" is split the same way (the
    earlier deed first)."""
    out: list[Sentence] = []
    for s in sents:
        m = COMPARISON.search(folded, s.start, s.end) or STRUCK_AGAIN.search(folded, s.start, s.end)
        if m is None or m.start() <= s.start:
            out.append(s)
            continue
        out.append(Sentence(s.index, s.start, m.start(), s.paragraph))
        out.append(Sentence(s.index, m.start(), s.end, s.paragraph))
    return out


def _day_month_of(folded: str, d: DateMention | None) -> tuple[str, ...]:
    """The day and month words of a date mention, as written ("18", "november")."""
    if d is None:
        return ()
    return tuple(sorted(DAY_MONTH.findall(folded[d.start : d.end])))


def _village_named(folded: str, locations: list[Location]) -> str | None:
    """The first settlement a sentence names with a place noun ("le village de Tassik",
    "the village of Warba"), known to the gazetteer or not, folded; else None."""
    for loc in locations:
        if loc.kind == "unknown" and loc.unknown_name:
            return fold(loc.unknown_name)
        if (
            loc.kind == "exact"
            and loc.span
            and VILLAGE_NOUN.search(folded, max(0, loc.span.start - 25), loc.span.start)
        ):
            return fold(loc.span.text)
    return None


def _weekdays_named(folded: str, d: DateMention | None) -> frozenset[int]:
    """Every weekday a date mention names ("dans la nuit de jeudi à vendredi": both)."""
    if d is None:
        return frozenset()
    words = re.findall(r"[a-z]+", folded[d.start : d.end])
    return frozenset(WEEKDAYS[w] for w in words if w in WEEKDAYS)


def _weekday_of(folded: str, d: DateMention | None) -> int | None:
    """The weekday a date mention names ("vendredi dernier", "on Friday", "le dimanche 8
    août"), whether or not it resolved to a day; else the resolved day's weekday."""
    if d is None:
        return None
    for word in re.findall(r"[a-z]+", folded[d.start : d.end]):
        if word in WEEKDAYS:
            return WEEKDAYS[word]
    return d.date.weekday() if d.date is not None and d.precision == "day" else None


def add_listed_villages(text: str, facts: list[SentenceFacts], lists: list[VillageList]) -> None:
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
