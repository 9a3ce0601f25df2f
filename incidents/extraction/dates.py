"""Date expressions in en/fr, resolved against the publication date.

Rules (one each):
- explicit "7 February [2025]", "le 7 février", "February 7": parsed by dateparser;
  a missing year is the latest year that puts the date on or before publication.
  Without a publication date only dates with a stated year resolve.
- a weekday ("on Friday", "vendredi", "last Friday") is the latest such day strictly
  before the publication date (corpus/README.md convention) — except "ce lundi"/"this
  Monday" and, in English wire copy, a bare weekday: on the publication's own weekday
  they are the publication day (../shared/realcorpus/README.md).
- weekday + day + month with no year and no publication date ("dimanche 31 mai"): the
  only year of the window (the latest year the text prints to three years after; else
  the last fifteen years) in which that day is that weekday, with a ``note`` saying so;
  no year when several fit.
- weekday + date ("Saturday (February 8)"): the date if they agree; if they disagree,
  the weekday before publication wins and ``note`` says so.
- a night across two days ("dans la nuit de jeudi à vendredi", "dans la nuit du 18 au 19
  novembre", "overnight Thursday to Friday", "on the night of May 11 to 12"): ``date``
  is the first evening, ``latest`` the next day (the text allows both; ACLED and the
  real-corpus labels start an event on its first day). A date printed on either side
  fixes both ("de mercredi à jeudi 14 novembre": 13–14 November).
- a span of days ("du 3 au 5 mars", "les vendredi 27 et samedi 28", "from Monday to
  Wednesday", "on Tuesday and Wednesday"): the first day, ``latest`` the last; a span
  needs a month or a weekday ("between 20 and 30" is a count, not days).
- a weekday with a day of the month but no month ("samedi 28"): the latest such day on
  or before publication that falls on that weekday.
- without a publication date the whole article is read once (``article_dates``): an
  armed group it names (incidents/data/actor_years.json) puts the window's start no
  earlier than the group's first active year; a head of state it names as in office
  ("le président burkinabè, le lieutenant-colonel X", not "l'ancien président" or
  "overthrew President X"; incidents/data/office_holders.json) keeps the window inside
  the term; its yearless weekday-and-dates ("samedi
  14 novembre ... dimanche 15 novembre", "le samedi 20 janvier ... le jeudi 12 avril")
  together fix a year when only one year of the window fits them all; a day and month
  with no weekday ("le 14 novembre") then takes that year (the reading nearest those
  days); and a bare weekday ("lundi", "mardi dernier") is the day the text gives that
  weekday elsewhere ("depuis ce lundi 12 septembre"), when it gives it only one.
- the day a funeral or burial "took place" / "a eu lieu" dates the aftermath, not the
  deaths the sentence recalls (``dates_the_aftermath``).
- a day that opens a sentence and is followed at once by who spoke and a reporting
  verb ("Samedi, l'armée a annoncé avoir repoussé une attaque") dates the statement,
  not the event (``report_opening``).
- a stated day and month with no year and no publication date: the year of the latest
  month-and-year the text prints ("since August 2023", "February 15, 2025") when the
  day is not before that year's earliest printed month; with a weekday, the one year
  it fits (below). Either way ``year_inferred`` is set and the note says so.
- "last week"/"la semaine dernière": the Thursday (middle) of the previous
  Monday-Sunday week, precision week. "earlier this month"/"ce mois-ci": the 15th of
  the publication month;
  "last month"/"in September": the 15th of that month (ACLED's mid-month rule),
  precision month.
- "yesterday"/"hier", "the day before yesterday"/"avant-hier", "today"/"aujourd'hui".
- "last year"/"l'an dernier"/"in 2023"/"since 2012" are year-only: no date, but they
  mark what they qualify as background.
- a resolved date after publication is impossible and is dropped.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from dateparser.date import DateDataParser

WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
    "lundi": 0,
    "mardi": 1,
    "mercredi": 2,
    "jeudi": 3,
    "vendredi": 4,
    "samedi": 5,
    "dimanche": 6,
}
MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
    "janvier": 1,
    "fevrier": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "decembre": 12,
}
_WD = "|".join(WEEKDAYS)
_MO = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:er|st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"

_EXPLICIT = (
    rf"(?:(?P<d1>{_DAY})\s+(?:of\s+)?(?P<m1>{_MO})\.?(?:,?\s+(?P<y1>{_YEAR}))?"
    rf"|(?P<m2>{_MO})\.?\s+(?P<d2>{_DAY})(?!\d)(?:,?\s+(?P<y2>{_YEAR}))?)"
)
# one side of a night or a span of days: "jeudi", "jeudi 19 juillet", "18", "18 novembre",
# "May 11" (read part by part in ``_side``)
_DAYN = rf"{_DAY}(?!\d)"
_SIDE = (
    rf"(?:(?:{_WD})(?:\s+(?:le\s+|the\s+)?{_DAYN}(?:\s+(?:{_MO})\.?)?)?"
    rf"|{_DAYN}(?:\s+(?:of\s+)?(?:{_MO})\.?)?|(?:{_MO})\.?\s+{_DAYN})"
)
_YEAR_AFTER = rf"(?:,?\s+(?P<y>{_YEAR}))?(?!\w)"
# "dimanche 12 septembre", "Saturday (February 8)", "ce lundi 12 septembre 2022"
_WEEKDAY_DATE = re.compile(
    rf"\b(?:on\s+|le\s+|ce\s+)?(?P<wd>{_WD})\s*(?:,|\()?\s*(?:the\s+|le\s+)?{_EXPLICIT}\)?(?!\w)"
)
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "night",
        re.compile(
            rf"\b(?:(?:dans|pendant|durant)\s+)?la\s+nuit\s+(?:de\s+|du\s+|d'\s*)?"
            rf"(?P<a>{_SIDE})\s+(?:a|au|jusqu'au)\s+(?P<b>{_SIDE}){_YEAR_AFTER}"
        ),
    ),
    (
        "night",
        re.compile(
            rf"\b(?:overnight(?:\s+from|\s+on)?|(?:(?:in|on|during)\s+)?the\s+night\s+"
            rf"(?:of|from|between))\s+(?P<a>{_SIDE})(?:\s+(?:to|into|and|until)\s+|\s*-\s*)"
            rf"(?P<b>{_SIDE}){_YEAR_AFTER}"
        ),
    ),
    (
        "span",
        re.compile(
            rf"\b(?:du|les|des|entre\s+le|entre|from|between)\s+(?P<a>{_SIDE})\s+"
            rf"(?:au|et|a|to|and|until|through)\s+(?:le\s+|the\s+)?(?P<b>{_SIDE}){_YEAR_AFTER}"
        ),
    ),
    (
        "span",
        re.compile(
            rf"\b(?P<a>{_DAYN}|(?:{_MO})\.?\s+{_DAYN})\s*-\s*"
            rf"(?P<b>{_DAYN}(?:\s+(?:{_MO}))?){_YEAR_AFTER}"
        ),
    ),
    (
        "span",
        re.compile(rf"\b(?:on\s+)?(?P<a>{_WD})\s+(?:and|et)\s+(?P<b>{_WD})(?P<y>)\b"),
    ),
    ("weekday_date", _WEEKDAY_DATE),
    (
        "weekday_day",
        # "samedi 28," with no month; not "mardi 3 soldats" (a count after a weekday)
        re.compile(
            rf"\b(?:on\s+|le\s+|ce\s+)?(?P<wd>{_WD})\s+(?:the\s+)?(?P<d>{_DAYN})"
            rf"(?=\s*(?:[,.;:)]|et\b|and\b|$))"
        ),
    ),
    ("explicit", re.compile(rf"\b(?:on\s+|le\s+|du\s+|the\s+)?{_EXPLICIT}(?!\w)")),
    (
        "numeric",
        # "le 12/09/2022", "12.09.2022", "2022-09-12" (a four-digit year only)
        re.compile(
            rf"(?<![\d/.-])(?:(?:\b(?:on|le|du)\s+)?(?P<a>\d{{1,2}})(?P<sep>[/.])"
            rf"(?P<b>\d{{1,2}})(?P=sep)(?P<y>{_YEAR})|(?P<iy>{_YEAR})-(?P<im>\d\d)-(?P<id>\d\d))"
            rf"(?![\d/.-]?\d)"
        ),
    ),
    (
        "last_weekday",
        re.compile(rf"\b(?:last\s+(?P<wd>{_WD})|(?P<wd2>{_WD})\s+(?:dernier|passe(?!\s+a\b)))\b"),
    ),
    (
        "weekday",
        re.compile(
            rf"\b(?:(?:on|this|early|late|ce)\s+)?(?P<wd>{_WD})(?:\s+(?:night|morning|evening|"
            rf"afternoon|soir|matin|apres-midi|nuit))?\b"
        ),
    ),
    ("yesterday", re.compile(r"\b(?:yesterday|hier)\b")),
    ("before_yesterday", re.compile(r"\b(?:the\s+day\s+before\s+yesterday|avant-hier)\b")),
    ("today", re.compile(r"\b(?:today|aujourd'hui|this\s+morning|ce\s+matin)\b")),
    (
        "next_day",
        re.compile(
            r"\b(?:the\s+(?:next|following)\s+day|a\s+day\s+later|le\s+lendemain|"
            r"le\s+jour\s+suivant)\b"
        ),
    ),
    ("last_week", re.compile(r"\b(?:last\s+week|la\s+semaine\s+(?:derniere|passee))\b")),
    (
        "weekend",
        re.compile(
            r"\b(?:(?:last|this|over\s+the|during\s+the|at\s+the)\s+week-?end|"
            r"(?:le|ce|du|pendant\s+(?:tout\s+)?le|durant\s+le)\s+week-?end(?:\s+dernier)?)\b"
        ),
    ),
    (
        "this_week",
        re.compile(
            r"\b(?:(?:earlier\s+|early\s+)?this\s+week|(?:plus\s+tot\s+)?cette\s+semaine|"
            r"(?:en|au)\s+debut\s+de\s+(?:cette\s+)?semaine)\b"
        ),
    ),
    (
        "ago",
        re.compile(
            r"\b(?:il\s+y\s+a\s+(?:environ\s+)?(?P<n1>\w+)\s+(?P<u1>jours?|semaines?)"
            r"|(?P<n2>\w+)\s+(?P<u2>days?|weeks?)\s+ago)\b"
        ),
    ),
    (
        "new_year_eve",
        re.compile(r"\b(?:new\s+year'?s\s+eve|(?:la\s+)?saint-sylvestre|reveillon)\b"),
    ),
    (
        "this_month",
        re.compile(
            r"\b(?:earlier\s+this\s+month|this\s+month|(?:plus\s+tot\s+)?ce\s+mois(?:-ci)?|"
            r"(?:au\s+)?debut\s+du\s+mois)\b"
        ),
    ),
    ("last_month", re.compile(r"\b(?:last\s+month|le\s+mois\s+(?:dernier|passe))\b")),
    (
        "month",
        re.compile(
            rf"\b(?:(?:in|since|last|en|depuis|de|au\s+mois\s+de|early|late|mid-?|fin|debut|"
            rf"(?:at\s+)?the\s+(?:beginning|start|end|middle)\s+of|in\s+(?:early|late|mid-?))\s+)"
            rf"(?P<m>{_MO})(?:\s+(?P<y>{_YEAR}))?(?:\s+(?:dernier|last))?\b"
        ),
    ),
    (
        "year",
        re.compile(
            rf"\b(?:last\s+year|l'an\s+(?:dernier|passe)|l'annee\s+(?:derniere|passee)|"
            rf"(?:in|since|en|depuis|during)\s+(?:early\s+|late\s+)?(?P<y>{_YEAR}))\b"
        ),
    ),
]


# cheap pre-filter: a sentence with none of these words has no date expression
_ANY_DATE = re.compile(
    rf"\b(?:{_WD}|{_MO}|yesterday|hier|today|aujourd|avant-hier|week|semaine|month|mois|"
    rf"year|an|annee|lendemain|day|days|jours|jour|matin|morning|ago|weeks|semaines|eve|"
    rf"sylvestre|reveillon|weekend|week-end|{_YEAR})\b"
)


@dataclass(frozen=True, slots=True)
class DateMention:
    kind: str
    start: int
    end: int
    date: date | None
    precision: str | None  # day | week | month | None (year-only)
    note: str | None = None
    past_year: bool = False  # qualifies something before the publication year
    latest: datetime.date | None = None  # a night's second day, a span's last day
    year_inferred: bool = False  # no publication date: the year comes from the text
    # the latest day a loose phrase ("last week") can mean
    loose_until: datetime.date | None = None

    def window(self) -> tuple[datetime.date, datetime.date] | None:
        """The days the mention allows: a night or span's days, a week's Monday–Sunday
        around its Thursday, a month's first to last day, a day itself."""
        if self.date is None:
            return None
        if self.latest is not None:
            return self.date, self.latest
        if self.precision == "week":
            return self.date - timedelta(days=3), self.loose_until or self.date + timedelta(days=3)
        if self.precision == "month":
            first = self.date.replace(day=1)
            nxt = (first + timedelta(days=32)).replace(day=1)
            return first, nxt - timedelta(days=1)
        return self.date, self.date


_COARSE = {"week": 1, "month": 2}
# loose time frames of an overview ("violence continued over the weekend", "cette
# semaine"): they date no event on their own when the article reports others
LOOSE_KINDS = frozenset({"last_week", "this_week", "weekend"})


def refines(finer: DateMention | None, coarser: DateMention | None) -> bool:
    """Whether ``finer`` is a more precise statement of ``coarser``: a day inside the
    week or month the other names ("an ambush last week ... The attack happened on
    Wednesday"). Reports give the loose time in the lead and the day further down."""
    if finer is None or coarser is None or finer.date is None or coarser.date is None:
        return False
    if _COARSE.get(finer.precision or "", 0) >= _COARSE.get(coarser.precision or "", 0):
        return False
    outer = coarser.window()
    return outer is not None and outer[0] <= finer.date <= outer[1]


@dataclass(frozen=True, slots=True)
class ArticleDates:
    """What the whole article says about its own time, for the dates it prints without a
    year when it has no publication date (``DateResolver.article_dates``)."""

    years: tuple[int, ...] = ()  # every year it prints
    anchors: tuple[tuple[int, int], ...] = ()  # (year, month) of each month-and-year
    # the first year an armed group it names was active (actor_years.json), and why
    earliest: int | None = None
    earliest_basis: str | None = None
    # the last year it can be from: the end of the term of a head of state it names as
    # in office (office_holders.json), and why
    latest: int | None = None
    latest_basis: str | None = None
    # the one year in which every weekday-and-date it prints without a year falls on
    # that weekday ("samedi 14 novembre ... dimanche 15 novembre"), and the latest of
    # those days
    year: int | None = None
    reference: date | None = None
    # a weekday the text dates once ("ce lundi 12 septembre"): that day, for a bare
    # "lundi" elsewhere in the text
    weekday_days: tuple[tuple[int, date, str | None], ...] = ()  # with how its year came


_ANCHOR = re.compile(
    rf"\b(?:(?P<m1>{_MO})\.?\s+(?:{_DAY},?\s+)?(?P<y1>{_YEAR})"
    rf"|{_DAY}\s+(?P<m2>{_MO})\.?,?\s+(?P<y2>{_YEAR}))\b"
)


def _anchors(folded: str) -> tuple[tuple[int, int], ...]:
    return tuple(
        (int(m.group("y1") or m.group("y2")), MONTHS[m.group("m1") or m.group("m2")])
        for m in _ANCHOR.finditer(folded)
    )


class DateResolver:
    """Holds one dateparser per language (built once) and a bounded parse cache."""

    _CACHE_MAX = 2048

    def __init__(self, reference_year: int | None = None) -> None:
        # the latest year an undated article can be about (``_window``): this year
        self.reference_year = reference_year or date.today().year
        self._parsers = {
            lang: DateDataParser(languages=[lang], settings={"PREFER_DAY_OF_MONTH": "first"})
            for lang in ("en", "fr")
        }
        self._cache: dict[tuple[str, str], tuple[int, int, int | None] | None] = {}

    def _parse(self, raw: str, lang: str) -> tuple[int, int, int | None] | None:
        key = (raw, lang)
        if key in self._cache:
            return self._cache[key]
        parser = self._parsers.get(lang, self._parsers["en"])
        data = parser.get_date_data(raw)
        result = None
        if data and data.date_obj:
            parts = getattr(data, "parts", None) or ()
            year = data.date_obj.year if "year" in parts else None
            result = (data.date_obj.month, data.date_obj.day, year)
        if len(self._cache) >= self._CACHE_MAX:
            self._cache.clear()
        self._cache[key] = result
        return result

    def find(
        self,
        text: str,
        folded: str,
        start: int,
        end: int,
        lang: str,
        published: date | None,
        years: tuple[int, ...] | ArticleDates = (),
    ) -> list[DateMention]:
        """The date expressions of ``folded[start:end]``. ``years`` is what the whole
        article says about its time (``article_dates``; a bare tuple of printed years
        is read as that alone)."""
        if not _ANY_DATE.search(folded, start, end):
            return []
        if isinstance(years, ArticleDates):
            ctx = years
        else:
            # the article's month-and-year mentions matter only without a publication date
            ctx = ArticleDates(years, _anchors(folded) if published is None else ())
        found: list[DateMention] = []
        taken: list[tuple[int, int]] = []
        for kind, regex in PATTERNS:
            for m in regex.finditer(folded, start, end):
                if any(m.start() < e and s < m.end() for s, e in taken):
                    continue
                mention = self._resolve(kind, m, text, lang, published, ctx)
                if mention is not None:
                    found.append(mention)
                    taken.append((m.start(), m.end()))
        found.sort(key=lambda d: d.start)
        return found

    def article_dates(
        self, folded: str, published: date | None, actor_keys: Iterable[str] = ()
    ) -> ArticleDates:
        """What the article says about its own time, read once per article. With a
        publication date, only the years it prints. Without one, also its month-and-year
        mentions, the first year of the armed groups it names (an article cannot be
        older than a group it names), the one year its yearless weekday-and-dates all
        fit, and the day it gives each weekday it dates."""
        years = article_years(folded)
        if published is not None:
            return ArticleDates(years)
        earliest, basis = _earliest_year(actor_keys)
        term = _term_in_office(folded)
        latest = latest_basis = None
        if term is not None:
            start, end, who = term
            if earliest is None or start > earliest:
                earliest, basis = start, who
            latest, latest_basis = end, who
        ctx = ArticleDates(years, _anchors(folded), earliest, basis, latest, latest_basis)
        stated: list[tuple[int, int, int, int | None]] = []  # weekday, month, day, year
        for m in _WEEKDAY_DATE.finditer(folded):
            month, day_num = _month_day(m)
            year = m.group("y1") or m.group("y2")
            stated.append((WEEKDAYS[m.group("wd")], month, day_num, int(year) if year else None))
        window = self._window(ctx)
        common: set[int] | None = None
        for weekday, month, day_num, year in stated:
            if year is None:
                fits = {y for y in window if _on_weekday(y, month, day_num, weekday)}
                common = fits if common is None else common & fits
        if common is not None and len(common) == 1:
            year = common.pop()
            days = [
                d
                for wd, mo, dn, y in stated
                if y is None and (d := _safe_date(year, mo, dn)) is not None
            ]
            ctx = replace(ctx, year=year, reference=max(days))
        by_weekday: dict[int, dict[date, str | None]] = {}
        for weekday, month, day_num, year in stated:
            d, why = (
                (_safe_date(year, month, day_num), None)
                if year is not None
                else self._infer_year(month, day_num, weekday, ctx)
            )
            if d is not None and d.weekday() == weekday:
                by_weekday.setdefault(weekday, {})[d] = why
        dated = tuple(
            (wd, *next(iter(ds.items()))) for wd, ds in by_weekday.items() if len(ds) == 1
        )
        return replace(ctx, weekday_days=dated)

    # --- resolution ------------------------------------------------------------
    def _resolve(
        self,
        kind: str,
        m: re.Match[str],
        text: str,
        lang: str,
        pub: date | None,
        ctx: ArticleDates,
    ) -> DateMention | None:
        """One date expression as a DateMention, by kind: a stated date
        (``_stated_date``), a stated date with its weekday (``_weekday_date``), a night
        or a span of days (``_span``), a year or a month (``_year_mention``,
        ``_month_mention``), or a word relative to the publication day
        (``_relative_mention``), which needs that day."""
        if kind == "explicit":
            return self._stated_date(m, text, lang, pub, ctx)
        if kind == "weekday_date":
            return self._weekday_date(m, text, lang, pub, ctx)
        if kind in ("night", "span"):
            return self._span(kind, m, pub, ctx)
        if kind == "weekday_day":
            return _weekday_day(m, pub)
        if kind == "numeric":
            return _numeric_date(m, lang, pub)
        if kind == "year":
            return _year_mention(m, pub)
        if kind == "month":
            return _month_mention(m, pub)
        if pub is None:
            return _dated_weekday(kind, m, ctx)
        return _relative_mention(kind, m, text, lang, pub)

    def _stated_date(
        self, m: re.Match[str], text: str, lang: str, pub: date | None, ctx: ArticleDates
    ) -> DateMention | None:
        """A stated date ("le 12 septembre 2021", "on March 3"): that day."""
        d, note, inferred = self._explicit(m, text, lang, pub), None, False
        if d is None and pub is None and not (m.group("y1") or m.group("y2")):
            month, day_num = _month_day(m)
            d, note = self._infer_year(month, day_num, None, ctx)
            inferred = d is not None
        elif d is None and pub is not None:
            return None  # after publication or no such day: impossible
        past_year = bool(d and pub and d.year < pub.year)
        return DateMention(
            "explicit",
            m.start(),
            m.end(),
            d,
            "day" if d else None,
            note,
            past_year=past_year,
            year_inferred=inferred,
        )

    def _weekday_date(
        self, m: re.Match[str], text: str, lang: str, pub: date | None, ctx: ArticleDates
    ) -> DateMention:
        """A date with its weekday ("dimanche 12 septembre"): the date when the weekday
        agrees; without a publication date, the one year in which it does; else the
        weekday before publication, with a note."""
        kind, s, e = "weekday_date", m.start(), m.end()
        stated = self._explicit(m, text, lang, pub)
        weekday = WEEKDAYS[m.group("wd")]
        if stated and stated.weekday() == weekday:
            return DateMention(kind, s, e, stated, "day")
        if pub is None:
            if stated is None:  # no year printed with it
                month, day_num = _month_day(m)
                inferred, note = self._infer_year(month, day_num, weekday, ctx)
                if inferred is not None:
                    return DateMention(kind, s, e, inferred, "day", note, year_inferred=True)
                return DateMention(kind, s, e, None, None, note)
            return DateMention(kind, s, e, None, None, "weekday and date disagree")
        d = _weekday_before(pub, weekday, strict=True)
        note = (
            f"the text says '{text[s:e].strip()}' but that date is not a "
            f"{_WEEKDAY_NAMES[weekday]}; used the {_WEEKDAY_NAMES[weekday]} "
            f"before publication"
        )
        return DateMention(kind, s, e, d, "day", note)

    def _span(
        self, kind: str, m: re.Match[str], pub: date | None, ctx: ArticleDates
    ) -> DateMention | None:
        """A night across two days or a span of days: the first day, ``latest`` the
        last. A printed day fixes the span (a missing month or year is the other
        side's, then as for a stated date); weekdays alone count back from
        publication. A night is two consecutive days; a span at most a month."""
        s, e = m.start(), m.end()
        wa, da, ma = _side(m.group("a"))
        wb, db, mb = _side(m.group("b"))
        year = int(m.group("y")) if m.group("y") else None
        ma, mb = ma or mb, mb or ma
        if ma is None and wa is None and wb is None:
            return None  # "between 20 and 30": a count, not days
        inferred, note = False, None
        first = last = None
        if db is not None or da is not None:
            if da is not None and db is not None and ma is None:
                # "les vendredi 27 et samedi 28": days of a month the text leaves out
                last = _day_with_weekday(pub, db, wb) if pub else None
                first = last - timedelta(days=db - da) if last and db > da else None
            else:
                known_side = (mb, db, wb) if db is not None else (ma, da, wa)
                month, known_day, weekday = known_side
                if month is None or known_day is None:
                    return None
                day_num = known_day
                if year is not None:
                    known = _safe_date(year, month, day_num)
                elif pub is not None:
                    known = _latest_on_or_before(pub, month, day_num)
                else:
                    known, note = self._infer_year(month, day_num, weekday, ctx)
                    inferred = known is not None
                if known is not None and pub is not None and known > pub:
                    return None
                if db is not None:
                    last = known
                    if da is not None and ma is not None and last is not None:
                        y = last.year - (1 if (ma, da) > (mb, db) else 0)
                        first = _safe_date(y, ma, da)
                    elif last is not None:
                        first = last - timedelta(days=1 if kind == "night" else 0)
                        if wa is not None and wb is not None:
                            first = last - timedelta(days=(wb - wa) % 7)
                else:
                    first = known
                    if first is not None:
                        gap = (wb - wa) % 7 if wa is not None and wb is not None else 1
                        last = first + timedelta(days=gap)
        elif wa is not None and wb is not None:
            gap = (wb - wa) % 7
            if pub is not None and gap:
                first = _weekday_before(pub, wa, strict=True)
                last = first + timedelta(days=gap)
                if last > pub:
                    first, last = first - timedelta(days=7), last - timedelta(days=7)
        else:
            return None
        if first is not None and last is not None:
            days = (last - first).days
            if days < 0 or days > 31 or (kind == "night" and days != 1):
                return None
        if first is None or last is None:
            return DateMention(kind, s, e, None, None, note)
        if kind == "night":
            night = "night across two days: the first evening, up to the next day"
            note = f"{night}; {note}" if note else night
        return DateMention(
            kind,
            s,
            e,
            first,
            "day",
            note,
            past_year=bool(pub and first.year < pub.year),
            latest=last,
            year_inferred=inferred,
        )

    def _window(self, ctx: ArticleDates) -> range:
        """Years an undated article can be about: from the latest year it prints to a few
        after; else the last fifteen years; never before the first year of an armed
        group it names (then up to this year when that is after the printed years)."""
        if ctx.years:
            lo, hi = max(ctx.years), max(ctx.years) + YEARS_AFTER_LATEST
        else:
            lo, hi = self.reference_year - DEFAULT_YEARS + 1, self.reference_year
        if ctx.earliest is not None and ctx.earliest > lo:
            lo = ctx.earliest
            hi = max(hi, self.reference_year) if lo > hi else hi
        if ctx.latest is not None and lo <= ctx.latest < hi:
            hi = ctx.latest  # a head of state named as in office: not after the term
        return range(lo, hi + 1)

    def _infer_year(
        self, month: int, day_num: int, weekday: int | None, ctx: ArticleDates
    ) -> tuple[date | None, str | None]:
        """A day and month with no year, in an article with no publication date. The
        year of the latest month-and-year the text prints ("since August 2023",
        "February 15, 2025"), when the day is not before that year's earliest printed
        month (the text's own period covers it) and agrees with its weekday, if any;
        else, with a weekday, the one year of the window it fits (``_year_from_weekday``);
        else no year."""
        if ctx.anchors:
            year = max(y for y, _ in ctx.anchors)
            earliest = min(mo for y, mo in ctx.anchors if y == year)
            candidate = _safe_date(year, month, day_num) if month >= earliest else None
            if candidate is not None and (weekday is None or candidate.weekday() == weekday):
                return candidate, (
                    f"no publication date: the year {year} is the latest year the text "
                    f"prints with a month"
                )
        if weekday is None:
            return self._near_article_year(month, day_num, ctx)
        window = self._window(ctx)
        fits = [
            d
            for y in window
            if (d := _safe_date(y, month, day_num)) is not None and d.weekday() == weekday
        ]
        since = _bounds_note(ctx, window)
        if len(fits) > 1 and ctx.year is not None:
            fits = [d for d in fits if d.year == ctx.year]
            if len(fits) == 1:
                return fits[0], (
                    f"no publication date: {ctx.year} is the only year in {min(window)}–"
                    f"{max(window)}{since} in which every weekday and date of the text agree"
                )
        if len(fits) > 1:
            years = ", ".join(str(d.year) for d in fits)
            return None, (
                f"no publication date, and {fits[0].day} {_MONTH_NAMES[fits[0].month - 1]} "
                f"was a {_WEEKDAY_NAMES[weekday]} in several years of {min(window)}–"
                f"{max(window)}{since}: {years}; no year chosen"
            )
        if not fits:
            return None, None
        inferred = fits[0]
        return inferred, (
            f"no publication date: the year {inferred.year} is the only one in "
            f"{min(window)}–{max(window)}{since} when {inferred.day} "
            f"{_MONTH_NAMES[inferred.month - 1]} was a {_WEEKDAY_NAMES[weekday]}"
        )

    @staticmethod
    def _near_article_year(
        month: int, day_num: int, ctx: ArticleDates
    ) -> tuple[date | None, str | None]:
        """A day and month with neither year nor weekday ("le 14 novembre") in an undated
        article whose weekday-and-dates fix one year: the reading nearest the latest of
        those days (the year before or after when the month is far from it)."""
        if ctx.year is None or ctx.reference is None:
            return None, None
        ref = ctx.reference
        readings = [
            d
            for y in (ctx.year - 1, ctx.year, ctx.year + 1)
            if (d := _safe_date(y, month, day_num))
        ]
        if not readings:
            return None, None
        best = min(readings, key=lambda d: abs((d - ref).days))
        return best, (
            f"no publication date: the year {best.year} from the text's weekdays and dates "
            f"(the nearest reading to {ref.day} {_MONTH_NAMES[ref.month - 1]} {ref.year})"
        )

    def _explicit(self, m: re.Match[str], text: str, lang: str, pub: date | None) -> date | None:
        """A stated date ("12 septembre 2021", "March 3"): the day, with the year as
        printed, else the latest year that puts it on or before publication; None
        without a year or publication date, after publication, or impossible."""
        day_g, month_g, year_g = ("d1", "m1", "y1") if m.group("m1") else ("d2", "m2", "y2")
        raw_start = min(m.start(day_g), m.start(month_g))
        raw_end = max(m.end(day_g), m.end(month_g), m.end(year_g) if m.group(year_g) else 0)
        raw = text[raw_start:raw_end].replace("1er", "1").replace("1st", "1")
        parsed = self._parse(raw, lang)
        if parsed is None:  # e.g. "29 February" outside a leap year: read the parts
            day_num = _day_number(m.group(day_g))
            parsed = (
                MONTHS[m.group(month_g)],
                day_num,
                int(m.group(year_g)) if m.group(year_g) else None,
            )
        month, day_num, year = parsed
        if year is None:
            if pub is None:
                return None
            return _latest_on_or_before(pub, month, day_num)
        d = _safe_date(year, month, day_num)
        if d is None or (pub is not None and d > pub):
            return None  # after publication: impossible
        return d


def _month_day(m: re.Match[str]) -> tuple[int, int]:
    """The month and day of an explicit-date match."""
    month_g, day_g = ("m1", "d1") if m.group("m1") else ("m2", "d2")
    return MONTHS[m.group(month_g)], _day_number(m.group(day_g))


def _side(raw: str) -> tuple[int | None, int | None, int | None]:
    """(weekday, day, month) of one side of a night or span ("jeudi 19 juillet")."""
    wd = next((WEEKDAYS[w] for w in re.findall(r"[a-z]+", raw) if w in WEEKDAYS), None)
    mo = next((MONTHS[w] for w in re.findall(r"[a-z]+", raw) if w in MONTHS), None)
    day = re.search(r"\d+", raw)
    return wd, int(day.group()) if day else None, mo


def _safe_date(year: int, month: int, day_num: int) -> date | None:
    try:
        return date(year, month, day_num)
    except ValueError:
        return None


def _bounds_note(ctx: ArticleDates, window: range) -> str:
    """What set the window's ends, for a note: " (not before 2016: msa, founded ...)"."""
    lo = ctx.earliest is not None and ctx.earliest == min(window)
    hi = ctx.latest is not None and ctx.latest == max(window)
    if lo and hi and ctx.earliest_basis == ctx.latest_basis:
        return f" ({ctx.latest_basis})"
    parts = [f"not before {ctx.earliest}: {ctx.earliest_basis}"] if lo else []
    parts += [f"not after {ctx.latest}: {ctx.latest_basis}"] if hi else []
    return f" ({'; '.join(parts)})" if parts else ""


def _on_weekday(year: int, month: int, day_num: int, weekday: int) -> bool:
    d = _safe_date(year, month, day_num)
    return d is not None and d.weekday() == weekday


def _dated_weekday(kind: str, m: re.Match[str], ctx: ArticleDates) -> DateMention:
    """A bare weekday ("lundi", "mardi dernier") in an undated article: the day the text
    gives that weekday elsewhere ("depuis ce lundi 12 septembre", "Mardi 15 janvier
    dernier") when it gives it one; else unresolved."""
    if kind in ("weekday", "last_weekday"):
        name = m.group("wd") if kind == "weekday" else m.group("wd") or m.group("wd2")
        weekday = WEEKDAYS[name]
        found = next(((d, why) for wd, d, why in ctx.weekday_days if wd == weekday), None)
        if found is not None:
            day, why = found
            note = (
                f"no publication date: the {_WEEKDAY_NAMES[weekday]} the text dates "
                f"elsewhere, {day.day} {_MONTH_NAMES[day.month - 1]} {day.year}"
            )
            if why:
                note += f" ({why.removeprefix('no publication date: ')})"
            return DateMention(kind, m.start(), m.end(), day, "day", note, year_inferred=True)
    return DateMention(kind, m.start(), m.end(), None, None)


def _latest_on_or_before(pub: date, month: int, day_num: int) -> date | None:
    """A day and month without a year: the latest such day on or before publication."""
    year = pub.year if (month, day_num) <= (pub.month, pub.day) else pub.year - 1
    return _safe_date(year, month, day_num)


def _day_with_weekday(pub: date | None, day_num: int, weekday: int | None) -> date | None:
    """A day of the month with no month ("samedi 28"): the latest such day on or before
    publication that falls on that weekday (within a year), else the latest such day."""
    if pub is None or not 1 <= day_num <= 31:
        return None
    first_seen = None
    year, month = pub.year, pub.month
    for _ in range(13):
        d = _safe_date(year, month, day_num)
        if d is not None and d <= pub:
            if weekday is None or d.weekday() == weekday:
                return d
            first_seen = first_seen or d
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return first_seen


def _numeric_date(m: re.Match[str], lang: str, pub: date | None) -> DateMention | None:
    """A date in digits: ISO year-month-day; else day first ("12/09/2022", as in French
    and most African English copy), month first only when the day-first reading is
    impossible; in English copy two readings that both fit are left unread."""
    if m.group("iy"):
        d = _safe_date(int(m.group("iy")), int(m.group("im")), int(m.group("id")))
    else:
        a, b, year = int(m.group("a")), int(m.group("b")), int(m.group("y"))
        day_first, month_first = _safe_date(year, b, a), _safe_date(year, a, b)
        if lang == "en" and day_first and month_first and a != b:
            return None
        d = day_first or month_first
    if d is None or (pub is not None and d > pub):
        return None
    return DateMention(
        "explicit", m.start(), m.end(), d, "day", past_year=bool(pub and d.year < pub.year)
    )


def _weekday_day(m: re.Match[str], pub: date | None) -> DateMention | None:
    """ "samedi 28": that day of the month on or before publication, on that weekday."""
    d = _day_with_weekday(pub, _day_number(m.group("d")), WEEKDAYS[m.group("wd")])
    if pub is not None and d is None:
        return None
    return DateMention(
        "weekday_day",
        m.start(),
        m.end(),
        d,
        "day" if d else None,
        past_year=bool(d and pub and d.year < pub.year),
    )


def _day_number(group: str) -> int:
    """The day a pattern's day group gives ("1er", "31st", "5"): its leading digits."""
    digits = re.match(r"\d+", group)
    if digits is None:
        raise ValueError(f"no day number in {group!r}")
    return int(digits.group())


def _year_mention(m: re.Match[str], pub: date | None) -> DateMention | None:
    """A year ("en 2019", "last year"): it only marks an earlier year (background)."""
    y = m.group("y")
    past = True if y is None else (pub is not None and int(y) < pub.year)
    if y is not None and not past and pub is not None:
        return None  # "in 2025" in a 2025 article says nothing useful
    return DateMention("year", m.start(), m.end(), None, None, past_year=past)


def _month_mention(m: re.Match[str], pub: date | None) -> DateMention:
    """A month ("en mars", "in March 2020"): the latest such month before publication."""
    s, e = m.start(), m.end()
    month = MONTHS[m.group("m")]
    if m.group("y"):
        year = int(m.group("y"))
    elif pub is None:
        return DateMention("month", s, e, None, None)
    else:
        year = pub.year if month <= pub.month else pub.year - 1
    past_year = bool(pub and year < pub.year)
    return DateMention("month", s, e, date(year, month, 15), "month", past_year=past_year)


_DAYS_BEFORE_PUBLICATION = {"today": 0, "yesterday": 1, "before_yesterday": 2}


def _relative_mention(
    kind: str, m: re.Match[str], text: str, lang: str, pub: date
) -> DateMention | None:
    """Words that count from the publication day: "hier", "mardi", "dans la nuit de
    samedi à dimanche", "la semaine dernière", "le mois dernier"."""
    s, e = m.start(), m.end()
    if kind in _DAYS_BEFORE_PUBLICATION:
        return DateMention(kind, s, e, pub - timedelta(days=_DAYS_BEFORE_PUBLICATION[kind]), "day")
    if kind == "weekday":
        prefix = text[s : m.start("wd")].strip().lower()
        # "ce lundi" on a Monday is that day; in English wire copy a bare weekday that
        # is the publication's own is that day ("the first drone strike Tuesday")
        same_day = prefix in ("ce", "this") or lang == "en"
        return DateMention(
            kind, s, e, _weekday_before(pub, WEEKDAYS[m.group("wd")], not same_day), "day"
        )
    if kind == "last_weekday":
        wd = WEEKDAYS[m.group("wd") or m.group("wd2")]
        return DateMention(kind, s, e, _weekday_before(pub, wd, strict=True), "day")
    if kind == "next_day":
        return DateMention(kind, s, e, None, "day")
    if kind == "ago":
        count = _count_word(m.group("n1") or m.group("n2"))
        if count is None:
            return None
        weeks = (m.group("u1") or m.group("u2")).startswith(("sem", "week"))
        back = timedelta(days=count * (7 if weeks else 1))
        return DateMention(kind, s, e, pub - back, "week" if weeks else "day")
    if kind == "new_year_eve":
        year = pub.year - 1 if (pub.month, pub.day) < (12, 31) else pub.year
        return DateMention(kind, s, e, date(year, 12, 31), "day", past_year=year < pub.year)
    if kind == "weekend":
        # the Saturday and Sunday last past (a Sunday paper's weekend is its own)
        saturday = _weekday_before(pub, 5, strict=pub.weekday() != 6)
        return DateMention(kind, s, e, saturday, "day", latest=saturday + timedelta(days=1))
    if kind == "this_week":
        # the publication's own week so far (ACLED's middle of it); a day named further
        # down refines it
        monday = pub - timedelta(days=pub.weekday())
        middle = monday + (pub - monday) / 2
        return DateMention(kind, s, e, middle, "week", loose_until=pub)
    if kind == "last_week":
        # the previous Monday–Sunday; in wire copy "last week" is also the seven days
        # just past, so a day named further down up to publication refines it
        monday = pub - timedelta(days=pub.weekday() + 7)
        return DateMention(kind, s, e, monday + timedelta(days=3), "week", loose_until=pub)
    if kind == "this_month":
        return DateMention(kind, s, e, date(pub.year, pub.month, 15), "month")
    if kind == "last_month":
        first = date(pub.year, pub.month, 1) - timedelta(days=1)
        return DateMention(kind, s, e, date(first.year, first.month, 15), "month")
    return None


_WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
YEARS_AFTER_LATEST = 3  # an article is written in or soon after the latest year it prints
DEFAULT_YEARS = 15  # with no year printed: the last fifteen years


_COUNT_WORDS = {
    "un": 1,
    "une": 1,
    "a": 1,
    "an": 1,
    "one": 1,
    "deux": 2,
    "two": 2,
    "trois": 3,
    "three": 3,
    "quatre": 4,
    "four": 4,
    "cinq": 5,
    "five": 5,
    "six": 6,
    "sept": 7,
    "seven": 7,
    "huit": 8,
    "eight": 8,
    "dix": 10,
    "ten": 10,
}
# ("a few days ago", "il y a quelques jours" are too vague to date anything)


def _count_word(word: str) -> int | None:
    return int(word) if word.isdigit() else _COUNT_WORDS.get(word)


ACTOR_YEARS = Path(__file__).resolve().parent.parent / "data" / "actor_years.json"


@lru_cache(maxsize=1)
def _actor_first_years() -> dict[str, tuple[int, str]]:
    """actor key -> (first year active in the three countries, why), from
    incidents/data/actor_years.json."""
    if not ACTOR_YEARS.exists():
        return {}
    data = json.loads(ACTOR_YEARS.read_text(encoding="utf-8"))
    return {key: (int(v[0]), str(v[1])) for key, v in data["first_year"].items()}


def _earliest_year(actor_keys: Iterable[str]) -> tuple[int | None, str | None]:
    """The latest first-active year among the named actors, with its reason."""
    known = _actor_first_years()
    found = [(known[k][0], k, known[k][1]) for k in set(actor_keys) if k in known]
    if not found:
        return None, None
    year, key, why = max(found)
    return year, f"{key}, {why}"


OFFICE_HOLDERS = Path(__file__).resolve().parent.parent / "data" / "office_holders.json"
# "le président burkinabè, le lieutenant-colonel X", "President X", "the junta led by
# Colonel X": a head of state named as in office (the title within a few words before)
_TITLE_BEFORE = re.compile(
    r"\b(?:president\w*|chef\s+de\s+l'etat|head\s+of\s+state|chef\s+de\s+la\s+(?:junte|"
    r"transition)|junta\s+(?:leader|chief)|led\s+by|dirigee?\s+par)\b[^.;]{0,45}$"
)
# "X, président de la transition", "X, the junta leader"
_TITLE_AFTER = re.compile(
    r",?\s+(?:le\s+|the\s+)?(?:president\w*|chef\s+de|head\s+of|junta\s+leader|"
    r"transitional\s+leader)\b"
)
# not in office when the text says so: "l'ancien président", "overthrew President X"
_NOT_IN_OFFICE = re.compile(
    r"\b(?:ancien|former|ex|feu|late|defunt|deposed|overthr\w*|oust\w*|renvers\w*|dechu|"
    r"toppl\w*|destitu\w*|succede\w*|succeeded|replaced|remplace\w*)\b"
)


@lru_cache(maxsize=1)
def _office_holders() -> tuple[tuple[re.Pattern[str], int, int | None, str], ...]:
    """(name pattern, first year, last year or None, name) for each head of state in
    incidents/data/office_holders.json."""
    if not OFFICE_HOLDERS.exists():
        return ()
    from .text import fold

    data = json.loads(OFFICE_HOLDERS.read_text(encoding="utf-8"))
    out = []
    for h in data["holders"]:
        names = sorted((fold(n) for n in h["names"]), key=len, reverse=True)
        pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b")
        out.append((pattern, int(h["from"]), h["until"], h["names"][0]))
    return tuple(out)


def _term_in_office(folded: str) -> tuple[int, int | None, str] | None:
    """The term (first year, last year or None, why) of the heads of state the text
    names as in office; None when it names none, or terms that do not overlap."""
    lo, hi, who = None, None, []
    for pattern, start, end, name in _office_holders():
        for m in pattern.finditer(folded):
            before = folded[max(0, m.start() - 60) : m.start()]
            titled = _TITLE_BEFORE.search(before) or _TITLE_AFTER.match(folded, m.end())
            if not titled or _NOT_IN_OFFICE.search(before):
                continue
            lo = start if lo is None else max(lo, start)
            hi = end if hi is None else (min(hi, end) if end is not None else hi)
            who.append(f"{name} named as in office ({start}–{end or 'today'})")
            break
    if lo is None or (hi is not None and hi < lo):
        return None
    return lo, hi, "; ".join(who)


def article_years(folded: str) -> tuple[int, ...]:
    """Every year the text prints (for ``_year_from_weekday``)."""
    return tuple(int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", folded))


def _weekday_before(pub: date, weekday: int, strict: bool) -> date:
    back = (pub.weekday() - weekday) % 7
    if back == 0 and strict:
        back = 7
    return pub - timedelta(days=back)


# "après avoir massacré ... les vendredi 27 et samedi 28, ils ont récidivé ce mardi":
# a date inside a clause about what came before gives way to the main clause's date
_PRIOR_CLAUSE = re.compile(
    r"\b(?:apres\s+avoir|apres\s+(?:l'|la\s|le\s|les\s|une?\s)|after\s+having|"
    r"after\s+(?:the|an?|their|its)\s|following\s+(?:the|an?)\s|a\s+la\s+suite\s+d|"
    r"suite\s+a\s|days?\s+after|jours?\s+apres)"
)


# "Samedi, l'armée a annoncé avoir tué dix terroristes", "On Tuesday, the ministry said
# that ...": a day that opens the sentence and is followed at once by who spoke and a
# reporting verb dates the statement, not the event it reports
_OPENING_REPORT = re.compile(
    r"[ ,]*(?:(?:l'|le |la |les |the |an? |une? )?[\w'-]+ +){1,5}?"
    r"(?:(?:a|ont|has|have) +)?(?:said|says|announced|reported|stated|claimed|annonce|indique|"
    r"declare|affirme|revendique|rapporte)\b"
)


def report_opening(folded: str, sentence_start: int, start: int, end: int) -> bool:
    """Whether the date at ``folded[start:end]`` opens its sentence and is followed by a
    reporting clause (subject and verb): then it is when something was said."""
    if folded[sentence_start:start].strip(" \t\n\"'«“(-") != "":
        return False
    return _OPENING_REPORT.match(folded, end) is not None


# "Les obsèques des trois jeunes tués ... ont eu lieu samedi dernier", "the funeral of
# the soldiers was held on Monday": the day of the funeral is the aftermath's, not the
# day of the deaths the sentence recalls
_AFTERMATH_HELD = re.compile(
    r"\b(?:obseques|funerailles|inhumations?|enterrements?|funerals?|burials?)\b[^.;]{0,160}?"
    r"\b(?:ont\s+eu\s+lieu|a\s+eu\s+lieu|se\s+sont\s+deroulee?s|s'est\s+deroulee?|"
    r"took\s+place|was\s+held|were\s+held)\s+(?:\w+\s+){0,3}?$"
)


def dates_the_aftermath(folded: str, sentence_start: int, start: int) -> bool:
    """Whether the date at ``start`` is when a funeral or burial was held ("ont eu lieu
    samedi dernier"): the aftermath, never the event's own day."""
    return _AFTERMATH_HELD.search(folded, sentence_start, start) is not None


def main_clause_date(
    folded: str, sentence_start: int, candidates: list[DateMention]
) -> DateMention | None:
    """The event date of a sentence among its candidate (non-report) dates, in text
    order: the first, unless it sits in a clause about an earlier event ("après avoir
    ...", "after the attack on Monday, ...") and a later date follows."""
    if not candidates:
        return None
    first = candidates[0]
    if len(candidates) > 1 and _PRIOR_CLAUSE.search(folded, sentence_start, first.start):
        return candidates[1]
    return first


def date_basis(
    mention: DateMention | None, expression: str | None, pub: date | None
) -> dict[str, str | None]:
    """How an incident's date was reached, for the output's ``date_basis``:
    ``resolved`` is ``stated`` (the text prints the year), ``publication`` (counted from
    the publication date), ``inferred_year`` (no publication date: the year comes from
    the text, see ``note``), or ``unresolved`` (a relative expression and no
    publication date to count from)."""
    if mention is None:
        return {"expression": None, "resolved": None, "note": None}
    if mention.date is None:
        why = (
            mention.note or "no publication date to resolve it against"
            if pub is None
            else "the expression gives no day"
        )
        return {"expression": expression, "resolved": "unresolved", "note": why}
    if mention.year_inferred:
        resolved = "inferred_year"
    elif pub is None:
        resolved = "stated"
    elif mention.kind in ("explicit", "weekday_date", "night", "span", "month") and re.search(
        _YEAR, expression or ""
    ):
        resolved = "stated"
    else:
        resolved = "publication"
    return {"expression": expression, "resolved": resolved, "note": mention.note}
