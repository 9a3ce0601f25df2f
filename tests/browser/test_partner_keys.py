"""An editor (Partner managers permission set, given to Editors by default)
creates a partner key in the admin, sees its secret once, and revokes it."""

import re

import pytest
from playwright.sync_api import expect

from partners.models import Partner, PartnerAPIKey
from tests.api.conftest import KeyClient
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser


def test_editor_creates_and_revokes_a_partner_key(browse, editor):
    partner = Partner.objects.create(name="Sahel Data Desk", requests_per_minute=600)
    page = browse.open(browse.page(editor), "/admin/", wait_ready=False)
    expect(page.locator("#content-main")).to_contain_text("Partner API keys")
    page.goto(browse.origin + "/admin/partners/partnerapikey/add/")
    page.locator("#id_partner + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill("Sahel Data")
    page.locator(".select2-results__option", has_text="Sahel Data Desk").click()
    page.fill("#id_name", "Nightly GIS sync")
    page.click("input[name=_save]")
    message = page.locator(".messagelist").inner_text()
    secret = re.search(r"The API key for Nightly GIS sync is: (\S+?)\. ", message).group(1)
    key = PartnerAPIKey.objects.get(partner=partner)
    assert KeyClient(secret).get("/api/v1/incidents/").status_code == 200
    screenshot(page, "admin-partner-key-created-1440", full_page=True)

    page.locator(f'input[name=_selected_action][value="{key.pk}"]').check()
    page.select_option("select[name=action]", "revoke_selected")
    page.click("button[name=index]")
    expect(page.locator(".messagelist")).to_contain_text("1 key revoked.")
    key.refresh_from_db()
    assert key.revoked
    assert KeyClient(secret).get("/api/v1/incidents/").status_code == 401
    # The list shows the key's last use and its request count.
    row = page.locator("#result_list tbody tr", has_text="Nightly GIS sync")
    expect(row.locator(".field-requests")).to_have_text("1")
    screenshot(page, "admin-partner-key-revoked-1440", full_page=True)
