"""Poll an RSS/Atom feed: fetch it (honouring ETag/Last-Modified), parse it
with feedparser and store each new item as a pending article."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import UTC, datetime

import feedparser
from django.db import transaction
from django.utils import timezone

from incidents.ingest.article_urls import BadURL, canonical_url
from incidents.ingest.fetch import FEED_TYPES, FetchError, fetch
from incidents.models import Article, ArticleStatus, Feed
from incidents.validators import clean_title, plausible_publication


class MalformedFeed(FetchError):
    pass


@dataclass
class PollResult:
    not_modified: bool = False
    new_article_ids: list[int] = field(default_factory=list)
    skipped_items: list[str] = field(default_factory=list)


def _entry_time(entry) -> tuple[datetime | None, str]:
    """The item's publication time, or None and why it was not believed."""
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None, ""
    try:
        moment = datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
    except (OverflowError, ValueError, OSError):
        return None, "its publication time cannot be read"
    if plausible_publication(moment) is None:
        return None, (
            f"its publication time {moment:%Y-%m-%d %H:%M} is before 1989 or in the future; ignored"
        )
    return moment, ""


def parse_feed(body: bytes):
    parsed = feedparser.parse(body)
    if parsed.bozo and not parsed.entries:
        raise MalformedFeed(f"not a readable RSS/Atom feed: {parsed.get('bozo_exception')}")
    return parsed


def poll(feed: Feed) -> PollResult:
    """Fetch and read ``feed``; new items become pending articles. Records the
    outcome (validators, time, error) on the feed."""
    try:
        fetched = fetch(
            feed.url,
            accept=FEED_TYPES + ("text/html", "text/plain"),
            etag=feed.etag,
            last_modified=feed.last_modified,
        )
        if fetched.not_modified:
            _record(feed, error="")
            return PollResult(not_modified=True)
        parsed = parse_feed(fetched.body)
    except FetchError as exc:
        _record(feed, error=str(exc))
        raise
    result = PollResult()
    with transaction.atomic():
        for entry in parsed.entries:
            link = entry.get("link") or ""
            if not link:
                result.skipped_items.append(
                    f"item {(entry.get('title') or '?')[:80]!r} has no link"
                )
                continue
            try:
                url = canonical_url(link)
            except BadURL as exc:
                result.skipped_items.append(str(exc))
                continue
            published, problem = _entry_time(entry)
            if problem:
                result.skipped_items.append(f"item {(entry.get('title') or '?')[:80]!r}: {problem}")
            article, created = Article.objects.get_or_create(
                url=url,
                defaults={
                    "feed": feed,
                    "title": clean_title(entry.get("title") or ""),
                    "published_at": published,
                    "language": feed.language,
                    "outlet": (parsed.feed.get("title") or "")[:200],
                    "status": ArticleStatus.PENDING,
                },
            )
            if created:
                result.new_article_ids.append(article.pk)
        problems = result.skipped_items
        if parsed.bozo:
            problems = [
                f"feed is malformed ({parsed.get('bozo_exception')}); "
                f"read {len(parsed.entries)} items",
                *problems,
            ]
        _record(
            feed,
            error="; ".join(problems)[:2000],
            etag=fetched.etag,
            last_modified=fetched.last_modified,
        )
    return result


def _record(
    feed: Feed, *, error: str, etag: str | None = None, last_modified: str | None = None
) -> None:
    feed.last_polled_at = timezone.now()
    feed.last_error = error
    fields = ["last_polled_at", "last_error"]
    if etag is not None:
        feed.etag, feed.last_modified = etag[:500], (last_modified or "")[:100]
        fields += ["etag", "last_modified"]
    feed.save(update_fields=fields)
