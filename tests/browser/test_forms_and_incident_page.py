"""In real Chromium: date fields in the interface language's order, the review
map following the editor's place pick and map click, and the incident page's
step chart, revisions table and map at both widths."""

from datetime import date

import pytest
from django.contrib.gis.geos import Point
from playwright.sync_api import expect

from incidents.demo import create_motivating_incident
from incidents.models import CandidateStatus, Place
from incidents.selectors import nearest_place
from tests.browser.conftest import PHONE, screenshot
from tests.browser.test_review_corrections import pick
from tests.factories import PublishedIncidentFactory

pytestmark = pytest.mark.browser


def _rendered(page, before: int) -> None:
    page.wait_for_function(f"() => Number(document.body.dataset.renders) > {before}")


def test_dashboard_dates_are_typed_in_french_order_and_kept_iso_in_the_url(browse, analyst):
    convoy = create_motivating_incident()
    PublishedIncidentFactory(date=date(2025, 5, 3))
    page = browse.open(browse.page(analyst, language="fr"), "/")
    date_from = page.locator("input[name=date_from]")
    expect(date_from).to_have_attribute("placeholder", "jj/mm/aaaa")
    assert date_from.get_attribute("type") == "text"  # not the browser's mm/dd/yyyy widget
    renders = int(page.evaluate("document.body.dataset.renders"))
    date_from.fill("07/02/2025")
    page.fill("input[name=date_to]", "08/02/2025")
    page.click("#filter-form button[type=submit]")
    _rendered(page, renders)
    assert "date_from=2025-02-07" in page.url and "date_to=2025-02-08" in page.url
    expect(page.locator("#list-count")).to_have_text("1 sur 1 incident")
    expect(page.locator(f'#incident-list li[data-id="{convoy.pk}"]')).to_have_count(1)
    screenshot(page, "dashboard-dates-fr-1440")

    # Opening the URL shows the dates again in French order.
    again = browse.open(browse.page(analyst, language="fr"), page.url[len(browse.origin) :])
    expect(again.locator("input[name=date_from]")).to_have_value("07/02/2025")
    expect(again.locator("input[name=date_to]")).to_have_value("08/02/2025")

    english = browse.open(browse.page(analyst, language="en"), "/?date_from=2025-02-07")
    expect(english.locator("input[name=date_from]")).to_have_attribute("placeholder", "yyyy-mm-dd")
    expect(english.locator("input[name=date_from]")).to_have_value("2025-02-07")


def test_review_date_field_is_in_french_order(browse, editor, candidate):  # noqa: F811
    page = browse.open(
        browse.page(editor, language="fr"),
        f"/admin/incidents/extractioncandidate/{candidate.pk}/change/",
        wait_ready=False,
    )
    year, month, day = candidate.proposal["date"].split("-")
    field = page.locator("#id_date")
    expect(field).to_have_value(f"{day}/{month}/{year}")
    expect(field).to_have_attribute("placeholder", "jj/mm/aaaa")


def test_review_map_follows_the_place_pick_and_a_click_sets_the_place(
    browse,
    editor,
    candidate,  # noqa: F811
):
    tessit = Place.objects.get(key="ml-tessit")
    ansongo = Place.objects.get(key="ml-ansongo")
    page = browse.open(
        browse.page(editor),
        f"/admin/incidents/extractioncandidate/{candidate.pk}/change/",
        wait_ready=False,
    )
    form = page.locator("#cw-correct")
    expect(form).to_have_attribute("data-map-ready", "1")

    # Picking a place in the gazetteer box moves the marker to it at once.
    pick(page, "id_place", "Tessit")
    expect(form).to_have_attribute("data-marker", f"{tessit.point.y:.5f},{tessit.point.x:.5f}")

    # A click on the map puts the incident there and picks the nearest place.
    page.evaluate(
        "([lat, lon]) => { window.cwReviewMap.setView([lat, lon], 11, {animate: false}); }",
        [ansongo.point.y, ansongo.point.x],
    )
    widget = page.locator(".cw-correct .leaflet-container")
    size = widget.bounding_box()
    widget.click(position={"x": size["width"] / 2 + 40, "y": size["height"] / 2 + 30})
    expect(form).to_have_attribute("data-follows", "click")
    lat, lon = (float(v) for v in form.get_attribute("data-marker").split(","))
    clicked = Point(lon, lat, srid=4326)
    assert clicked.distance(ansongo.point) > 0.005  # the click, not the town
    expected = nearest_place(point=clicked, within_km=50)
    expect(page.locator("#id_place + .select2 .select2-selection__rendered")).to_contain_text(
        expected.name
    )
    screenshot(page, "admin-review-map-click-1440", full_page=True)
    page.click("#cw-correct input[type=submit]")
    expect(page.locator(".messagelist")).to_contain_text("#")

    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.APPROVED
    incident = candidate.incident
    assert incident.place == expected
    assert incident.location.distance(clicked) < 1e-5


@pytest.mark.parametrize("language", ["en", "fr"])
def test_incident_page_chart_table_and_map_hold_at_both_widths(browse, analyst, language):
    convoy = create_motivating_incident()
    page = browse.open(browse.page(analyst, language=language), f"/incidents/{convoy.pk}/")
    # The figures spread across the chart, the last one not crowded at the left.
    xs = page.evaluate(
        """() => [...document.querySelectorAll('#stepchart svg g circle')].map(
             (c) => c.getBoundingClientRect().x)"""
    )
    chart = page.locator("#stepchart svg").bounding_box()
    assert len(xs) >= 2
    # One point per step of the figures line ("10 → at least 32").
    steps = page.locator("#toll-steps").inner_text().split("→")
    assert len(xs) == len(steps)
    assert max(xs) - min(xs) > chart["width"] * 0.4
    assert max(xs) < chart["x"] + chart["width"] * 0.95
    # The map names the villages around the incident at its zoom.
    expect(page.locator("#incident-map .place-tooltip", has_text="Bara")).to_have_count(1)
    expect(page.locator("#incident-map .place-tooltip", has_text="Gao")).to_have_count(1)
    screenshot(page, f"incident-chart-map-{language}-1440", full_page=True)

    phone = browse.open(
        browse.page(analyst, viewport=PHONE, language=language), f"/incidents/{convoy.pk}/"
    )
    table = phone.locator("#revisions")
    fits = phone.evaluate(
        """() => { const t = document.getElementById('revisions');
                   const r = t.getBoundingClientRect();
                   return r.right <= window.innerWidth && t.scrollWidth <= t.clientWidth + 1; }"""
    )
    assert fits
    # Each cell says which column it is, and the quoted words are readable.
    said_by = {"en": "Said by", "fr": "Selon"}[language]
    expect(table.locator(f'td[data-label="{said_by}"]').first).to_be_visible()
    quote = table.locator("blockquote").first.bounding_box()
    assert quote["width"] > PHONE["width"] * 0.4
    screenshot(phone, f"incident-revisions-{language}-375", full_page=True)
