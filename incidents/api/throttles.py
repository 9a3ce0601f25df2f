"""Per-key and per-user request rates, counted in the Redis cache.

A partner key is throttled at its partner's ``requests_per_minute``; a
signed-in user (dashboard exports, browsable API) at the "user" rate. Over the
limit the exception handler answers 429 with ``Retry-After``.
"""

from rest_framework.throttling import SimpleRateThrottle, UserRateThrottle

from incidents.api.auth import partner_key


class PartnerKeyThrottle(SimpleRateThrottle):
    scope = "partner"

    def __init__(self):
        pass  # the rate is per partner, read in allow_request

    def allow_request(self, request, view):
        key = partner_key(request)
        if key is None:
            return True
        self.rate = f"{key.partner.requests_per_minute}/min"
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view):
        return f"api-throttle:key:{request.auth.prefix}"


class SignedInUserThrottle(UserRateThrottle):
    def get_cache_key(self, request, view):
        if partner_key(request) is not None or not request.user.is_authenticated:
            return None
        return f"api-throttle:user:{request.user.pk}"
