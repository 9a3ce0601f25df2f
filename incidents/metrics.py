"""Prometheus metrics for web and tasks, served at /metrics.

Requests (counts, latencies, statuses by view) come from django-prometheus's
middleware. Ingestion is read from where the truth is, at scrape time: the
articles by processing status (counts and failures), the articles stuck
without a worker (what the sweeper will queue again), and the depth of the
Celery queue in Redis. Reading the database and the broker, rather than
counting in each worker process, gives one right answer whichever web
process is scraped and however many workers there are.

Several processes: gunicorn's workers each count their own requests. With
PROMETHEUS_MULTIPROC_DIR set (gunicorn.conf.py sets it for its workers),
prometheus_client writes every process's counters and histograms to files
there and /metrics sums them, so any worker answers a scrape with the
totals of all (and of workers recycled since); the ingestion gauges are
computed at scrape time either way.

Access: with METRICS_TOKEN set, a request needs ``Authorization: Bearer
<token>``; without it, only requests from this machine's loopback addresses.
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
import os

from django.conf import settings
from django.http import HttpResponse, HttpResponseForbidden
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from prometheus_client import REGISTRY, CollectorRegistry, Counter, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.exposition import CONTENT_TYPE_LATEST

logger = logging.getLogger(__name__)

QUEUE_PUBLISH_FAILURES = Counter(
    "conflictwatch_queue_publish_failures",
    "Tasks that could not be queued because the broker was unreachable "
    "(the articles stay pending; the sweeper queues them later).",
)
REDIS_DEGRADED = Counter(
    "conflictwatch_redis_degraded_requests",
    "API requests served while Redis was unreachable, by what was skipped.",
    ["component"],
)


class IngestionCollector:
    """Gauges computed from the database and the broker on every scrape."""

    def collect(self):
        from django.db.models import Count

        from incidents.models import Article, Feed
        from incidents.tasks import stuck_articles

        statuses = GaugeMetricFamily(
            "conflictwatch_articles", "Articles by processing status.", labels=["status"]
        )
        counts = dict(
            Article.objects.values_list("status").annotate(n=Count("id")).values_list("status", "n")
        )
        from incidents.models import ArticleStatus

        for status in ArticleStatus.values:
            statuses.add_metric([status], counts.get(status, 0))
        yield statuses

        cutoff = timezone.now() - timezone.timedelta(seconds=settings.INGEST_STUCK_AFTER_SECONDS)
        yield GaugeMetricFamily(
            "conflictwatch_articles_stuck",
            "Unfinished articles nobody has queued or picked up for INGEST_STUCK_AFTER_SECONDS.",
            value=stuck_articles(cutoff).count(),
        )
        yield GaugeMetricFamily(
            "conflictwatch_feeds_failing",
            "Active feeds whose last poll recorded an error.",
            value=Feed.objects.filter(active=True).exclude(last_error="").count(),
        )

        depth = queue_depth()
        yield GaugeMetricFamily(
            "conflictwatch_broker_up",
            "1 when the Celery broker answered this scrape.",
            value=0 if depth is None else 1,
        )
        if depth is not None:
            yield GaugeMetricFamily(
                "conflictwatch_queue_depth", "Messages waiting in the Celery queue.", value=depth
            )


def queue_depth() -> int | None:
    """Messages waiting in our Celery queue, or None when Redis is unreachable."""
    import redis

    client = redis.Redis.from_url(
        settings.CELERY_BROKER_URL, socket_timeout=2, socket_connect_timeout=2
    )
    try:
        return int(client.llen(settings.CELERY_TASK_DEFAULT_QUEUE))
    except redis.RedisError:
        return None
    finally:
        client.close()


_collector_registered = False


def register_collectors() -> None:
    global _collector_registered
    if not _collector_registered:
        REGISTRY.register(IngestionCollector())
        _collector_registered = True


def scrape_registry() -> CollectorRegistry:
    """What a scrape reports: this process's registry, or, in multiprocess
    mode, the sum over every process's files (a registry per scrape, as
    prometheus_client's multiprocess mode asks), with the ingestion gauges."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        registry.register(IngestionCollector())
        return registry
    register_collectors()
    return REGISTRY


def _allowed(request) -> bool:
    token = settings.METRICS_TOKEN
    if token:
        given = request.headers.get("Authorization", "")
        return hmac.compare_digest(given.encode(), f"Bearer {token}".encode())
    try:
        return ipaddress.ip_address(request.META.get("REMOTE_ADDR", "")).is_loopback
    except ValueError:
        return False


@never_cache
@require_GET
def metrics_view(request):
    if not _allowed(request):
        return HttpResponseForbidden(
            "metrics need the bearer token (METRICS_TOKEN)", content_type="text/plain"
        )
    return HttpResponse(generate_latest(scrape_registry()), content_type=CONTENT_TYPE_LATEST)
