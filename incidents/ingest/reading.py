"""Turn fetched bytes into an article's text and metadata.

Main text and metadata come from trafilatura (which also reads the page's
published date through htmldate); language from the project's one detector
(incidents.extraction.language). Odd encodings are decoded by the declared
charset, else trafilatura's own detection.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime

import trafilatura
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from htmldate import find_date

from incidents.extraction.language import detect_language

MIN_TEXT_CHARS = 80  # main text of a web page; less is a menu or an error page
MIN_PASTED_CHARS = 30  # pasted text: one sentence can report an incident


class UnreadableDocument(ValueError):
    """Nothing usable in the document; the message says why."""


@dataclass
class ReadArticle:
    title: str
    text: str
    published_at: datetime | None
    outlet: str
    language: str


def decode(body: bytes, charset: str | None) -> str | bytes:
    """Decode with the declared charset when it is known; else leave the bytes
    to trafilatura, which sniffs the encoding from the document itself."""
    if charset:
        try:
            return body.decode(charset, errors="replace")
        except LookupError:
            pass
    return body


def read_html(
    body: bytes | str, *, charset: str | None = None, url: str | None = None
) -> ReadArticle:
    content = decode(body, charset) if isinstance(body, bytes) else body
    document = trafilatura.bare_extraction(
        content,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
    )
    if document is None:
        raise UnreadableDocument(_("No main text was found in the page."))
    data = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    text = (data.get("text") or "").strip()
    if len(text) < MIN_TEXT_CHARS:
        raise UnreadableDocument(
            _("The main text is too short (%(count)d characters).") % {"count": len(text)}
        )
    return ReadArticle(
        title=(data.get("title") or "").strip()[:1000],
        text=text,
        published_at=_published_from_page(content) or _published(data.get("date")),
        outlet=(data.get("sitename") or "").strip()[:200],
        language=detect_language(text),
    )


def read_text(text: str) -> ReadArticle:
    text = text.strip()
    if len(text) < MIN_PASTED_CHARS:
        raise UnreadableDocument(
            _("The text is too short (%(count)d characters).") % {"count": len(text)}
        )
    first_line = text.splitlines()[0].strip()
    return ReadArticle(
        title=first_line[:300],
        text=text,
        published_at=None,
        outlet="",
        language=detect_language(text),
    )


def read_document(content: bytes | str) -> ReadArticle:
    """HTML or plain text already in hand (a file, a paste), read as what it looks like."""
    if looks_like_html(content):
        return read_html(content)
    return read_text(
        content.decode("utf-8", errors="replace") if isinstance(content, bytes) else content
    )


def looks_like_html(content: bytes | str) -> bool:
    head = content[:2048].lower() if isinstance(content, bytes) else content[:2048].lower().encode()
    return b"<html" in head or b"<!doctype html" in head or b"<body" in head or b"<p" in head


def _published_from_page(content: str | bytes) -> datetime | None:
    """The page's own publication time, with the time of day when it gives one."""
    try:
        found = find_date(content, outputformat="%Y-%m-%dT%H:%M:%S%z", original_date=True)
    except Exception:  # htmldate on hostile markup: fall back to trafilatura's date
        return None
    return _published(found)


def _published(value) -> datetime | None:
    if not value:
        return None
    parsed: datetime | None
    try:
        parsed = datetime.fromisoformat(str(value))
    except ValueError:
        parsed = parse_datetime(str(value))
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


_SPACE = re.compile(r"\s+")


def content_hash(text: str) -> str:
    """SHA-256 of the text with case and white space folded: the same story
    re-published under another URL has the same hash."""
    return hashlib.sha256(_SPACE.sub(" ", text).strip().lower().encode("utf-8")).hexdigest()
