"""Our pages work under the Content-Security-Policy: no inline script or style
of ours is blocked, the admin map widget runs by nonce, the API docs render,
and the header itself allows our origin only (tiles from MAP_TILE_URL's host).

The browse fixture fails a test on any CSP violation the page reports, so the
dashboard tests in test_dashboard_pages.py check their pages too; this module
adds the admin, API documentation and sign-in pages."""

import pytest
from playwright.sync_api import expect

from incidents.demo import create_motivating_incident
from incidents.models import Article, ExtractionCandidate
from incidents.tasks import process_article
from tests.factories import EditorFactory
from tests.ingest.conftest import article_url, loopback_allowed, news_site  # noqa: F401

CONVOY_EN = "01-gao-ansongo-convoy-ambush-en"

pytestmark = pytest.mark.browser


@pytest.fixture
def superuser(db):
    return EditorFactory(username="root", is_superuser=True)


def policy(response) -> dict[str, list[str]]:
    header = response.headers["content-security-policy"]
    return {
        name: values
        for name, *values in (
            directive.split() for directive in header.split(";") if directive.strip()
        )
    }


def test_policy_allows_our_origin_and_the_tile_host_only(browse):
    page = browse.page()
    response = page.goto(browse.origin + "/accounts/login/")
    directives = policy(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"][0] == "'self'"
    assert all(
        source == "'self'" or source.startswith("'nonce-") for source in directives["script-src"]
    )
    assert directives["style-src"] == ["'self'"]
    assert directives["img-src"] == ["'self'", "data:", "https://tile.openstreetmap.org"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    expect(page.locator("h1")).to_have_text("Sign in")


def test_admin_incident_map_widget_runs_under_the_policy(browse, superuser):
    incident = create_motivating_incident()
    page = browse.open(
        browse.page(superuser), f"/admin/incidents/incident/{incident.pk}/change/", wait_ready=False
    )
    # django-leaflet's widget starts from an inline script carrying the nonce.
    expect(page.locator(".leaflet-container").first).to_be_visible()
    page.wait_for_function("() => document.querySelectorAll('.leaflet-marker-icon').length > 0")
    # The toll history's status colours come from our stylesheet, not attributes.
    status = page.locator(".cw-toll-status").first
    expect(status).to_be_visible()
    assert status.evaluate("el => getComputedStyle(el).color") != "rgb(0, 0, 0)"


def test_candidate_review_page_draws_its_map(
    browse,
    superuser,
    news_site,  # noqa: F811
    loopback_allowed,  # noqa: F811
):
    article = Article.objects.create(url=article_url(news_site, CONVOY_EN))
    process_article.apply(args=[article.pk])
    candidate = ExtractionCandidate.objects.filter(article=article).order_by("pk").first()
    assert candidate is not None
    page = browse.open(
        browse.page(superuser),
        f"/admin/incidents/extractioncandidate/{candidate.pk}/change/",
        wait_ready=False,
    )
    # A pending candidate's map is the correction form's location widget.
    expect(page.locator(".cw-review .leaflet-container").first).to_be_visible()
    assert page.locator(".cw-review").evaluate("el => getComputedStyle(el).display") == "grid"


def test_swagger_ui_renders_under_the_policy(browse):
    page = browse.open(browse.page(), "/api/v1/docs/", wait_ready=False)
    expect(page.locator(".swagger-ui .info").first).to_contain_text(
        "ConflictWatch API", timeout=20_000
    )


def test_redoc_renders_under_the_policy_without_calling_home(browse):
    # Redoc's sidebar would ask its vendor's CDN for a logo; the page serves that
    # image from our static files instead (static/api/redoc_offline.js), so
    # readers of our docs are not announced to a third party and the policy has
    # nothing to refuse (the browse fixture fails on any violation).
    page = browse.page()
    calls = []
    page.on(
        "request",
        lambda request: calls.append(request.url) if "cdn.redoc.ly" in request.url else None,
    )
    browse.open(page, "/api/v1/redoc/", wait_ready=False)
    expect(page.locator("h1").first).to_contain_text("ConflictWatch API", timeout=20_000)
    expect(page.locator('img[alt="redocly logo"]')).to_have_count(1)
    assert calls == []


def test_browsable_api_and_admin_index_render(browse, superuser):
    page = browse.open(browse.page(superuser), "/api/v1/incidents/?format=api", wait_ready=False)
    expect(page.locator(".response-info")).to_be_visible()
    page = browse.open(browse.page(superuser), "/admin/", wait_ready=False)
    expect(page.locator("#site-name")).to_contain_text("ConflictWatch")
