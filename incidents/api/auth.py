"""Partner API keys: ``Authorization: Api-Key <prefix>.<secret>``.

The key authenticates a partner, not a Django user: ``request.user`` stays
anonymous (so the partner sees what the public would, published incidents
only) and ``request.auth`` is the PartnerAPIKey. A key that is unknown,
revoked, expired or whose partner is deactivated gets a 401 saying which.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from rest_framework_api_key.permissions import KeyParser

from partners.models import PartnerAPIKey

KEYWORD = "Api-Key"
LAST_USED_RESOLUTION = timedelta(minutes=1)


class PartnerKeyAuthentication(authentication.BaseAuthentication):
    parser = KeyParser()

    def authenticate(self, request):
        key = self.parser.get_from_authorization(request._request)
        if key is None:
            return None
        key = key.strip()
        prefix = key.partition(".")[0]
        api_key = (
            PartnerAPIKey.objects.select_related("partner").filter(prefix=prefix).first()
            if prefix else None
        )
        if api_key is None or not api_key.is_valid(key):
            raise exceptions.AuthenticationFailed("Unknown API key.", code="invalid_key")
        if api_key.revoked:
            raise exceptions.AuthenticationFailed("This API key has been revoked.",
                                                  code="revoked_key")
        if api_key.has_expired:
            raise exceptions.AuthenticationFailed("This API key has expired.",
                                                  code="expired_key")
        if not api_key.partner.active:
            raise exceptions.AuthenticationFailed("This partner's access is suspended.",
                                                  code="inactive_partner")
        self._touch(api_key)
        return AnonymousUser(), api_key

    def authenticate_header(self, request):
        return KEYWORD

    @staticmethod
    def _touch(api_key: PartnerAPIKey) -> None:
        """Record use at most once a minute, so reads do not all become writes."""
        now = timezone.now()
        if api_key.last_used_at is None or now - api_key.last_used_at > LAST_USED_RESOLUTION:
            PartnerAPIKey.objects.filter(pk=api_key.pk).update(last_used_at=now)


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
