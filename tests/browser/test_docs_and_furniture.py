"""The API's documentation and browsable pages ask nothing of another host,
the browsable API is pretty-printed, and every page has its favicon."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import PublishedIncidentFactory

pytestmark = pytest.mark.browser


def test_redoc_asks_no_other_host_for_its_logo(browse):
    page = browse.page()
    outside = []
    page.on(
        "request", lambda r: outside.append(r.url) if not r.url.startswith(browse.origin) else None
    )
    browse.open(page, "/api/v1/redoc/", wait_ready=False)
    logo = page.locator('img[alt="redocly logo"]')
    expect(logo).to_have_count(1, timeout=20_000)
    assert logo.get_attribute("src").startswith("/static/")
    assert logo.evaluate("img => img.complete && img.naturalWidth > 0")
    assert outside == []


def test_browsable_api_is_pretty_printed(browse, analyst):
    PublishedIncidentFactory(killed=3)
    page = browse.open(browse.page(analyst), "/api/v1/incidents/", wait_ready=False)
    body = page.locator(".response-info pre").inner_text()
    assert re.search(r'\n  "results": \[', body)


@pytest.mark.parametrize("path", ["/", "/admin/", "/api/v1/redoc/", "/accounts/login/"])
def test_every_page_has_a_favicon_that_loads(browse, editor, path):
    page = browse.open(browse.page(editor), path, wait_ready=False)
    href = page.locator('link[rel="icon"]').get_attribute("href")
    response = page.request.get(browse.origin + href)
    assert response.status == 200 and "svg" in response.headers["content-type"]


def test_favicon_ico_leads_to_the_icon(client):
    response = client.get("/favicon.ico", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].endswith(".svg")
