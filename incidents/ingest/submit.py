"""Articles submitted by hand (editors in the admin, partners through the API,
the ingest_article command): a URL to fetch, or text / an HTML file already
in hand. Both then go through the same task as feed items: the caller passes
``enqueue`` (tasks.enqueue_article), so ingestion never imports the tasks."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from incidents.ingest.article_urls import canonical_url
from incidents.ingest.articles import store_reading
from incidents.ingest.reading import content_hash, read_document
from incidents.models import Article, ArticleStatus

Enqueue = Callable[[Article], None]


@transaction.atomic
def submit_url(url: str, *, enqueue: Enqueue | None = None) -> tuple[Article, bool]:
    """Store the URL as a pending article (once) and queue it with ``enqueue``.
    A failed article submitted again is retried."""
    article, created = Article.objects.get_or_create(url=canonical_url(url))
    if created or article.status == ArticleStatus.FAILED:
        if not created:
            Article.objects.filter(pk=article.pk).update(status=ArticleStatus.PENDING, error="")
            article.refresh_from_db()
        if enqueue:
            enqueue(article)
    return article, created


@transaction.atomic
def submit_document(content: str | bytes, *, title: str = "", outlet: str = "",
                    published_at=None, language: str = "", source_url: str = "",
                    enqueue: Enqueue | None = None) -> tuple[Article, bool]:
    """Store text or HTML already in hand. Raises UnreadableDocument when there
    is nothing usable in it."""
    reading = read_document(content)
    if title:
        reading.title = title[:1000]
    if outlet:
        reading.outlet = outlet[:200]
    if published_at:
        reading.published_at = published_at
    if language:
        reading.language = language
    url = canonical_url(source_url) if source_url else (
        f"urn:conflictwatch:text:{content_hash(reading.text)}")
    article, created = Article.objects.get_or_create(url=url)
    if created:
        article = store_reading(article, reading)
        if enqueue and article.status == ArticleStatus.FETCHED:
            enqueue(article)
    return article, created
