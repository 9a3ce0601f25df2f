import pytest

from incidents.extraction.numbers import find_numbers
from incidents.extraction.text import fold


def numbers(text, lang="en"):
    folded = fold(text)
    return [
        (n.best, n.low, n.high, n.qualifier) for n in find_numbers(folded, 0, len(folded), lang)
    ]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("at least 32", "en", (32, 32, 32, "at_least")),
        ("thirty-two", "en", (32, 32, 32, "exact")),
        ("trente-deux", "fr", (32, 32, 32, "exact")),
        ("une trentaine", "fr", (30, 30, 30, "about")),
        ("dozens", "en", (12, 12, 12, "vague")),
        ("several", "en", (3, 3, 3, "vague")),
        ("many", "en", (10, 10, 10, "vague")),
        ("hundreds", "en", (100, 100, 100, "vague")),
        ("more than 20", "en", (20, 20, 20, "more_than")),
        ("plus d'une vingtaine", "fr", (20, 20, 20, "more_than")),
        ("between 20 and 30", "en", (20, 20, 30, "range")),
        ("entre 20 et 30", "fr", (20, 20, 30, "range")),
        ("up to 15", "en", (15, 15, 15, "up_to")),
        ("au moins trente-deux", "fr", (32, 32, 32, "at_least")),
    ],
)
def test_number_mentions_give_one_conservative_best_figure(text, lang, expected):
    assert numbers(text, lang) == [expected]


def test_years_ages_and_times_are_not_counts():
    assert numbers("in 2024 a 12-year-old boy at 10h30") == []


def test_a_toll_change_from_to_is_not_a_range():
    assert [n[0] for n in numbers("the toll rose from 10 to 32")] == [10, 32]
