"""Incidents read as people would say them: a name and a summary made from
the fields in the interface language, the toll with its qualifier, and every
incident reachable on the map even when several share one point."""

import csv
import io
import json
import re
from datetime import date

import pytest
from django.contrib.gis.geos import Point
from playwright.sync_api import expect

from incidents.demo import create_motivating_incident
from incidents.models import Incident, Place
from tests.browser.conftest import PHONE, screenshot
from tests.factories import PublishedIncidentFactory

pytestmark = pytest.mark.browser

ROAD_NAME = {
    "en": "Armed clash on the Gao–Ansongo road (RN17), 45 km from Gao",
    "fr": "Affrontement armé sur la route Gao–Ansongo (RN17), à 45 km de Gao",
}
AT_LEAST = {"en": "at least 32 killed", "fr": "au moins 32 tués"}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_incident_is_named_and_summarised_in_the_interface_language(browse, analyst, language):
    convoy = create_motivating_incident()
    Incident.objects.filter(pk=convoy.pk).update(summary="")  # no editor's summary: a draft
    page = browse.open(browse.page(analyst, language=language), f"/incidents/{convoy.pk}/")
    expect(page.locator("#incident-name")).to_have_text(ROAD_NAME[language])
    expect(page.locator("#headline-toll")).to_have_text(AT_LEAST[language])
    expect(page.locator("#toll-now")).to_have_text(AT_LEAST[language])
    # The source's own words stay visible, marked as such.
    expect(page.locator("#as-reported")).to_contain_text("between Gao and Ansongo")
    summary = page.locator("#summary")
    expect(summary).to_contain_text(ROAD_NAME[language])
    # Actors under their name in the interface language, when an alias gives one.
    expect(summary).to_contain_text({"en": "JNIM", "fr": "GSIM"}[language])
    expect(page.locator("#incident-facts .actors")).to_contain_text(
        {"en": "Malian Armed Forces", "fr": "Forces armées maliennes"}[language]
    )
    expect(summary).to_contain_text(
        {"en": "At least 32 killed, according to", "fr": "Au moins 32 tués, selon"}[language]
    )
    # The step chart labels the last figure with its qualifier.
    expect(
        page.locator("#stepchart svg text", has_text=AT_LEAST[language].rsplit(" ", 1)[0])
    ).to_have_count(1)
    screenshot(page, f"incident-{language}-1440", full_page=True)
    phone = browse.open(
        browse.page(analyst, viewport=PHONE, language=language), f"/incidents/{convoy.pk}/"
    )
    expect(phone.locator("#incident-name")).to_have_text(ROAD_NAME[language])
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(phone, f"incident-{language}-375", full_page=True)

    home = browse.open(browse.page(analyst, language=language), "/")
    item = home.locator(f'#incident-list li[data-id="{convoy.pk}"]')
    expect(item.locator(".place")).to_have_text(ROAD_NAME[language])
    expect(item.locator(".toll")).to_have_text(AT_LEAST[language])
    expect(item.locator(".reported")).to_contain_text("between Gao and Ansongo")
    screenshot(home, f"home-{language}-1440")
    phone_home = browse.open(browse.page(analyst, viewport=PHONE, language=language), "/")
    expect(phone_home.locator(f'#incident-list li[data-id="{convoy.pk}"] .place')).to_have_text(
        ROAD_NAME[language]
    )
    screenshot(phone_home, f"home-{language}-375", full_page=True)


def test_an_editors_summary_wins_over_the_draft(browse, analyst):
    incident = PublishedIncidentFactory(summary="Written by an editor.", killed=3)
    page = browse.open(browse.page(analyst), f"/incidents/{incident.pk}/")
    expect(page.locator("#summary")).to_have_text("Written by an editor.")


def test_a_place_away_from_its_town_gets_distance_and_direction(browse, analyst):
    menaka = Place.objects.get(key="ml-menaka")
    east = Point(menaka.point.x + 0.47, menaka.point.y, srid=4326)  # about 50 km east
    incident = PublishedIncidentFactory(
        place=menaka,
        location=east,
        geo_precision="near",
        admin1="Ménaka",
        location_text="50 km à l'est de Ménaka",
    )
    page = browse.open(browse.page(analyst, language="fr"), f"/incidents/{incident.pk}/")
    expect(page.locator("#incident-name")).to_have_text(
        "Affrontement armé à 50 km à l’est de Ménaka"
    )
    english = browse.open(browse.page(analyst), f"/incidents/{incident.pk}/")
    expect(english.locator("#incident-name")).to_have_text("Armed clash 50 km east of Ménaka")


def test_two_incidents_at_one_point_are_both_reachable(browse, analyst):
    point = Point(1.0878, 16.6650, srid=4326)
    first = PublishedIncidentFactory(
        location=point, date=date(2025, 3, 1), killed=4, location_text="Tessit"
    )
    second = PublishedIncidentFactory(
        location=point, date=date(2025, 3, 9), killed=7, location_text="Tessit"
    )
    for zoom in (7, 12, 18):  # clustered, then unclustered on top of each other
        page = browse.open(browse.page(analyst), f"/?map={zoom}/16.6650/1.0878")
        stack = page.locator(".leaflet-marker-icon .cluster")
        expect(stack).to_have_count(1)
        stack.click()
        links = page.locator(".leaflet-popup .popup-stack a")
        expect(links).to_have_count(2)
        hrefs = {links.nth(n).get_attribute("href") for n in range(2)}
        assert hrefs == {f"/incidents/{first.pk}/", f"/incidents/{second.pk}/"}
        expect(page.locator(".leaflet-popup")).to_contain_text("7 killed")
    screenshot(page, "home-stacked-incidents-1440")
    links.filter(has_text=re.compile("Tessit|Armed clash")).first.click()
    expect(page).to_have_url(re.compile(r"/incidents/\d+/$"))


def test_the_api_gives_at_least_32_as_chromium_reads_it(browse, analyst):
    """What a partner's script or a browser reads from the API keeps the
    qualifier: 32 "at_least", in the JSON detail and list, and in the CSV's
    own columns after ACLED's."""
    convoy = create_motivating_incident()
    page = browse.page(analyst)
    for path in (f"/api/v1/incidents/{convoy.pk}/?format=json", "/api/v1/incidents/?format=json"):
        browse.open(page, path, wait_ready=False)
        body = json.loads(page.inner_text("body"))
        toll = body["toll"] if "toll" in body else body["results"][0]["toll"]
        assert (toll["killed"], toll["qualifier"]) == (32, "at_least"), path
    response = page.request.get(browse.origin + "/api/v1/incidents/?format=csv")
    rows = list(csv.DictReader(io.StringIO(response.text())))
    assert (rows[0]["fatalities"], rows[0]["fatalities_qualifier"]) == ("32", "at_least")
    browse.open(page, f"/api/v1/incidents/{convoy.pk}/?format=api", wait_ready=False)
    expect(page.locator(".response-info pre")).to_contain_text('"qualifier": "at_least"')
    screenshot(page, "api-incident-en-1440", full_page=True)
