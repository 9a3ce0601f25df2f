from datetime import date

import pytest

from incidents.extraction.dates import DateResolver
from incidents.extraction.text import fold

SUNDAY = date(2025, 2, 9)


@pytest.fixture(scope="module")
def resolver():
    return DateResolver(reference_year=2026)  # undated articles: about 2012-2026


def first(resolver, text, lang="en", pub=SUNDAY):
    folded = fold(text)
    found = [d for d in resolver.find(text, folded, 0, len(text), lang, pub) if d.kind != "year"]
    return found[0] if found else None


@pytest.mark.parametrize(
    ("text", "lang", "expected", "precision"),
    [
        ("attacked on Friday", "en", date(2025, 2, 7), "day"),
        ("on Saturday (February 8)", "en", date(2025, 2, 8), "day"),
        ("last week", "en", date(2025, 1, 30), "week"),
        ("earlier this month", "en", date(2025, 2, 15), "month"),
        ("le 7 février", "fr", date(2025, 2, 7), "day"),
        ("on 7 February", "en", date(2025, 2, 7), "day"),
        ("February 7", "en", date(2025, 2, 7), "day"),
        ("vendredi", "fr", date(2025, 2, 7), "day"),
        ("hier", "fr", date(2025, 2, 8), "day"),
    ],
)
def test_dates_resolve_against_publication(resolver, text, lang, expected, precision):
    d = first(resolver, text, lang)
    assert (d.date, d.precision) == (expected, precision)


def test_last_week_is_the_thursday_of_the_previous_week(resolver):
    d = first(resolver, "la semaine dernière", "fr", date(2024, 12, 9))
    assert (d.date, d.precision) == (date(2024, 12, 5), "week")


def test_night_of_thursday_to_friday_is_dated_by_the_day_it_ended(resolver):
    d = first(resolver, "dans la nuit de jeudi à vendredi", "fr")
    assert d.date == date(2025, 2, 7)
    assert "night" in d.note


def test_a_weekday_is_strictly_before_publication(resolver):
    assert first(resolver, "dimanche", "fr", pub=SUNDAY).date == date(2025, 2, 2)
    assert first(resolver, "on Saturday", pub=SUNDAY).date == date(2025, 2, 8)


def test_the_publications_own_weekday_is_that_day_when_said_so(resolver):
    """ "ce dimanche" in a Sunday paper, and English wire copy's bare "Sunday"."""
    assert first(resolver, "ce dimanche", "fr", pub=SUNDAY).date == SUNDAY
    assert first(resolver, "early on Sunday", pub=SUNDAY).date == SUNDAY


def test_without_publication_the_year_comes_from_the_weekday_when_only_one_fits(resolver):
    # 12 September was a Sunday in 2021 and in no other year of 2012-2026
    d = first(resolver, "ce dimanche 12 septembre", "fr", pub=None)
    assert d.date == date(2021, 9, 12) and "2021" in d.note
    # 31 May: a Sunday in 2015, 2020 and 2026; the text's latest year (2019) decides
    text = "Depuis 2019, la zone est instable. L'attaque a eu lieu le dimanche 31 mai."
    found = resolver.find(text, fold(text), 0, len(text), "fr", None, (2019,))
    assert [d.date for d in found if d.kind == "weekday_date"] == [date(2020, 5, 31)]
    # 12 July: a Tuesday in 2016 and 2022: no year
    assert first(resolver, "le mardi 12 juillet", "fr", pub=None).date is None


def test_weekday_and_date_disagree_weekday_wins_and_says_so(resolver):
    d = first(resolver, "on Tuesday, March 5, gunmen attacked", pub=date(2025, 3, 6))
    assert d.date == date(2025, 3, 4)
    assert "not a Tuesday" in d.note


def test_without_publication_only_full_dates_resolve(resolver):
    assert first(resolver, "on Friday", pub=None).date is None
    assert (
        first(resolver, "le 7 février", "fr", pub=None) is None
        or first(resolver, "le 7 février", "fr", pub=None).date is None
    )
    assert first(resolver, "on 7 February 2025", pub=None).date == date(2025, 2, 7)


def test_dates_after_publication_are_ignored(resolver):
    assert first(resolver, "on 20 February 2025") is None


def test_a_missing_year_keeps_the_date_before_publication(resolver):
    assert first(resolver, "on 20 December").date == date(2024, 12, 20)


def test_background_month_and_year_markers(resolver):
    folded = fold("last year in September")
    found = resolver.find("last year in September", folded, 0, len(folded), "en", SUNDAY)
    assert [d.kind for d in found] == ["year", "month"]
    assert found[1].date == date(2024, 9, 15) and found[1].past_year


def test_days_and_weeks_ago_count_back_from_publication(resolver):
    assert first(resolver, "il y a deux jours", "fr", pub=SUNDAY).date == date(2025, 2, 7)
    assert first(resolver, "three days ago", pub=SUNDAY).date == date(2025, 2, 6)
    d = first(resolver, "il y a une semaine environ", "fr", pub=SUNDAY)
    assert (d.date, d.precision) == (date(2025, 2, 2), "week")


def test_new_years_eve_is_the_last_31_december(resolver):
    d = first(resolver, "on New Year's Eve night", pub=SUNDAY)
    assert d.date == date(2024, 12, 31) and d.past_year
