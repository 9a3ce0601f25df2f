"""Writes on partner keys: rotate (issue a new key, revoke the old one) and
revoke. Keys are never deleted, so who had access when stays in history."""

from __future__ import annotations

from typing import cast

from django.db import transaction

from partners.models import PartnerAPIKey


@transaction.atomic
def revoke_key(*, api_key: PartnerAPIKey) -> PartnerAPIKey:
    """Refuse the key from the next request on (see partners.lookup)."""
    api_key = PartnerAPIKey.objects.select_for_update().get(pk=api_key.pk)
    if not api_key.revoked:
        api_key.revoked = True
        api_key.save(update_fields=["revoked"])
    return api_key


@transaction.atomic
def rotate_key(*, api_key: PartnerAPIKey) -> tuple[PartnerAPIKey, str]:
    """A new key for the same partner, name and expiry; the old one is revoked
    and points to it. Returns the new key and its secret (shown once)."""
    old = PartnerAPIKey.objects.select_for_update().get(pk=api_key.pk)
    created, secret = PartnerAPIKey.objects.create_key(
        name=old.name, partner=old.partner, expiry_date=old.expiry_date
    )
    new = cast(PartnerAPIKey, created)  # the manager is typed with the abstract key
    old.revoked = True
    old.replaced_by = new
    old.save(update_fields=["revoked", "replaced_by"])
    return new, secret
