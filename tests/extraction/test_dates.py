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


def test_a_night_across_two_days_gives_its_first_evening_and_the_next_day(resolver):
    d = first(resolver, "dans la nuit de jeudi à vendredi", "fr")
    assert (d.date, d.latest, d.precision) == (date(2025, 2, 6), date(2025, 2, 7), "day")
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


# --- nights, spans of days, days without a month (sentences written for these tests) ---
TUESDAY = date(2025, 3, 11)


@pytest.mark.parametrize(
    ("text", "lang", "first_day", "last_day"),
    [
        ("des hommes armés ont frappé dans la nuit de samedi à dimanche", "fr", 8, 9),
        ("le poste a été attaqué dans la nuit du 4 au 5 mars", "fr", 4, 5),
        ("dans la nuit de jeudi à vendredi 7 mars, un village a été pillé", "fr", 6, 7),
        ("dans la nuit du lundi 3 mars au mardi 4 mars vers 23 heures", "fr", 3, 4),
        ("gunmen struck overnight Friday to Saturday", "en", 7, 8),
        ("in the night from Sunday to Monday the camp was shelled", "en", 9, 10),
        ("on the night of March 1 to 2, a convoy was hit", "en", 1, 2),
    ],
)
def test_a_night_gives_its_first_evening_and_next_day(resolver, text, lang, first_day, last_day):
    d = first(resolver, text, lang, pub=TUESDAY)
    assert d.kind == "night"
    assert (d.date, d.latest, d.precision) == (
        date(2025, 3, first_day),
        date(2025, 3, last_day),
        "day",
    )


def test_a_night_that_ended_on_the_publication_day_is_that_night(resolver):
    # a Tuesday paper: "de lundi à mardi" is the night just past, not a week before
    d = first(resolver, "dans la nuit de lundi à mardi", "fr", pub=TUESDAY)
    assert (d.date, d.latest) == (date(2025, 3, 10), TUESDAY)


def test_a_night_with_its_year_resolves_without_a_publication_date(resolver):
    d = first(resolver, "dans la nuit du 14 au 15 juin 2019, un poste a été attaqué", "fr", None)
    assert (d.date, d.latest, d.year_inferred) == (date(2019, 6, 14), date(2019, 6, 15), False)


@pytest.mark.parametrize(
    ("text", "lang", "first_day", "last_day"),
    [
        ("des combats du 2 au 4 mars autour du camp", "fr", (3, 2), (3, 4)),
        ("les attaques des samedi 1er et dimanche 2", "fr", (3, 1), (3, 2)),
        ("fighting on Saturday and Sunday near the border", "en", (3, 8), (3, 9)),
        ("clashes from March 5 to March 7", "en", (3, 5), (3, 7)),
        ("raids on 27-28 February", "en", (2, 27), (2, 28)),
    ],
)
def test_a_span_of_days_gives_its_first_and_last_day(resolver, text, lang, first_day, last_day):
    d = first(resolver, text, lang, pub=TUESDAY)
    assert d.kind == "span"
    assert (d.date, d.latest) == (date(2025, *first_day), date(2025, *last_day))


@pytest.mark.parametrize(
    "text", ["between 20 and 30 people were killed", "entre 12 et 15 morts", "15-20 wounded"]
)
def test_a_range_of_counts_is_not_a_span_of_days(resolver, text):
    assert first(resolver, text, "fr" if "morts" in text else "en", pub=TUESDAY) is None


def test_a_weekday_with_a_day_but_no_month_is_the_latest_such_day(resolver):
    d = first(resolver, "l'attaque de vendredi 28, selon des témoins", "fr", pub=TUESDAY)
    assert (d.kind, d.date) == ("weekday_day", date(2025, 2, 28))
    # a weekday then a count is a weekday and a count, not a day of the month
    d = first(resolver, "mardi 3 soldats ont été tués", "fr", pub=TUESDAY)
    assert (d.kind, d.date) == ("weekday", date(2025, 3, 4))


# --- the year of an undated article ---------------------------------------------------
def _all(resolver, text, lang="en", pub=None, years=()):
    return resolver.find(text, fold(text), 0, len(text), lang, pub, years)


def test_without_publication_a_day_takes_the_year_of_the_texts_dated_period(resolver):
    text = (
        "Raids have displaced thousands since March 2022. "
        "The market was hit on 4 June, and a village on 19 April."
    )
    found = {d.date: d for d in _all(resolver, text) if d.kind == "explicit"}
    assert set(found) == {date(2022, 6, 4), date(2022, 4, 19)}
    assert all(d.year_inferred and "2022" in d.note for d in found.values())


def test_a_day_before_the_texts_dated_period_or_a_bare_year_gives_no_year(resolver):
    # "since June 2021": 2 February could be 2022 or later
    text = "Violence has grown since June 2021. The camp was attacked on 2 February."
    assert [d.date for d in _all(resolver, text) if d.kind == "explicit"] == [None]
    # "depuis 2015" is a year without a month: it fixes no year for "le 9 avril"
    text = "Le pays est en guerre depuis 2015. Le village a été attaqué le 9 avril."
    assert [d.date for d in _all(resolver, text, "fr") if d.kind == "explicit"] == [None]


def test_with_a_publication_date_the_text_never_sets_the_year(resolver):
    text = "Since March 2022 the area is unsafe. The market was hit on 4 June."
    found = [d for d in _all(resolver, text, pub=TUESDAY) if d.kind == "explicit"]
    assert [(d.date, d.year_inferred) for d in found] == [(date(2024, 6, 4), False)]


@pytest.mark.parametrize(
    ("text", "lang", "first_day", "last_day"),
    [
        ("des pillages pendant tout le week-end", "fr", date(2025, 3, 8), date(2025, 3, 9)),
        ("gunmen raided the village over the weekend", "en", date(2025, 3, 8), date(2025, 3, 9)),
    ],
)
def test_the_weekend_is_the_saturday_and_sunday_last_past(
    resolver, text, lang, first_day, last_day
):
    d = first(resolver, text, lang, pub=TUESDAY)
    assert (d.date, d.latest) == (first_day, last_day)


def test_this_week_is_the_publications_week_so_far(resolver):
    d = first(resolver, "l'attaque survenue en début de semaine", "fr", pub=date(2025, 3, 13))
    assert (d.kind, d.precision) == ("this_week", "week")
    assert date(2025, 3, 10) <= d.date <= date(2025, 3, 13)
    # without a publication date it names no day, but it is a date of its own
    d = first(resolver, "l'attaque survenue en début de semaine", "fr", pub=None)
    assert (d.kind, d.date) == ("this_week", None)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("le 12/09/2022, des hommes armés", "fr", date(2022, 9, 12)),
        ("l'attaque du 31.12.2021", "fr", date(2021, 12, 31)),
        ("on 25/09/2022 gunmen", "en", date(2022, 9, 25)),
        ("on 09/25/2022 gunmen", "en", date(2022, 9, 25)),
        ("report of 2022-09-12", "en", date(2022, 9, 12)),
    ],
)
def test_a_date_in_digits_is_a_stated_date(resolver, text, lang, expected):
    assert first(resolver, text, lang, pub=None).date == expected


def test_a_date_in_digits_that_reads_both_ways_in_english_is_left_unread(resolver):
    # 12/09: 12 September or December 9 (US order): no day rather than a wrong one
    assert first(resolver, "on 12/09/2022 gunmen", "en", pub=None) is None


# --- the year an undated article implies ------------------------------------------------
def _article(resolver, text, lang="fr", actors=()):
    folded = fold(text)
    ctx = resolver.article_dates(folded, None, actors)
    return [d for d in resolver.find(text, folded, 0, len(text), lang, None, ctx) if d.date]


def test_a_named_group_rules_out_years_before_it_existed(resolver):
    # 20 January was a Sunday in 2013 and in 2019; the MSA was founded in 2016
    text = "Le dimanche 20 janvier, des combattants du MSA ont repoussé une attaque."
    assert [d.date for d in _article(resolver, text)] == []
    [d] = _article(resolver, text, actors={"msa"})
    assert d.date == date(2019, 1, 20) and d.year_inferred
    assert "2016" in d.note and "msa" in d.note
    # a group with no known first year, or a state army, narrows nothing
    assert _article(resolver, text, actors={"malian-armed-forces"}) == []


def test_the_weekdays_and_dates_of_one_text_agree_on_one_year(resolver):
    # Saturday 20 January: 2018 or 2024; Thursday 12 April: 2012 or 2018; together 2018
    text = (
        "Le samedi 20 janvier, un camion a sauté sur une mine près de Bourem. "
        "Le jeudi 12 avril, une nouvelle attaque a visé le poste de la ville."
    )
    found = _article(resolver, text)
    assert [d.date for d in found] == [date(2018, 1, 20), date(2018, 4, 12)]
    assert all("every weekday and date" in d.note for d in found)
    # one of them alone leaves two years: no date, and the note names both
    alone = text.split(". ")[0] + "."
    assert _article(resolver, alone) == []
    folded = fold(alone)
    [d] = resolver.find(
        alone, folded, 0, len(alone), "fr", None, resolver.article_dates(folded, None)
    )
    assert d.date is None and "2018, 2024; no year chosen" in d.note


def test_a_day_without_weekday_takes_the_year_the_texts_weekdays_fix(resolver):
    text = (
        "L'attaque a eu lieu le 20 janvier près de Bourem. Le samedi 20 janvier au soir, "
        "les blessés ont été évacués ; le jeudi 12 avril, le camp a de nouveau été visé."
    )
    found = {d.kind: d for d in _article(resolver, text)}
    assert found["explicit"].date == date(2018, 1, 20)
    assert found["explicit"].year_inferred and "2018" in found["explicit"].note


def test_a_bare_weekday_is_the_day_the_text_gives_that_weekday(resolver):
    # "lundi" alone has no day without a publication date, unless the text dates a Monday
    text = (
        "Deux soldats ont été tués lundi dans l'attaque d'un poste. Depuis ce lundi "
        "13 février 2023, le ministre exerce la fonction par intérim."
    )
    d = _article(resolver, text)[0]
    assert (d.kind, d.date, d.year_inferred) == ("weekday", date(2023, 2, 13), True)
    assert "Monday the text dates elsewhere" in d.note
    text2 = "Le village a été attaqué mardi dernier. L'attaque du mardi 14 février 2023..."
    d = _article(resolver, text2)[0]
    assert (d.kind, d.date) == ("last_weekday", date(2023, 2, 14))
    # two different Mondays in the text: a bare "lundi" stays without a day
    text += " Le lundi 6 mars 2023, une autre attaque a eu lieu."
    assert [d.kind for d in _article(resolver, text)] == ["weekday_date", "weekday_date"]


def test_with_a_publication_date_the_texts_weekdays_change_nothing(resolver):
    text = "Deux soldats ont été tués lundi. Depuis ce lundi 13 février 2023, le ministre..."
    folded = fold(text)
    ctx = resolver.article_dates(folded, date(2023, 2, 22), ())
    found = resolver.find(text, folded, 0, len(text), "fr", date(2023, 2, 22), ctx)
    assert found[0].date == date(2023, 2, 20)  # the Monday before publication


def test_a_head_of_state_named_in_office_bounds_the_year(resolver):
    # 10 October was a Monday in 2016 and in 2022; Mohamed Bazoum was president 2021-2023
    text = (
        "Le lundi 10 octobre, des hommes armés ont attaqué un poste près de Tillabéri. Le "
        "président nigérien, Mohamed Bazoum, a dénoncé une attaque lâche."
    )
    [d] = [d for d in _article(resolver, text) if d.kind == "weekday_date"]
    assert d.date == date(2022, 10, 10)
    assert "Mohamed Bazoum named as in office" in d.note
    # named as deposed, or without a title, he dates nothing
    for other in (
        "Le lundi 10 octobre, des hommes armés ont attaqué un poste. Le général Tiani a renversé "
        "le président Mohamed Bazoum en juillet.",
        "Le lundi 10 octobre, des hommes armés ont attaqué un poste. Mohamed Bazoum a réagi.",
        "Le lundi 10 octobre, des hommes armés ont attaqué un poste. L'ancien président "
        "Mohamed Bazoum a réagi.",
    ):
        assert [d.date for d in _article(resolver, other)] == [], other
