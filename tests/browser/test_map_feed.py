"""The map feed in Chromium: server clusters at low zoom, the incidents after
zooming in, the brush redrawing the map, every incident of a crowded point
reachable, and a 304 when the same view is asked for again."""

from datetime import date

import pytest
from django.contrib.gis.geos import Point
from playwright.sync_api import expect

from incidents.views import mapfeed
from tests.factories import PublishedIncidentFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def server_clusters(monkeypatch):
    """The server clusters as soon as more than 5 incidents are in view (the
    live server runs in this process)."""
    monkeypatch.setattr(mapfeed, "MAX_POINTS", 5)


@pytest.fixture
def two_towns():
    """Eight incidents in January 2025 strung east of Gao, 0.1° apart, and
    four in June 2024 at Mopti."""
    gao = [
        PublishedIncidentFactory(
            date=date(2025, 1, 1 + n), killed=2, location=Point(0.1 * n, 16.27, srid=4326)
        )
        for n in range(8)
    ]
    mopti = [
        PublishedIncidentFactory(
            date=date(2024, 6, 1 + n), killed=5, location=Point(-4.2 + 0.01 * n, 14.5, srid=4326)
        )
        for n in range(4)
    ]
    return gao, mopti


def cluster_labels(page) -> list[str]:
    return sorted(page.locator(".leaflet-marker-icon .cluster").all_inner_texts())


def test_low_zoom_shows_server_clusters_and_zooming_in_shows_the_incidents(
    browse, analyst, server_clusters, two_towns
):
    page = browse.open(browse.page(analyst), "/?map=5/15.5/-2")
    expect(page.locator("#map")).to_have_attribute("data-mode", "clusters")
    assert cluster_labels(page) == ["4", "8"]
    gao = page.locator('.leaflet-marker-icon[title^="8 incidents, 16 killed"]')
    expect(gao).to_have_count(1)
    gao.click()  # zooms to the cluster's incidents
    page.wait_for_function(
        "() => new URLSearchParams(location.search).get('map').split('/')[0] >= 9"
    )
    page.wait_for_function("() => document.querySelector('#map').dataset.markers === '8'")
    expect(page.locator(".leaflet-marker-icon .cluster")).to_have_count(0)
    # Closer still, the few incidents in view come as themselves.
    page.goto(browse.origin + "/?map=12/16.27/0.15")
    page.wait_for_function("() => document.body.dataset.ready === '1'")
    expect(page.locator("#map")).to_have_attribute("data-mode", "points")
    assert int(page.locator("#map").get_attribute("data-markers")) >= 2


def test_brushing_the_timeline_redraws_the_map(browse, analyst, server_clusters, two_towns):
    page = browse.open(browse.page(analyst), "/?map=5/15.5/-2")
    assert cluster_labels(page) == ["4", "8"]
    box = page.locator("#timeline .brush .overlay").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + 2, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.3, y, steps=5)  # June–July 2024
    page.mouse.up()
    page.wait_for_function("() => new URLSearchParams(location.search).has('brush')")
    # Only Mopti's June incidents are left: four, fewer than the server's
    # threshold, so they come as rows and the page clusters them itself.
    expect(page.locator("#map")).to_have_attribute("data-in-view", "4")
    expect(page.locator("#incident-list li")).to_have_count(4)
    assert cluster_labels(page) == ["4"]
    page.click("#clear-brush")
    expect(page.locator("#map")).to_have_attribute("data-in-view", "12")
    expect(page.locator(".leaflet-marker-icon .cluster")).to_have_count(2)


def test_every_incident_of_a_crowded_point_is_reachable_from_a_server_cluster(
    browse, analyst, server_clusters
):
    point = Point(1.0878, 16.6650, srid=4326)
    crowd = [
        PublishedIncidentFactory(location=point, date=date(2025, 3, 1 + n), killed=n)
        for n in range(7)
    ]
    page = browse.open(browse.page(analyst), "/?map=14/16.6650/1.0878")
    expect(page.locator("#map")).to_have_attribute("data-mode", "clusters")
    page.locator(".leaflet-marker-icon .cluster").click()
    links = page.locator(".leaflet-popup .popup-stack a")
    expect(links).to_have_count(7)
    hrefs = {links.nth(n).get_attribute("href") for n in range(7)}
    assert hrefs == {f"/incidents/{i.pk}/" for i in crowd}
    expect(page.locator(".leaflet-popup")).to_contain_text("7 incidents at this point")


def test_asking_for_the_same_view_again_is_a_304(
    browse, analyst, server_clusters, two_towns, monkeypatch
):
    answered: list[int] = []  # what the server sent for map.json, as it sent it
    conditional = mapfeed.get_conditional_response

    def recorded(request, **kwargs):
        response = conditional(request, **kwargs)
        if request.path == "/data/map.json":
            answered.append(response.status_code)
        return response

    monkeypatch.setattr(mapfeed, "get_conditional_response", recorded)
    page = browse.page(analyst)
    asked: list[str | None] = []
    page.on(
        "request",
        lambda request: (
            asked.append(request.headers.get("if-none-match"))
            if "/data/map.json" in request.url
            else None
        ),
    )
    browse.open(page, "/?map=5/15.5/-2")
    assert answered == [200]
    page.click(".leaflet-control-zoom-in")
    page.wait_for_function("() => document.querySelector('#map').dataset.zoom === '6'")
    page.click(".leaflet-control-zoom-out")
    page.wait_for_function("() => document.querySelector('#map').dataset.zoom === '5'")
    assert answered == [200, 200, 304]  # zoom 5 again: the same view, unchanged
    assert asked[0] is None and asked[2]  # the page revalidated with the ETag it had
    assert cluster_labels(page) == ["4", "8"]  # drawn from the page's copy
