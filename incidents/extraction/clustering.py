"""Sentence facts -> clusters, one per incident (the rules: ``incidents.extraction``'s
docstring, step 4), and the context carried between sentences before clustering
(a sentence continuing a background one, a chronicle's dated headings)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .cues import CONTINUES, SERIES
from .dates import DateMention, refines
from .facts import SentenceFacts
from .geo import haversine_km
from .placement import best_location as _best_location
from .places import Gazetteer, Location

SAME_PLACE_KM = 30.0  # two places this close are one incident's
BACKGROUND_DAYS = 14  # an event this long before the main one is background


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
    weekdays: frozenset[int] = frozenset()


class Clusterer:
    """Groups one article's sentence facts into clusters; places compare through the
    gazetteer (within 30 km, or a region holding the other)."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer

    def cluster(self, facts: list[SentenceFacts], pub: date | None) -> list[Cluster]:
        """Sentences in order: the first violent one opens a cluster; each later one
        goes where ``_route`` sends it (the current cluster, another one, or a new one)
        and adds its date, village and place there (``_join``). Last, a report that
        opens on an earlier deed makes that first cluster background."""
        clusters: list[Cluster] = []
        current: Cluster | None = None
        for f in facts:
            loc = _best_location(f.locations) if f.violent else None
            if current is None:
                if f.violent:
                    current = self._new(clusters, f, loc, pub)
                continue
            target = self._route(clusters, self._home(clusters, current, f), f, loc, pub)
            if f not in target.facts:
                self._join(target, f, loc)
            current = target
        _recalled_first(clusters)
        return clusters

    @staticmethod
    def _home(clusters: list[Cluster], current: Cluster, f: SentenceFacts) -> Cluster:
        """A background mention does not run past its paragraph: an undated sentence of
        the next paragraph (not one that continues it) is back with the main incident."""
        if (
            current.background
            and f.sent.paragraph != current.paragraph
            and f.event_date is None
            and not f.year_only_past
            and not f.continues
        ):
            return _primary(clusters) or current
        return current

    def _route(
        self,
        clusters: list[Cluster],
        target: Cluster,
        f: SentenceFacts,
        loc: Location | None,
        pub: date | None,
    ) -> Cluster:
        """Where a sentence goes, by the first of these reporting habits it shows:

        1. a violent sentence with a day of its own (or an earlier one) tells the event
           of that day: an existing cluster of that day and place, else a new one;
        2. a figure with a new day after the lead gave its figure with none ("An attack
           on a military base on Friday killed 49 soldiers"): another attack;
        3. an earlier attack's toll recalled in passing: a background mention;
        4. "une autre attaque", "in a separate attack": a second event;
        5. another village no gazetteer holds, attacked in its own sentence;
        6. a bare earlier year with violence: an earlier event;
        7. violence at a place more than 30 km away: that place's event;
        8. a toll update while in a background mention: back to the main incident.
        Otherwise the sentence stays with ``target``."""
        village = _village_of(f) if f.violent or f.event_words else None
        past = f.event_date is not None and self._is_past(f.event_date, pub)
        if _another_day(f, target, past) or _new_dated_figure(f, target):
            return self._find(clusters, f, loc) or self._new(clusters, f, loc, pub)
        if _recalled_toll(f, target) or _another_event_told(f, target, loc, village):
            return self._new(clusters, f, loc, pub)
        if _another_unknown_village(f, target, village):
            return self._find(clusters, f, loc, current_only=True) or self._new(
                clusters, f, loc, pub
            )
        if f.year_only_past and f.violent and not target.background and not f.update_cue:
            return self._new(clusters, f, loc, pub)
        if loc is not None and self._elsewhere(f, target, loc):
            # a sentence with no recall cue does not join a background mention
            return self._find(clusters, None, loc, current_only=not f.background_cue) or self._new(
                clusters, f, loc, pub
            )
        if f.update_cue and f.claims and target.background:
            return _primary(clusters) or target
        return target

    def _elsewhere(self, f: SentenceFacts, target: Cluster, loc: Location) -> bool:
        """Violence (a figure or an event word) at a named place, not a region, that is
        not the cluster's: ACLED codes one event per place."""
        return (
            target.location is not None
            and f.violent
            and bool(f.claims or f.event_words)
            and loc.kind != "region"
            and not self._compatible(loc, target.location)
        )

    def _join(self, target: Cluster, f: SentenceFacts, loc: Location | None) -> None:
        """The sentence joins the cluster; its date replaces the cluster's when finer
        ("dimanche dernier" then "le dimanche 08 août 2021", a day inside the lead's
        "last week"), its village names the cluster if none did, and its place does when
        more precise and compatible. A context sentence's month or year ("a campaign in
        early 2013 freed the north") frames the story; it does not date the incident."""
        target.facts.append(f)
        framed = f.violent or f.event_words
        if (
            f.event_date is not None
            and (framed or f.event_date.precision == "day")
            and (
                target.date is None
                or (target.date.date is None and f.event_date.date is not None)
                or refines(f.event_date, target.date)
            )
        ):
            target.date, target.weekday = f.event_date, f.weekday
            target.weekdays = f.weekdays
            target.day_month = f.day_month
        if target.village is None and framed:
            target.village = _village_of(f)
        if loc is not None and (
            target.location is None
            or loc.priority > target.location.priority
            and self._compatible(loc, target.location)
        ):
            target.location = loc

    def _new(
        self, clusters: list[Cluster], f: SentenceFacts, loc: Location | None, pub: date | None
    ) -> Cluster:
        cl = Cluster(
            [f],
            f.event_date,
            loc,
            paragraph=f.sent.paragraph,
            weekday=f.weekday,
            weekdays=f.weekdays,
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
            haversine_km(x.latitude, x.longitude, y.latitude, y.longitude) <= SAME_PLACE_KM
            for x in pa
            for y in pb
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
        # two weekdays no publication date can place ("dans la nuit de jeudi à vendredi",
        # then "l'attaque dimanche matin d'une autre localité"): two days, unless one
        # names a day of the other (the night's Friday)
        if f.weekdays and cl.weekdays and not f.weekdays & cl.weekdays:
            return False
    return _same_date(a, b)


def _village_of(f: SentenceFacts) -> str | None:
    return f.village


def carry_context(folded: str, facts: list[SentenceFacts]) -> None:
    """A sentence that continues a background sentence (a pronoun or participle at its
    start, same paragraph) is background context too; so is an attack with its own day
    listed after "the latest in a series of attacks" (that paragraph or the next)."""
    series_paragraph = None
    for prev, f in zip(facts, facts[1:], strict=False):
        if prev.background_cue and SERIES.search(folded, prev.sent.start, prev.sent.end):
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
            and CONTINUES.match(folded, f.sent.start)
        ):
            f.background_cue = True


def carry_heading_dates(text: str, facts: list[SentenceFacts]) -> list[SentenceFacts]:
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


def _another_day(f: SentenceFacts, target: Cluster, past: bool) -> bool:
    """A violent sentence whose event date is not the cluster's day, or is long past
    while the cluster is current news."""
    if f.event_date is None or not f.violent:
        return False
    if past and not target.background and (target.date is None or not _same_day(f, target)):
        return True
    return not _same_day(f, target)


def _new_dated_figure(f: SentenceFacts, target: Cluster) -> bool:
    """The report gave its own event's figure with no day; a later sentence with a day,
    an indefinite event noun and a figure of its own tells another attack."""
    return (
        f.event_date is not None
        and f.event_date.date is not None
        and target.date is None
        and bool(f.claims)
        and f.indefinite_event
        and not f.update_cue
        and not f.earlier_figure
        and any(g.claims for g in target.facts)
        and not {c.killed for c in f.claims} & {c.killed for g in target.facts for c in g.claims}
    )


def _recalled_toll(f: SentenceFacts, target: Cluster) -> bool:
    """ "... qui avait coûté la vie à 57 gendarmes": an earlier attack's toll recalled in
    passing (a recall cue, a figure, no date), never the news's own figure."""
    return (
        f.background_cue
        and bool(f.claims)
        and not f.update_cue
        and not f.earlier_figure
        and not target.background
        and f.event_date is None
    )


def _another_event_told(
    f: SentenceFacts, target: Cluster, loc: Location | None, village: str | None
) -> bool:
    """ "une autre attaque contre le village de Guimini": a second event told by the report
    itself (with a place, a village or a figure), never folded into the first."""
    return (
        f.another_event
        and f.violent
        and not f.background_cue
        and (loc is not None or village is not None or bool(f.claims))
        and f.sent.start > target.facts[0].sent.start
    )


def _another_unknown_village(f: SentenceFacts, target: Cluster, village: str | None) -> bool:
    """Two villages no gazetteer holds, each attacked in its own sentence ("incursion dans
    le village de A ... ont attaqué les villages de B"): ACLED codes one event per place."""
    return (
        village is not None
        and target.village is not None
        and village != target.village
        and f.event_words
        and not f.background_cue
    )
