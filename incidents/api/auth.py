"""Partner API keys: ``Authorization: Api-Key <prefix>.<secret>``.

The key authenticates a partner, not a Django user: ``request.user`` stays
anonymous (so the partner sees what the public would, published incidents
only) and ``request.auth`` is the PartnerAPIKey. A key that is unknown,
revoked, expired or whose partner is deactivated gets a 401 saying which.
"""

from __future__ import annotations

import re

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from rest_framework_api_key.permissions import KeyParser

from partners.lookup import key_by_prefix, record_use
from partners.models import PartnerAPIKey

KEYWORD = "Api-Key"
PREFIX = re.compile(r"[A-Za-z0-9]{1,32}")  # what the key generator makes (8 characters)


class PartnerKeyAuthentication(authentication.BaseAuthentication):
    parser = KeyParser()

    def authenticate(self, request):
        key = self.parser.get_from_authorization(request._request)
        if key is None:
            return None
        key = key.strip()
        prefix = key.partition(".")[0]
        api_key = key_by_prefix(prefix) if PREFIX.fullmatch(prefix) else None
        if api_key is None or not api_key.is_valid(key):
            raise exceptions.AuthenticationFailed(_("Unknown API key."), code="invalid_key")
        if api_key.revoked:
            raise exceptions.AuthenticationFailed(
                _("This API key has been revoked."), code="revoked_key"
            )
        if api_key.has_expired:
            raise exceptions.AuthenticationFailed(
                _("This API key has expired."), code="expired_key"
            )
        if not api_key.partner.active:
            raise exceptions.AuthenticationFailed(
                _("This partner's access is suspended."), code="inactive_partner"
            )
        record_use(api_key)
        return AnonymousUser(), api_key

    def authenticate_header(self, request):
        return KEYWORD


def partner_key(request) -> PartnerAPIKey | None:
    return request.auth if isinstance(request.auth, PartnerAPIKey) else None


class PartnerKeyScheme(OpenApiAuthenticationExtension):
    target_class = "incidents.api.auth.PartnerKeyAuthentication"
    name = "PartnerApiKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": 'Your partner key, sent as "Api-Key <key>".',
        }
