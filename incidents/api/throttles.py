"""Per-key and per-user request rates, counted in Redis.

A partner key is throttled at its partner's ``requests_per_minute``; a
signed-in user (dashboard exports, browsable API) at the "user" rate. Over the
limit the exception handler answers 429 with ``Retry-After``.

Each limit is a sliding window over the last minute, kept as a Redis sorted set
of request times and checked and counted by one Lua script: one round trip,
and atomic, so concurrent requests on several web processes can never let
more through than the limit (a read-then-write counter can).

When Redis is unreachable the throttle fails open: the request is served
unthrottled, logged and counted (conflictwatch_redis_degraded_requests). The
rate limit protects capacity, not data: authentication still reads the key
from the database, so nobody gets in who should not, while a 503 would turn
a cache outage into a full outage for every partner (README, "Partner API").
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from functools import cache

import redis
from django.conf import settings
from rest_framework.throttling import BaseThrottle

from incidents.api.auth import partner_key

logger = logging.getLogger(__name__)

# KEYS: the sorted set of admitted request times, its sequence counter.
# ARGV: the limit, the window in microseconds.
# Returns {1, 0} when admitted, else {0, microseconds until a slot frees}.
SLIDING_WINDOW = """
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < limit then
  local member = redis.call('INCR', KEYS[2])
  redis.call('ZADD', KEYS[1], now, member)
  local ttl = math.ceil(window / 1000)
  redis.call('PEXPIRE', KEYS[1], ttl)
  redis.call('PEXPIRE', KEYS[2], ttl)
  return {1, 0}
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {0, tonumber(oldest[2]) + window - now}
"""


@dataclass(frozen=True)
class Decision:
    allowed: bool
    wait_seconds: float  # until the next request would be admitted; 0 when allowed


@cache
def _script():
    client = redis.Redis.from_url(
        settings.CACHES["default"]["LOCATION"],
        socket_timeout=settings.REDIS_SOCKET_TIMEOUT,
        socket_connect_timeout=settings.REDIS_SOCKET_TIMEOUT,
    )
    return client.register_script(SLIDING_WINDOW)


def redis_key(name: str) -> str:
    return f"{settings.CACHES['default'].get('KEY_PREFIX') or 'cw'}:api-throttle:{name}"


def hit(name: str, *, limit: int, seconds: int) -> Decision:
    """Count one request against ``limit`` per ``seconds`` for ``name``,
    unless that would go over it."""
    key = redis_key(name)
    allowed, wait_us = _script()(keys=[key, f"{key}:seq"], args=[limit, seconds * 1_000_000])
    return Decision(bool(allowed), max(0, int(wait_us)) / 1_000_000)


class SlidingWindowThrottle(BaseThrottle):
    """A DRF throttle on ``hit``; subclasses say whose budget a request uses."""

    def limit_for(self, request) -> tuple[str, int, int] | None:
        """(name, limit, seconds) or None for requests this throttle ignores."""
        raise NotImplementedError

    def allow_request(self, request, view):
        limit = self.limit_for(request)
        if limit is None:
            return True
        name, count, seconds = limit
        try:
            self.decision = hit(name, limit=count, seconds=seconds)
        except redis.RedisError as exc:
            from incidents.metrics import REDIS_DEGRADED

            REDIS_DEGRADED.labels(component="throttle").inc()
            logger.warning(
                "throttle unavailable; request served unthrottled",
                extra={"throttle": name, "error": str(exc)},
            )
            return True
        return self.decision.allowed

    def wait(self):
        # Whole seconds, rounded up, so a client that waits that long gets in.
        return max(1, math.ceil(self.decision.wait_seconds))


class PartnerKeyThrottle(SlidingWindowThrottle):
    def limit_for(self, request):
        key = partner_key(request)
        if key is None:
            return None
        return f"key:{key.prefix}", key.partner.requests_per_minute, 60


class SignedInUserThrottle(SlidingWindowThrottle):
    def limit_for(self, request):
        if partner_key(request) is not None or not request.user.is_authenticated:
            return None
        count, seconds = parse_rate(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["user"])
        return f"user:{request.user.pk}", count, seconds


PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """REST framework's rate notation: "600/min" -> (600, 60)."""
    count, period = rate.split("/")
    return int(count), PERIODS[period[0]]
