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
- "dans la nuit de jeudi à vendredi" / "overnight Thursday to Friday": the night's
  second day (Friday) — most night attacks happen after midnight, and the corpus
  labels follow this rule.
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

import re
from dataclasses import dataclass
from datetime import date, timedelta

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
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "night",
        re.compile(
            rf"\b(?:(?:dans\s+)?la\s+nuit\s+(?:de|du)\s+(?P<a>{_WD})\s+(?:a|au)\s+(?P<b>{_WD})"
            rf"|(?:overnight|(?:in\s+)?the\s+night\s+(?:of|from))\s+(?P<a2>{_WD})\s+(?:to|into)\s+"
            rf"(?P<b2>{_WD}))\b"
        ),
    ),
    (
        "weekday_date",
        re.compile(
            rf"\b(?:on\s+|le\s+|ce\s+)?(?P<wd>{_WD})\s*(?:,|\()?\s*(?:the\s+|le\s+)?{_EXPLICIT}\)?(?!\w)"
        ),
    ),
    ("explicit", re.compile(rf"\b(?:on\s+|le\s+|du\s+|the\s+)?{_EXPLICIT}(?!\w)")),
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
    rf"sylvestre|reveillon|{_YEAR})\b"
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
        years: tuple[int, ...] = (),
    ) -> list[DateMention]:
        if not _ANY_DATE.search(folded, start, end):
            return []
        found: list[DateMention] = []
        taken: list[tuple[int, int]] = []
        for kind, regex in PATTERNS:
            for m in regex.finditer(folded, start, end):
                if any(m.start() < e and s < m.end() for s, e in taken):
                    continue
                mention = self._resolve(kind, m, text, lang, published, years)
                if mention is not None:
                    found.append(mention)
                    taken.append((m.start(), m.end()))
        found.sort(key=lambda d: d.start)
        return found

    # --- resolution ------------------------------------------------------------
    def _resolve(
        self,
        kind: str,
        m: re.Match[str],
        text: str,
        lang: str,
        pub: date | None,
        years: tuple[int, ...] = (),
    ) -> DateMention | None:
        """One date expression as a DateMention, by kind: a stated date
        (``_stated_date``), a stated date with its weekday (``_weekday_date``), a year or a
        month (``_year_mention``, ``_month_mention``), or a word relative to the
        publication day (``_relative_mention``), which needs that day."""
        if kind == "explicit":
            return self._stated_date(m, text, lang, pub)
        if kind == "weekday_date":
            return self._weekday_date(m, text, lang, pub, years)
        if kind == "year":
            return _year_mention(m, pub)
        if kind == "month":
            return _month_mention(m, pub)
        if pub is None:
            return DateMention(kind, m.start(), m.end(), None, None)
        return _relative_mention(kind, m, text, lang, pub)

    def _stated_date(
        self, m: re.Match[str], text: str, lang: str, pub: date | None
    ) -> DateMention | None:
        """A stated date ("le 12 septembre 2021", "on March 3"): that day."""
        stated = self._explicit(m, text, lang, pub)
        if stated is None:
            return None
        d, note = stated
        past_year = bool(d and pub and d.year < pub.year)
        return DateMention(
            "explicit", m.start(), m.end(), d, "day" if d else None, note, past_year=past_year
        )

    def _weekday_date(
        self, m: re.Match[str], text: str, lang: str, pub: date | None, years: tuple[int, ...]
    ) -> DateMention:
        """A date with its weekday ("dimanche 12 septembre"): the date when the weekday
        agrees; without a publication date, the one year in which it does; else the
        weekday before publication, with a note."""
        kind, s, e = "weekday_date", m.start(), m.end()
        stated = self._explicit(m, text, lang, pub)
        weekday = WEEKDAYS[m.group("wd")]
        if stated and stated[0] and stated[0].weekday() == weekday:
            return DateMention(kind, s, e, stated[0], "day")
        if pub is None:
            inferred = self._year_from_weekday(m, weekday, years)
            if inferred is not None:
                return DateMention(
                    kind,
                    s,
                    e,
                    inferred,
                    "day",
                    f"no publication date: the year {inferred.year} is the only one in "
                    f"{min(self._window(years))}–{max(self._window(years))} when "
                    f"{inferred.day} {_MONTH_NAMES[inferred.month - 1]} was a "
                    f"{_WEEKDAY_NAMES[weekday]}",
                )
            return DateMention(kind, s, e, None, None, "weekday and date disagree")
        d = _weekday_before(pub, weekday, strict=True)
        note = (
            f"the text says '{text[s:e].strip()}' but that date is not a "
            f"{_WEEKDAY_NAMES[weekday]}; used the {_WEEKDAY_NAMES[weekday]} "
            f"before publication"
        )
        return DateMention(kind, s, e, d, "day", note)

    def _window(self, years: tuple[int, ...]) -> range:
        """Years an undated article can be about: from the latest year it prints to a few
        after; else the last fifteen years."""
        if years:
            return range(max(years), max(years) + YEARS_AFTER_LATEST + 1)
        return range(self.reference_year - DEFAULT_YEARS + 1, self.reference_year + 1)

    def _year_from_weekday(
        self, m: re.Match[str], weekday: int, years: tuple[int, ...]
    ) -> date | None:
        """ "dimanche 31 mai" with no year and no publication date: the one year of the
        window (``_window``) in which that day is that weekday, if there is only one."""
        month_g, day_g = ("m1", "d1") if m.group("m1") else ("m2", "d2")
        month = MONTHS[m.group(month_g)]
        day_num = _day_number(m.group(day_g))
        fits = []
        for year in self._window(years):
            try:
                candidate = date(year, month, day_num)
            except ValueError:
                continue
            if candidate.weekday() == weekday:
                fits.append(candidate)
        return fits[0] if len(fits) == 1 else None

    def _explicit(
        self, m: re.Match[str], text: str, lang: str, pub: date | None
    ) -> tuple[date | None, str | None] | None:
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
                return None, None
            year = pub.year if (month, day_num) <= (pub.month, pub.day) else pub.year - 1
        try:
            d = date(year, month, day_num)
        except ValueError:
            return None
        if pub is not None and d > pub:
            return None  # after publication: impossible
        return d, None


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
    if kind == "night":
        wd = WEEKDAYS[m.group("a") or m.group("a2")]
        wd_end = WEEKDAYS[m.group("b") or m.group("b2")]
        if (wd_end - wd) % 7 != 1:
            return None
        d = _weekday_before(pub, wd_end, strict=True)
        return DateMention(kind, s, e, d, "day", "night attack: dated by the day it ended")
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
    if kind == "last_week":
        monday = pub - timedelta(days=pub.weekday() + 7)
        return DateMention(kind, s, e, monday + timedelta(days=3), "week")
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


def article_years(folded: str) -> tuple[int, ...]:
    """Every year the text prints (for ``_year_from_weekday``)."""
    return tuple(int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", folded))


def _weekday_before(pub: date, weekday: int, strict: bool) -> date:
    back = (pub.weekday() - weekday) % 7
    if back == 0 and strict:
        back = 7
    return pub - timedelta(days=back)
