"""Finding a partner's API key by its prefix, through the shared cache.

Every API request looks its key up, so the key row (with its partner) is kept
in the cache (Redis) beside a generation number per prefix. Saving or deleting
a key or its partner bumps the generation once the transaction commits (see
``partners.signals``), and an entry stored under an older generation is never
used: a revoked key or a suspended partner is refused on the very next
request, by every web process.

Why a generation and not just deleting the entry: a request that read the row
just before the change commits could store it again just after. It read the
generation first, so what it stores is already out of date and is ignored.
"""

from __future__ import annotations

import logging
from datetime import timedelta

import redis
from django.core.cache import cache
from django.db.models import F
from django.utils import timezone
from redis.exceptions import RedisError

from partners.models import PartnerAPIKey

ENTRY_SECONDS = 300
# A generation may expire, once every entry stored before its first bump has:
# a missing generation reads as 0, which no entry stored after a bump carries.
GENERATION_SECONDS = 24 * 3600
LAST_USED_RESOLUTION = timedelta(minutes=1)

logger = logging.getLogger(__name__)


class _Unavailable:
    """Marks a cache that did not answer (Redis down): keys are then read from
    the database, which is the truth; the cache only saves the query."""


UNAVAILABLE = _Unavailable()


def _cache_call(operation: str, call):
    try:
        return call()
    except redis.RedisError as exc:
        from incidents.metrics import REDIS_DEGRADED

        REDIS_DEGRADED.labels(component="key-cache").inc()
        logger.warning(
            "key cache unavailable; reading keys from the database",
            extra={"operation": operation, "error": str(exc)},
        )
        return UNAVAILABLE


def _entry_key(prefix: str) -> str:
    return f"partner-key:{prefix}"


def _generation_key(prefix: str) -> str:
    return f"partner-key-generation:{prefix}"


def key_by_prefix(prefix: str) -> PartnerAPIKey | None:
    """The key with this prefix and its partner, or None."""
    entry_key, generation_key = _entry_key(prefix), _generation_key(prefix)
    found = _cache_call("get", lambda: cache.get_many([entry_key, generation_key]))
    if found is UNAVAILABLE:
        api_key = PartnerAPIKey.objects.select_related("partner").filter(prefix=prefix).first()
        if api_key is not None:
            api_key.cache_generation = None  # never stored back
        return api_key
    generation = found.get(generation_key, 0)
    entry = found.get(entry_key)
    if entry is not None and entry[0] == generation:
        api_key = entry[1]
    else:
        api_key = PartnerAPIKey.objects.select_related("partner").filter(prefix=prefix).first()
        if api_key is None:
            return None
        _cache_call("set", lambda: cache.set(entry_key, (generation, api_key), ENTRY_SECONDS))
    api_key.cache_generation = generation  # what a later re-store must use
    return api_key


def forget(prefixes) -> None:
    """Make cached copies of these keys stale (after a change to them)."""
    for prefix in prefixes:
        try:
            cache.incr(_generation_key(prefix))
        except ValueError:  # never counted yet: any entry was stored under 0
            cache.set(_generation_key(prefix), 1, GENERATION_SECONDS)
        except redis.RedisError as exc:
            # Redis is down: a copy cached before the outage can be served
            # for at most ENTRY_SECONDS once it is back (if it kept its data).
            logger.error(
                "could not invalidate the cached key", extra={"prefix": prefix, "error": str(exc)}
            )


def _count_key(prefix: str) -> str:
    return f"partner-key-requests:{prefix}"


def pending_requests(prefix: str) -> int:
    """Requests counted in the cache and not yet added to ``request_count``."""
    try:
        return int(cache.get(_count_key(prefix)) or 0)
    except CACHE_ERRORS:
        return 0


# Counting is bookkeeping: a cache outage must not refuse the request.
CACHE_ERRORS = (ConnectionError, OSError, RedisError)


def record_use(api_key: PartnerAPIKey) -> None:
    """Count the request, and note when the key was last used at most once a
    minute (adding the requests counted since), so reads do not all become
    writes."""
    try:
        cache.incr(_count_key(api_key.prefix))
    except ValueError:  # first request since the last flush
        cache.set(_count_key(api_key.prefix), 1, None)
    except CACHE_ERRORS:
        pass
    now = timezone.now()
    if api_key.last_used_at is not None and now - api_key.last_used_at <= LAST_USED_RESOLUTION:
        return
    counted = pending_requests(api_key.prefix)
    if counted:
        try:
            cache.decr(_count_key(api_key.prefix), counted)
        except (ValueError, *CACHE_ERRORS):
            counted = 0
    PartnerAPIKey.objects.filter(pk=api_key.pk).update(
        last_used_at=now, request_count=F("request_count") + counted
    )
    api_key.last_used_at = now
    # Under the generation read with the row: if the key changed since, the
    # copy stored here is ignored like any stale one.
    if api_key.cache_generation is not None:
        _cache_call(
            "set",
            lambda: cache.set(
                _entry_key(api_key.prefix), (api_key.cache_generation, api_key), ENTRY_SECONDS
            ),
        )
