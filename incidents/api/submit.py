"""Submitting an article through the API: the same service as the admin's
submission page and the ingest_article command (incidents.ingest.submit)."""

from __future__ import annotations

from rest_framework.exceptions import ValidationError

from incidents.ingest.article_urls import BadURL
from incidents.ingest.reading import UnreadableDocument
from incidents.ingest.submit import submit_document, submit_url
from incidents.models import Article
from incidents.tasks import enqueue_article


def submit_article(
    *, url: str = "", text: str = "", title: str = "", outlet: str = "", language: str = ""
) -> tuple[Article, bool]:
    """Store the submission (or find the article already known) and queue it;
    returns ``(article, created)``. Problems become 400s naming the field."""
    try:
        if text:
            return submit_document(
                text,
                title=title,
                outlet=outlet,
                language=language,
                enqueue=enqueue_article,
                source_url=url,
            )
        return submit_url(url, enqueue=enqueue_article)
    except BadURL as exc:
        raise ValidationError({"url": [str(exc)]}) from exc
    except UnreadableDocument as exc:
        raise ValidationError({"text": [str(exc)]}) from exc
