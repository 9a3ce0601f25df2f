"""Read-only traffic on a PostgreSQL streaming replica (``DATABASE_REPLICA_URL``).

Which reads may be a little stale is decided per request, in one place
(``ReplicaReadsMiddleware``): safe-method requests (GET, HEAD, OPTIONS) of the
public pages, the map data and the partner API read the incident tables from
the replica. Everything else reads the primary:

- users who may change incidents (editors, admins), so an editor always sees
  what they have just written (read-after-write), whatever page they open;
  analysts (read-only) and partners read the replica;
- the admin, sign-in and any unsafe method;
- accounts, sessions, partner keys, throttling records: every app but
  ``incidents`` (a key created a second ago must already authenticate);
- Celery tasks and management commands (no request, so no replica).

A replica that does not answer is skipped for ``REPLICA_RETRY_SECONDS`` and
the request is served by the primary, so losing the replica costs load, not
availability. Writes always go to the primary (``db_for_write``).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connections
from django.http import HttpRequest, HttpResponseBase, StreamingHttpResponse
from django.urls import reverse

REPLICA = "replica"
REPLICA_APPS = frozenset({"incidents"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Whoever may change incidents reads the primary, so they see their own writes.
EDITOR_PERMISSION = "incidents.change_incident"

log = logging.getLogger(__name__)

_reads_on_replica: ContextVar[bool] = ContextVar("reads_on_replica", default=False)
_replica_down_until = 0.0


class ReplicaRouter:
    """Sends incident reads to the replica while the current request allows it."""

    def db_for_read(self, model: type[Any], **hints: Any) -> str | None:
        if _reads_on_replica.get() and model._meta.app_label in REPLICA_APPS:
            return REPLICA
        return None

    def db_for_write(self, model: type[Any], **hints: Any) -> str:
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # the replica is a copy of the primary: same rows, same ids

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == "default"


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def replica_available() -> bool:
    """Whether the replica answers; after a failure it is left alone for a while
    instead of costing every request a connection timeout."""
    global _replica_down_until
    if time.monotonic() < _replica_down_until:
        return False
    try:
        # A cursor, not ensure_connection(): it also runs the per-request health
        # check of a kept-alive connection (CONN_HEALTH_CHECKS), which notices
        # a replica that went away since the last request.
        connections[REPLICA].cursor().close()
    except DatabaseError as error:
        _replica_down_until = time.monotonic() + settings.REPLICA_RETRY_SECONDS
        log.warning("read replica unavailable, reading from the primary: %s", error)
        return False
    return True


def may_read_replica(request: HttpRequest) -> bool:
    if request.method not in SAFE_METHODS or request.path.startswith(reverse("admin:index")):
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.has_perm(EDITOR_PERMISSION))


def _streamed_on_replica(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """A streamed body (exports, big map loads) is produced after the view has
    returned: it reads from the replica while it is being sent."""
    previous = _reads_on_replica.set(True)
    try:
        yield from chunks
    finally:
        _reads_on_replica.reset(previous)


class ReplicaReadsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not (replica_configured() and may_read_replica(request) and replica_available()):
            return self.get_response(request)
        token = _reads_on_replica.set(True)
        try:
            response = self.get_response(request)
        finally:
            _reads_on_replica.reset(token)
        if isinstance(response, StreamingHttpResponse):
            content = response.streaming_content
            if isinstance(content, Iterator):  # not an async body (ASGI)
                response.streaming_content = _streamed_on_replica(content)
        return response
