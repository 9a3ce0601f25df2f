"""An editor corrects what the machine proposed before approving it, in the
admin's review page, in real Chromium; and the admin's location widgets draw
the offline basemap when tiles cannot load."""

import pytest
from playwright.sync_api import expect

from incidents.models import (
    CandidateStatus,
    Place,
    TollRevision,
)
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser


def pick(page, field_id, text):
    """Choose ``text`` in one of the admin's select2 autocomplete boxes."""
    page.locator(f"#{field_id} + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def test_editor_corrects_the_place_and_figure_then_approves(browse, editor, candidate):
    machine = dict(candidate.proposal)
    assert machine["place"] == "ml-inekar"
    tessit = Place.objects.get(key="ml-tessit")
    page = browse.open(
        browse.page(editor),
        f"/admin/incidents/extractioncandidate/{candidate.pk}/change/",
        wait_ready=False,
    )
    # The widget's map draws the offline outline although tiles are blocked.
    page.wait_for_function(
        "() => document.querySelector('.cw-correct .leaflet-container')?.dataset.basemap"
        " === 'drawn'"
    )
    pick(page, "id_place", "Tessit")
    page.fill("#id_killed", "5")
    page.select_option("#id_qualifier", "at_least")
    page.fill("#id_reason", "The regional governor later confirmed five dead.")
    screenshot(page, "admin-review-correcting-1440", full_page=True)
    page.click("#cw-correct input[type=submit]")
    expect(page.locator(".messagelist")).to_contain_text("Filed as incident #")

    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.APPROVED
    assert candidate.proposal == machine  # the machine's proposal is kept, unchanged
    assert "place" in candidate.review_note
    incident = candidate.incident
    assert incident.place == tessit
    assert incident.location.equals_exact(tessit.point, 1e-9)
    assert (incident.admin1, incident.admin2) == (tessit.admin1, tessit.admin2)
    created = incident.history.earliest("history_date")
    assert created.history_user == editor
    assert "corrected at review: place" in created.history_change_reason
    # The machine's figure stays in the history; the editor's is the current one.
    figures = {
        (r.killed, r.entry_kind, r.entered_by_id)
        for r in TollRevision.objects.filter(incident=incident)
    }
    assert (4, "extractor", None) in figures and (5, "editor", editor.pk) in figures
    assert (incident.killed, incident.killed_qualifier) == (5, "at_least")


def test_bulk_approve_still_files_the_machines_proposal(client, editor, candidate):
    client.force_login(editor)
    response = client.post(
        "/admin/incidents/extractioncandidate/",
        {"action": "approve_selected", "_selected_action": [candidate.pk]},
    )
    assert response.status_code == 302
    candidate.refresh_from_db()
    assert candidate.status == CandidateStatus.APPROVED
    assert candidate.incident.place.key == "ml-inekar"


def test_admin_location_widget_draws_the_outlines_with_tiles_blocked(browse, editor, candidate):
    client_page = browse.page(editor)
    incident_page = f"/admin/incidents/place/{Place.objects.get(key='ml-tessit').pk}/change/"
    page = browse.open(client_page, incident_page, wait_ready=False)
    page.wait_for_function(
        "() => document.querySelector('.leaflet-container')?.dataset.basemap === 'drawn'"
    )
    assert page.locator(".leaflet-container").first.get_attribute("data-tiles") != "online"
    expect(page.locator(".leaflet-basemap-pane canvas")).to_have_count(1)
    # Surrounding towns are named: the widget opens at a regional zoom, not 300 m.
    expect(page.locator(".place-tooltip", has_text="Ansongo")).to_have_count(1)
    screenshot(page, "admin-place-widget-offline-1440", full_page=True)
