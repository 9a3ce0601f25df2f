"""Articles submitted by hand (editors in the admin, partners through the API,
the ingest_article command): a URL to fetch, or text / an HTML file already
in hand. Both then go through the same task as feed items: the caller passes
``enqueue`` (tasks.enqueue_article), so ingestion never imports the tasks."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction

from incidents.ingest.article_urls import canonical_url
from incidents.ingest.articles import store_reading
from incidents.ingest.reading import content_hash, read_document
from incidents.models import Article, ArticleStatus

# Queues an article; returns a ticket saying whether it worked (tasks.QueueTicket).
Enqueue = Callable[[Article], Any]


@transaction.atomic
def submit_url(url: str, *, enqueue: Enqueue | None = None) -> tuple[Article, bool]:
    """Store the URL as a pending article (once) and queue it with ``enqueue``.
    A failed article submitted again is retried; one still waiting (pending,
    or fetched but not yet filed, e.g. its message was lost) is queued again.
    The article's ``queue_ticket`` is what ``enqueue`` returned: whether
    queueing worked."""
    article, created = Article.objects.get_or_create(url=canonical_url(url))
    if created or article.status in RESUBMITTABLE:
        if article.status == ArticleStatus.FAILED:
            Article.objects.filter(pk=article.pk).update(status=ArticleStatus.PENDING, error="")
            article.refresh_from_db()
        if enqueue:
            article.queue_ticket = enqueue(article)
    return article, created


@transaction.atomic
def submit_document(
    content: str | bytes,
    *,
    title: str = "",
    outlet: str = "",
    published_at=None,
    language: str = "",
    source_url: str = "",
    enqueue: Enqueue | None = None,
) -> tuple[Article, bool]:
    """Store text or HTML already in hand. Raises UnreadableDocument when there
    is nothing usable in it."""
    reading = read_document(content)
    if title:
        reading.title = title
    if outlet:
        reading.outlet = outlet[:200]
    if published_at:
        reading.published_at = published_at
    if language:
        reading.language = language
    url = (
        canonical_url(source_url)
        if source_url
        else (f"urn:conflictwatch:text:{content_hash(reading.text)}")
    )
    article, created = Article.objects.get_or_create(url=url)
    if created:
        article = store_reading(article, reading)
    if enqueue and article.status in (ArticleStatus.PENDING, ArticleStatus.FETCHED):
        article.queue_ticket = enqueue(article)
    return article, created


# Submitting one of these again queues it again (processing is idempotent).
RESUBMITTABLE = (ArticleStatus.FAILED, ArticleStatus.PENDING, ArticleStatus.FETCHED)


def queue_message(article: Article) -> str:
    """What to tell the person who submitted ``article`` about its queueing,
    or "" when it was queued (or nothing was asked of the queue)."""
    ticket = getattr(article, "queue_ticket", None)
    if ticket is None or ticket.queued is not False:
        return ""
    from django.conf import settings
    from django.utils.translation import gettext

    minutes = max(
        1, round((settings.INGEST_STUCK_AFTER_SECONDS + settings.INGEST_SWEEP_SECONDS) / 60)
    )
    return gettext(
        "The article is stored, but the processing queue is unreachable right "
        "now; it will be queued automatically within about %(minutes)d minutes "
        "of the queue coming back."
    ) % {"minutes": minutes}
