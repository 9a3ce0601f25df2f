"""Charts with a time axis (the dashboard's timeline, the incident page's toll
chart, the road view) tick on days, written as dates in the interface
language: never a time of day such as "12 PM" or a bare "12" for noon."""

import re
from datetime import date

import pytest

from incidents.demo import create_motivating_incident
from tests.factories import PublishedIncidentFactory

pytestmark = pytest.mark.browser

MONTHS = {
    "en": r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)",
    "fr": r"(janv\.|févr\.|mars|avr\.|mai|juin|juil\.|août|sept\.|oct\.|nov\.|déc\.)",
}
# "Feb 7" / "7 févr.", "Feb 2025" / "févr. 2025", or a year.
DATE_TICK = {
    "en": re.compile(rf"^({MONTHS['en']} \d{{1,2}}|{MONTHS['en']} \d{{4}}|\d{{4}})$"),
    "fr": re.compile(rf"^(\d{{1,2}} {MONTHS['fr']}|{MONTHS['fr']} \d{{4}}|\d{{4}})$"),
}


def date_ticks(page, chart: str) -> list[str]:
    page.wait_for_function(
        "(chart) => document.querySelectorAll(chart + ' .axis-dates .tick text').length > 0",
        arg=chart,
    )
    return page.locator(f"{chart} .axis-dates .tick text").all_text_contents()


@pytest.mark.parametrize("language", ["en", "fr"])
def test_time_axes_tick_on_dates_in_the_interface_language(browse, analyst, language):
    convoy = create_motivating_incident()  # figures said 18 hours apart, 7–8 Feb 2025
    for day in (1, 4, 12):  # a fortnight of data: d3 alone would tick every 12 hours
        PublishedIncidentFactory(date=date(2025, 2, day), killed=day)
    pattern = DATE_TICK[language]
    for path, chart in (
        ("/", "#timeline"),
        (f"/incidents/{convoy.pk}/", "#stepchart"),
        ("/routes/gao-ansongo/", "#spacetime"),
    ):
        page = browse.open(browse.page(analyst, language=language), path)
        ticks = date_ticks(page, chart)
        assert len(ticks) >= 2, (path, ticks)
        assert [t for t in ticks if not pattern.match(t)] == [], (path, ticks)
        page.context.close()
        browse.contexts.remove(page.context)
