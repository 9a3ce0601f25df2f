"""Celery tasks of the ingestion pipeline. Each takes ids, calls the ingest
services and is idempotent: running one twice (after a worker dies, say)
stores nothing twice. Acknowledgement is late and time limits are global
(settings: CELERY_TASK_ACKS_LATE, CELERY_TASK_TIME_LIMIT).

Nothing relies on the broker keeping its messages: an article whose message
was lost (Redis restarted empty, a submission made while Redis was down) is
still pending in the database, and ``requeue_stuck_articles`` (beat) queues
it again once it has waited longer than INGEST_STUCK_AFTER_SECONDS.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError, connections, transaction
from django.db.models import F
from django.utils import timezone

from incidents.ingest.articles import fetch_and_read, record_failure, store_reading
from incidents.ingest.feeds import poll
from incidents.ingest.fetch import FetchError, TransientFetchError
from incidents.ingest.queue import BROKER_ERRORS, publish_failed
from incidents.ingest.reading import UnreadableDocument
from incidents.ingest.review import file_and_auto_approve
from incidents.models import Article, ArticleStatus, Feed

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)

RETRY = {
    "autoretry_for": (TransientFetchError, *DATABASE_ERRORS),
    "retry_backoff": 10,
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 5,
}

# Articles in these states still have work to do; one that stays in them
# without being picked up has lost its message.
UNFINISHED = (ArticleStatus.PENDING, ArticleStatus.FETCHED)


@shared_task
def poll_due_feeds() -> int:
    """Run by beat every minute: enqueue a poll of every active feed that is due."""
    now = timezone.now()
    due = [
        feed.pk
        for feed in Feed.objects.filter(active=True)
        if feed.last_polled_at is None
        or feed.last_polled_at + timedelta(minutes=feed.poll_interval_minutes) <= now
    ]
    for feed_id in due:
        poll_feed.delay(feed_id)
    return len(due)


@shared_task(**RETRY)
def poll_feed(feed_id: int) -> list[int]:
    feed = Feed.objects.get(pk=feed_id)
    try:
        result = poll(feed)
    except TransientFetchError:
        raise
    except FetchError as exc:
        logger.warning("feed poll failed", extra={"feed": feed.url, "error": str(exc)})
        return []
    for article_id in result.new_article_ids:
        process_article.delay(article_id)
    _mark_queued(result.new_article_ids)
    return result.new_article_ids


@shared_task(bind=True, **RETRY)
def process_article(self, article_id: int) -> str:
    """Fetch (if not yet), read, extract and file one article."""
    Article.objects.filter(pk=article_id).update(
        attempts=F("attempts") + 1, queued_at=timezone.now()
    )
    article = Article.objects.get(pk=article_id)
    if article.status in (ArticleStatus.PROCESSED, ArticleStatus.SKIPPED):
        return article.status
    try:
        if article.status in (ArticleStatus.PENDING, ArticleStatus.FAILED) or not article.text:
            article = store_reading(article, fetch_and_read(article))
            if article.status == ArticleStatus.SKIPPED:
                return article.status
        file_and_auto_approve(article.pk)
    except TransientFetchError as exc:
        final = self.request.retries >= self.max_retries
        _record_failure(article_id, f"{exc} (attempt {self.request.retries + 1})", final=final)
        raise
    except (FetchError, UnreadableDocument) as exc:
        _record_failure(article_id, str(exc), final=True)
        return ArticleStatus.FAILED
    except DATABASE_ERRORS as exc:
        # The database went away mid-task: retried (the article stays pending).
        final = self.request.retries >= self.max_retries
        _record_failure(article_id, f"database unavailable: {exc}", final=final)
        raise
    except Exception as exc:
        _record_failure(article_id, f"{type(exc).__name__}: {exc}", final=True)
        raise
    logger.info("article processed", extra={"article": article_id})
    return ArticleStatus.PROCESSED


def _record_failure(article_id: int, message: str, *, final: bool) -> None:
    """Record the error on the article, on a fresh connection if the one the
    task used has died; if the database is still down the retry records it."""
    logger.warning(
        "article failed", extra={"article": article_id, "error": message, "final": final}
    )
    for conn in connections.all(initialized_only=True):
        if not conn.in_atomic_block:  # eager tasks in tests run inside one
            conn.close_if_unusable_or_obsolete()  # drops a dead connection
    try:
        record_failure(article_id, message, final=final)
    except DATABASE_ERRORS as exc:
        logger.error(
            "could not record the failure", extra={"article": article_id, "error": str(exc)}
        )


@dataclass
class QueueTicket:
    """What happened to a request to queue an article: ``queued`` is None
    until the surrounding transaction commits, then True or False."""

    article_id: int
    queued: bool | None = None
    error: str = ""


def enqueue_article(article: Article) -> QueueTicket:
    """Queue the article once the current transaction commits. If the queue
    is unreachable the article stays pending and the sweeper queues it later;
    the ticket says so, for the person who submitted it."""
    ticket = QueueTicket(article.pk)

    def publish():
        try:
            process_article.delay(ticket.article_id)
        except BROKER_ERRORS as exc:
            ticket.queued, ticket.error = False, str(exc)
            publish_failed(ticket.article_id, exc)
        else:
            ticket.queued = True
            _mark_queued([ticket.article_id])

    transaction.on_commit(publish)
    return ticket


def _mark_queued(article_ids: list[int]) -> None:
    if article_ids:
        Article.objects.filter(pk__in=article_ids).update(queued_at=timezone.now())


@shared_task
def requeue_stuck_articles() -> int:
    """Run by beat: queue again every article still pending or fetched that
    nobody has queued or picked up for INGEST_STUCK_AFTER_SECONDS (its message
    was lost, or it was stored while the queue was down). Safe to run twice
    at once (rows are claimed with SKIP LOCKED) and to re-queue an article
    that is in fact still queued (processing is idempotent)."""
    cutoff = timezone.now() - timedelta(seconds=settings.INGEST_STUCK_AFTER_SECONDS)
    requeued = 0
    with transaction.atomic():
        stuck = list(
            stuck_articles(cutoff)
            .select_for_update(skip_locked=True)
            .order_by("created_at")
            .values_list("pk", flat=True)[: settings.INGEST_SWEEP_BATCH]
        )
        for article_id in stuck:
            try:
                process_article.delay(article_id)
            except BROKER_ERRORS as exc:
                publish_failed(article_id, exc)
                break
            requeued += 1
        _mark_queued(stuck[:requeued])
    if requeued:
        logger.warning("re-queued stuck articles", extra={"count": requeued})
    return requeued


@shared_task
def purge_login_records() -> dict[str, int]:
    """Run by beat daily: sign-in records past their retention (incidents.login_records)."""
    from incidents import login_records

    purged = login_records.purge_login_records()
    logger.info("purged sign-in records", extra=dataclasses.asdict(purged))
    return dataclasses.asdict(purged)


def stuck_articles(cutoff):
    """Unfinished articles nobody has queued or picked up since ``cutoff``."""
    from django.db.models import Q

    return Article.objects.filter(status__in=UNFINISHED).filter(
        Q(queued_at__lt=cutoff) | Q(queued_at__isnull=True, created_at__lt=cutoff)
    )
