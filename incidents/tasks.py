"""Celery tasks of the ingestion pipeline. Each takes ids, calls the ingest
services and is idempotent: running one twice (after a worker dies, say)
stores nothing twice. Acknowledgement is late and time limits are global
(settings: CELERY_TASK_ACKS_LATE, CELERY_TASK_TIME_LIMIT)."""

from __future__ import annotations

import logging

from celery import shared_task
from django.db import OperationalError, transaction
from django.db.models import F
from django.utils import timezone

from incidents.ingest.articles import fetch_and_read, record_failure, store_reading
from incidents.ingest.feeds import poll
from incidents.ingest.fetch import FetchError, TransientFetchError
from incidents.ingest.reading import UnreadableDocument
from incidents.ingest.review import file_and_auto_approve
from incidents.models import Article, ArticleStatus, Feed

logger = logging.getLogger(__name__)

RETRY = {
    "autoretry_for": (TransientFetchError, OperationalError),
    "retry_backoff": 10,
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 5,
}


@shared_task
def poll_due_feeds() -> int:
    """Run by beat every minute: enqueue a poll of every active feed that is due."""
    now = timezone.now()
    due = [
        feed.pk for feed in Feed.objects.filter(active=True)
        if feed.last_polled_at is None
        or feed.last_polled_at + timezone.timedelta(minutes=feed.poll_interval_minutes) <= now
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
        logger.warning("feed %s: %s", feed.url, exc)
        return []
    for article_id in result.new_article_ids:
        process_article.delay(article_id)
    return result.new_article_ids


@shared_task(bind=True, **RETRY)
def process_article(self, article_id: int) -> str:
    """Fetch (if not yet), read, extract and file one article."""
    Article.objects.filter(pk=article_id).update(attempts=F("attempts") + 1)
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
        record_failure(article_id, f"{exc} (attempt {self.request.retries + 1})", final=final)
        raise
    except (FetchError, UnreadableDocument) as exc:
        record_failure(article_id, str(exc), final=True)
        return ArticleStatus.FAILED
    except Exception as exc:
        record_failure(article_id, f"{type(exc).__name__}: {exc}", final=True)
        raise
    return ArticleStatus.PROCESSED


def enqueue_article(article: Article) -> None:
    """Process the article once the current transaction commits."""
    transaction.on_commit(lambda: process_article.delay(article.pk))
