"""Fetch and read one article: text, metadata, language and content hash.

Runs outside the filing transaction (it talks to the network) and stores its
result with the status ``fetched``; a duplicate of a stored story (same
content hash) is marked skipped, pointing at the original."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from incidents.ingest.fetch import HTML_TYPES, TEXT_TYPES, fetch
from incidents.ingest.reading import (
    ReadArticle,
    content_hash,
    looks_like_html,
    read_html,
    read_text,
)
from incidents.models import Article, ArticleStatus, CandidateStatus
from incidents.validators import clean_title, plausible_publication

SUPPORTED_LANGUAGES = {"en", "fr"}


def fetch_and_read(article: Article) -> ReadArticle:
    fetched = fetch(article.url, accept=HTML_TYPES + TEXT_TYPES)
    if fetched.content_type in TEXT_TYPES and not looks_like_html(fetched.body):
        return read_text(fetched.body.decode(fetched.charset or "utf-8", errors="replace"))
    return read_html(fetched.body, charset=fetched.charset, url=fetched.url)


@transaction.atomic
def store_reading(article: Article, reading: ReadArticle) -> Article:
    """Save what was read; returns the article with its new status. If another
    run of the task got further in the meantime (a redelivered message), its
    result stands and nothing is overwritten."""
    current = Article.objects.select_for_update().get(pk=article.pk)
    if current.status in (ArticleStatus.PROCESSED, ArticleStatus.SKIPPED, ArticleStatus.FETCHED):
        return current
    article = current
    article.text = reading.text
    article.title = clean_title(article.title or reading.title or "")
    article.outlet = article.outlet or reading.outlet
    article.published_at = plausible_publication(article.published_at) or plausible_publication(
        reading.published_at
    )
    article.language = reading.language
    article.content_hash = content_hash(reading.text)
    article.fetched_at = timezone.now()
    article.error = ""
    duplicate = (
        Article.objects.filter(content_hash=article.content_hash)
        .exclude(pk=article.pk)
        .only("pk")
        .first()
    )
    if duplicate is not None:
        article.content_hash = None
        article.status = ArticleStatus.SKIPPED
        article.error = f"same text as article #{duplicate.pk}"
    elif article.language not in SUPPORTED_LANGUAGES:
        article.status = ArticleStatus.SKIPPED
        article.error = f"language {article.language!r} is not supported (en, fr)"
    else:
        article.status = ArticleStatus.FETCHED
    try:
        with transaction.atomic():
            article.save()
    except IntegrityError:
        # Another worker stored the same text a moment ago.
        article.content_hash = None
        article.status = ArticleStatus.SKIPPED
        article.error = "same text as another article stored at the same time"
        article.save()
    return article


def record_failure(article_id: int, message: str, *, final: bool) -> None:
    Article.objects.filter(pk=article_id).exclude(status=ArticleStatus.PROCESSED).update(
        error=message[:5000],
        **({"status": ArticleStatus.FAILED} if final else {}),
    )


@transaction.atomic
def reprocess(article: Article) -> Article:
    """Make the article ready to be extracted again (e.g. after an editor
    added a missing place); the caller enqueues it. Pending candidates from
    the previous run are replaced; reviewed ones, sources and toll revisions
    stay (filing does not record them twice)."""
    article = Article.objects.select_for_update().get(pk=article.pk)
    article.candidates.filter(status=CandidateStatus.PENDING).delete()
    article.status = ArticleStatus.FETCHED if article.text else ArticleStatus.PENDING
    article.error = ""
    article.save(update_fields=["status", "error"])
    return article
