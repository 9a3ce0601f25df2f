"""A partner sees its own key's last use and request count; editors rotate
and revoke keys (through the Partner managers permission set)."""

import pytest
from django.contrib.auth.models import Group

from partners import services
from partners.models import PartnerAPIKey
from tests.api.conftest import KeyClient, make_key

pytestmark = pytest.mark.django_db


def test_owner_sees_last_use_and_request_count(partner, partner_key):
    for _ in range(3):
        assert partner.get("/api/v1/incidents/").status_code == 200
    body = partner.get("/api/v1/key/").json()
    assert body["prefix"] == partner_key[0].prefix
    assert body["request_count"] == 4  # three lists and this call
    assert body["last_used_at"] is not None


def test_key_usage_needs_a_key(editor_client):
    assert editor_client.get("/api/v1/key/").status_code == 403


def test_rotating_issues_a_new_secret_and_refuses_the_old(partner_key):
    old, old_secret = partner_key
    new, secret = services.rotate_key(api_key=old)
    assert KeyClient(old_secret).get("/api/v1/incidents/").status_code == 401
    assert KeyClient(secret).get("/api/v1/incidents/").status_code == 200
    old.refresh_from_db()
    assert (old.revoked, old.replaced_by, new.partner) == (True, new, old.partner)


def test_editors_and_partner_managers_hold_the_key_permissions(editor):
    wanted = {
        "partners.add_partnerapikey",
        "partners.change_partnerapikey",
        "partners.rotate_partnerapikey",
        "partners.add_partner",
    }
    assert wanted <= editor.get_all_permissions()
    managers = Group.objects.get(name="Partner managers")
    assert {f"partners.{p.codename}" for p in managers.permissions.all()} >= wanted
    assert not editor.has_perm("partners.delete_partnerapikey")
    key, _ = make_key(name="Another desk")
    assert PartnerAPIKey.objects.filter(pk=key.pk).exists()
