"""What an analyst sees in the browser: the map, the timeline's brush, the
filters in the URL, the road view, the incident page, escaping, French."""

import re
from datetime import UTC, date, datetime

import pytest
from django.contrib.gis.geos import Point
from playwright.sync_api import expect

from incidents.demo import create_motivating_incident
from incidents.models import Article, IncidentSource, IncidentStatus, Route
from incidents.selectors import km_along_route
from tests.browser.conftest import PHONE, screenshot
from tests.factories import IncidentFactory, PublishedIncidentFactory

pytestmark = pytest.mark.browser  # live_server makes every test transactional


def list_count(page) -> int:
    return int(page.locator("#incident-list").get_attribute("data-count"))


def test_anonymous_visitor_signs_in_and_lands_on_the_map(browse, analyst):
    page = browse.open(browse.page(), "/?min_killed=5", wait_ready=False)
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/%3Fmin_killed%3D5$"))
    expect(page.locator("h1")).to_have_text("Sign in")
    page.fill("input[name=username]", analyst.username)
    page.fill("input[name=password]", "pw-for-tests-only")
    page.click("main button[type=submit]")
    # The body is briefly missing while the browser swaps pages.
    page.wait_for_function("() => document.body?.dataset.ready === '1'")
    expect(page).to_have_url(re.compile(r"/\?min_killed=5"))
    expect(page.locator("input[name=min_killed]")).to_have_value("5")


def test_map_shows_the_published_demo_incidents(browse, analyst):
    demo = create_motivating_incident()
    other = PublishedIncidentFactory(date=date(2025, 1, 20), killed=5, location_text="near Bourem")
    IncidentFactory(status=IncidentStatus.DRAFT, location_text="a draft nobody may see")
    page = browse.open(browse.page(analyst), "/")

    items = page.locator("#incident-list li")
    expect(items).to_have_count(2)
    expect(items.first).to_contain_text("between Gao and Ansongo")  # newest first
    expect(items.first).to_contain_text("32 killed")
    expect(page.locator("#incident-list")).not_to_contain_text("a draft nobody may see")
    assert int(page.locator("#map").get_attribute("data-markers")) >= 1
    # Export links carry the filters and point at the partner API's exporter.
    expect(page.locator("#export-csv")).to_have_attribute(
        "href", re.compile(r"^/api/v1/incidents/\?.*format=csv")
    )
    # The offline outline of the countries is drawn even though tiles cannot load.
    page.wait_for_function("() => document.querySelector('.leaflet-basemap-pane canvas') !== null")
    screenshot(page, "main-desktop")

    # Hovering the list item rings its marker.
    items.nth(1).hover()
    expect(page.locator(".leaflet-highlight-pane path.highlight-ring")).to_have_count(1)
    # The list links each item to its incident: the demo convoy first (newest), then the other.
    links = [items.nth(i).locator("a").first.get_attribute("href") for i in range(2)]
    assert links == [f"/incidents/{demo.pk}/", f"/incidents/{other.pk}/"]

    phone = browse.open(browse.page(analyst, viewport=PHONE), "/")
    expect(phone.locator("#incident-list li")).to_have_count(2)
    screenshot(phone, "main-phone", full_page=True)


def test_brushing_the_timeline_narrows_the_list_and_survives_reload(browse, analyst):
    for day in (
        date(2025, 1, 6),
        date(2025, 1, 8),
        date(2025, 3, 3),
        date(2025, 3, 20),
        date(2025, 4, 28),
    ):
        PublishedIncidentFactory(date=day, killed=3, location=Point(0.1, 16.0, srid=4326))
    page = browse.open(browse.page(analyst), "/")
    assert list_count(page) == 5

    box = page.locator("#timeline .brush .overlay").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + 2, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.3, y, steps=5)
    page.mouse.up()

    page.wait_for_function("() => new URLSearchParams(location.search).has('brush')")
    brush = page.evaluate("new URLSearchParams(location.search).get('brush')").split(",")
    days = page.locator("#incident-list li time").evaluate_all(
        "nodes => nodes.map(n => n.getAttribute('datetime'))"
    )
    assert 0 < len(days) < 5
    assert all(brush[0] <= day <= brush[1] for day in days)
    assert "2025-01-06" in days

    page.reload()
    page.wait_for_function("() => document.body?.dataset.ready === '1'")
    assert list_count(page) == len(days)
    page.go_back()  # the brush was one step in the history: back shows everything again
    page.wait_for_function("() => document.querySelectorAll('#incident-list li').length === 5")


def test_filters_live_in_the_url_survive_reload_and_back(browse, analyst):
    PublishedIncidentFactory(killed=40, location_text="Big one")
    PublishedIncidentFactory(killed=2, location_text="Small one")
    page = browse.open(browse.page(analyst), "/?min_killed=20")
    expect(page.locator("#incident-list li")).to_have_count(1)
    expect(page.locator("#incident-list")).to_contain_text("Big one")
    page.reload()
    page.wait_for_function("() => document.body?.dataset.ready === '1'")
    expect(page.locator("input[name=min_killed]")).to_have_value("20")
    expect(page.locator("#incident-list li")).to_have_count(1)
    expect(page.locator("#export-geojson")).to_have_attribute("href", re.compile(r"min_killed=20"))
    # The export link downloads what is on screen (the partner API's CSV exporter).
    csv = page.evaluate("fetch(document.querySelector('#export-csv').href).then(r => r.text())")
    assert "Big one" in csv and "Small one" not in csv

    # Change the filter through the panel: the URL follows, back restores it.
    page.fill("input[name=min_killed]", "0")
    page.fill("input[name=q]", "Small")
    page.click("button[type=submit].primary")
    page.wait_for_function("() => new URLSearchParams(location.search).get('q') === 'Small'")
    expect(page.locator("#incident-list li")).to_have_count(1)
    expect(page.locator("#incident-list")).to_contain_text("Small one")
    page.go_back()
    page.wait_for_function("() => new URLSearchParams(location.search).get('min_killed') === '20'")
    expect(page.locator("#incident-list")).to_contain_text("Big one")
    expect(page.locator("input[name=q]")).to_have_value("")


def test_bad_filter_in_the_url_is_explained_not_crashed(browse, analyst):
    page = browse.open(browse.page(analyst), "/?date_from=yesterday")
    expect(page.locator("#map-status")).to_contain_text("date_from")


def test_road_view_places_the_convoy_at_its_kilometre(browse, analyst):
    incident = create_motivating_incident()
    route = Route.objects.get(slug="gao-ansongo")
    expected_km = km_along_route(route=route, point=incident.location)
    assert 30 < expected_km < 60
    page = browse.open(browse.page(analyst), "/routes/gao-ansongo/")

    cell = page.locator(f'#route-incidents tr[data-id="{incident.pk}"] td.km')
    shown_km = float(cell.get_attribute("data-km"))
    assert shown_km == pytest.approx(expected_km, abs=1.0)
    assert 30 < shown_km < 60
    expect(page.locator(f'#spacetime circle.dot[data-id="{incident.pk}"]')).to_have_count(1)
    expect(page.locator("#spacetime")).to_contain_text("Ansongo")
    screenshot(page, "route-desktop")
    phone = browse.open(browse.page(analyst, viewport=PHONE), "/routes/gao-ansongo/")
    expect(phone.locator(f'#route-incidents tr[data-id="{incident.pk}"]')).to_have_count(1)
    screenshot(phone, "route-phone", full_page=True)


def test_incident_page_shows_the_toll_rising_from_10_to_32(browse, analyst):
    incident = create_motivating_incident()
    page = browse.open(browse.page(analyst), f"/incidents/{incident.pk}/")
    expect(page.locator("#toll-steps")).to_have_text("10 → at least 32")
    expect(page.locator("#toll-now")).to_have_text("at least 32 killed")
    expect(page.locator("#revisions tr.revision")).to_have_count(2)
    expect(page.locator("#stepchart svg circle")).to_have_count(2)
    expect(page.locator("#sources")).to_contain_text("ambushed")
    expect(page.locator("text=Edit in admin")).to_have_count(0)  # analysts do not edit
    screenshot(page, "incident-desktop", full_page=True)
    phone = browse.open(browse.page(analyst, viewport=PHONE), f"/incidents/{incident.pk}/")
    expect(phone.locator("#toll-steps")).to_have_text("10 → at least 32")
    screenshot(phone, "incident-phone", full_page=True)


HOSTILE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'


def test_hostile_article_text_renders_as_text_everywhere(browse, analyst):
    incident = PublishedIncidentFactory(
        killed=7, location_text="Place " + HOSTILE, summary="Summary " + HOSTILE
    )
    article = Article.objects.create(
        url="https://news.example.org/hostile",
        title="Title " + HOSTILE,
        outlet="Outlet",
        published_at=datetime(2025, 2, 9, tzinfo=UTC),
        language="en",
    )
    IncidentSource.objects.create(incident=incident, article=article, quote="Quote " + HOSTILE)

    page = browse.open(browse.page(analyst), f"/incidents/{incident.pk}/")
    expect(page.locator("#sources .source-title")).to_have_text("Title " + HOSTILE)
    expect(page.locator("#sources .source-quote")).to_contain_text("Quote <script>")
    expect(page.locator(".summary")).to_have_text("Summary " + HOSTILE)
    assert page.evaluate("window.__pwned") is None

    home = browse.open(browse.page(analyst), "/")
    expect(home.locator("#incident-list li .reported")).to_have_text(
        "as reported: “Place " + HOSTILE + "”"
    )
    home.locator("#map").wait_for()
    assert home.evaluate("window.__pwned") is None


def test_language_switch_shows_french_labels(browse, analyst):
    create_motivating_incident()
    page = browse.open(browse.page(analyst), "/")
    expect(page.locator("#filter-details summary")).to_have_text("Filters")
    page.select_option("#language-select", "fr")
    page.wait_for_function("() => document.documentElement.lang === 'fr'")
    page.wait_for_function("() => document.body?.dataset.ready === '1'")
    expect(page.locator("#filter-details summary")).to_have_text("Filtres")
    expect(page.locator("#incident-list li").first).to_contain_text("32 tués")
    expect(page.locator("#incident-list li time").first).to_contain_text("févr.")
    screenshot(page, "main-desktop-fr")
