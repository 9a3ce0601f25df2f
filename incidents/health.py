"""/healthz: tells a load balancer or compose whether this process can serve.

Anyone gets {"ok": true|false} and 200 or 503; which check failed and why
(versions, error texts) is shown only to staff users and to requests with the
HEALTHZ_TOKEN in an X-Health-Token header, since it tells an attacker what we
run and where it hurts."""

import hmac
import time

import redis
from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


def _check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT postgis_lib_version()")
        return f"postgis {cursor.fetchone()[0]}"


def _check_redis() -> str:
    client = redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_timeout=2)
    try:
        client.ping()
    finally:
        client.close()
    return "pong"


CHECKS = {"database": _check_database, "redis": _check_redis}


@never_cache
@require_GET
def healthz(request):
    results, healthy = {}, True
    for name, check in CHECKS.items():
        started = time.monotonic()
        try:
            detail = check()
            ok = True
        except Exception as exc:  # any failure means unhealthy; say which and why
            detail, ok, healthy = f"{type(exc).__name__}: {exc}", False, False
        results[name] = {
            "ok": ok,
            "detail": detail,
            "ms": round((time.monotonic() - started) * 1000, 1),
        }
    body = {"ok": healthy, "checks": results} if _may_see_details(request) else {"ok": healthy}
    return JsonResponse(body, status=200 if healthy else 503)


def _may_see_details(request) -> bool:
    if request.user.is_authenticated and request.user.is_staff:
        return True
    token = settings.HEALTHZ_TOKEN
    offered = request.headers.get("X-Health-Token", "")
    return bool(token) and hmac.compare_digest(offered.encode(), token.encode())
