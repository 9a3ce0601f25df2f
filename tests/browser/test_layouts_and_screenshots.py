"""Every page at 1440 px and 375 px, in English and French: the layout holds
(no sideways scrolling on a phone, a long title does not push the tables over
the facts panel), and a screenshot of each is kept in test-output/screenshots/."""

from datetime import UTC, datetime

import pytest

from incidents.demo import create_motivating_incident
from incidents.models import Article, IncidentSource, Place
from tests.browser.conftest import PHONE, screenshot

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1440, "height": 900}
LONG = (
    "Embuscade meurtrière contre un convoi civil escorté sur l’axe Gao–Ansongo : les autorités "
    "régionales, les organisations humanitaires et les notables locaux donnent des bilans "
    "divergents, revus à la hausse au fil des heures"
)


@pytest.fixture
def convoy():
    incident = create_motivating_incident()
    article = Article.objects.create(
        url="https://news.example.org/" + "tres-long-titre-" * 12,
        title=LONG,
        outlet="Le Fleuve",
        published_at=datetime(2025, 2, 9, tzinfo=UTC),
        language="fr",
    )
    IncidentSource.objects.create(incident=incident, article=article, quote=LONG)
    return incident


def pages(convoy, candidate):
    timbuktu = Place.objects.get(key="ml-tombouctou").pk
    return {
        "home": ("/", True),
        "incident": (f"/incidents/{convoy.pk}/", True),
        "road": ("/routes/gao-ansongo/", True),
        "credits": ("/credits/", False),
        "admin-index": ("/admin/", False),
        "admin-incidents": ("/admin/incidents/incident/", False),
        "admin-incident": (f"/admin/incidents/incident/{convoy.pk}/change/", False),
        "admin-partner-keys": ("/admin/partners/partnerapikey/", False),
        "admin-partner-key-add": ("/admin/partners/partnerapikey/add/", False),
        "admin-review-queue": ("/admin/incidents/extractioncandidate/", False),
        "admin-review": (f"/admin/incidents/extractioncandidate/{candidate.pk}/change/", False),
        "admin-place": (f"/admin/incidents/place/{timbuktu}/change/", False),
        "api-browsable": ("/api/v1/incidents/", False),
        "api-docs": ("/api/v1/redoc/", False),
    }


@pytest.mark.parametrize("language", ["en", "fr"])
def test_pages_hold_at_both_widths_and_are_photographed(
    browse, editor, convoy, candidate, language
):
    for name, (path, dashboard) in pages(convoy, candidate).items():
        for label, viewport in (("1440", DESKTOP), ("375", PHONE)):
            page = browse.open(
                browse.page(editor, viewport=viewport, language=language),
                path,
                wait_ready=dashboard,
            )
            page.wait_for_load_state("networkidle")
            if dashboard and label == "375":
                width = page.evaluate("document.documentElement.scrollWidth")
                assert width <= viewport["width"], f"{name} scrolls sideways at 375 px ({width})"
            screenshot(page, f"{name}-{language}-{label}", full_page=True)
            page.context.close()
            browse.contexts.remove(page.context)


def test_long_title_keeps_the_tables_clear_of_the_facts_panel(browse, analyst, convoy):
    page = browse.open(browse.page(analyst, viewport=DESKTOP), f"/incidents/{convoy.pk}/")
    tables = page.locator(".incident-grid > section").bounding_box()
    facts = page.locator(".incident-grid > aside").bounding_box()
    assert tables["x"] + tables["width"] <= facts["x"] + 1
    for selector in ("#revisions", "#sources"):
        box = page.locator(selector).bounding_box()
        assert box["x"] + box["width"] <= facts["x"] + 1, selector


@pytest.mark.parametrize("language", ["en", "fr"])
def test_admin_incident_list_shows_name_toll_and_status_without_scrolling(
    browse, editor, convoy, language
):
    """At 1440 px, with the admin's menu and filters open, an editor reads each
    incident's name, toll and status without scrolling the list sideways."""
    page = browse.open(
        browse.page(editor, viewport=DESKTOP, language=language),
        "/admin/incidents/incident/",
        wait_ready=False,
    )
    pane = page.locator("#changelist .results").bounding_box()
    for column in ("display_name", "toll_display", "status"):
        box = page.locator(f"#result_list th.column-{column}").bounding_box()
        assert box["x"] + box["width"] <= pane["x"] + pane["width"] + 1, column
