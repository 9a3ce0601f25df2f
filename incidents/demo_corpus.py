"""Serve the sample corpus (corpus/) as a news site with an RSS feed.

The demo points a Feed at it so the map fills through the real pipeline, and
tests use it as the outside world: real HTML and RSS bytes over real HTTP on
127.0.0.1. Our own small server on the standard library; nothing here is
used in production.
"""

from __future__ import annotations

import hashlib
import json
import threading
from datetime import datetime
from email.utils import format_datetime
from functools import cached_property
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

CORPUS_DIR = Path(__file__).resolve().parent.parent / "corpus"


def load_labels(corpus_dir: Path = CORPUS_DIR) -> list[dict]:
    return json.loads((corpus_dir / "labels.json").read_text(encoding="utf-8"))


def rss_bytes(
    base_url: str, items: list[dict], *, title: str = "ConflictWatch sample corpus"
) -> bytes:
    """An RSS 2.0 document listing ``items`` (labels with slug, title, published)."""
    entries = []
    for item in sorted(items, key=lambda i: i["published"], reverse=True):
        published = format_datetime(datetime.fromisoformat(item["published"]))
        link = f"{base_url}/articles/{item['slug']}.html"
        entries.append(
            f"<item><title>{escape(item['title'])}</title><link>{escape(link)}</link>"
            f"<guid>{escape(link)}</guid><pubDate>{published}</pubDate></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>{escape(base_url)}/</link>"
        "<description>Fictional articles written for ConflictWatch</description>"
        + "".join(entries)
        + "</channel></rss>"
    ).encode("utf-8")


class CorpusHandler(BaseHTTPRequestHandler):
    """Speaks HTTP/1.1 with keep-alive, as real news sites do, so the fetcher's
    connection reuse is exercised (every answer carries a Content-Length)."""

    server: CorpusServer
    protocol_version = "HTTP/1.1"

    def do_GET(self):  # noqa: N802 (http.server's naming)
        path = self.path.split("?", 1)[0]
        extra = self.server.extra_routes.get(path)
        if extra is not None:
            status, headers, body = extra
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return None
        if path == "/feed.xml":
            body = rss_bytes(self.server.base_url, self.server.items)
            etag = f'"{hashlib.sha256(body).hexdigest()[:16]}"'
            if self.headers.get("If-None-Match") == etag:
                return self._send(304, "application/rss+xml", b"", etag=etag)
            return self._send(200, "application/rss+xml; charset=utf-8", body, etag=etag)
        if path.startswith("/articles/") and path.endswith(".html"):
            slug = path[len("/articles/") : -len(".html")]
            if slug in self.server.slugs:
                body = (self.server.corpus_dir / "articles" / f"{slug}.html").read_bytes()
                return self._send(200, "text/html; charset=utf-8", body)
        return self._send(404, "text/plain", b"not found")

    def _send(self, status: int, content_type: str, body: bytes, etag: str = "") -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        if etag:
            self.send_header("ETag", etag)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):  # noqa: A002
        if self.server.verbose:
            super().log_message(format, *args)


class CorpusServer(ThreadingHTTPServer):
    """``CorpusServer(("127.0.0.1", 0))``: the corpus at /articles/<slug>.html
    and /feed.xml; ``extra_routes`` maps other paths to (status, headers, body)."""

    daemon_threads = True

    def __init__(
        self,
        address,
        *,
        corpus_dir: Path = CORPUS_DIR,
        items: list[dict] | None = None,
        verbose: bool = False,
    ):
        super().__init__(address, CorpusHandler)
        self.corpus_dir = corpus_dir
        self.items = items if items is not None else load_labels(corpus_dir)
        self.extra_routes: dict[str, tuple[int, dict[str, str], bytes]] = {}
        self.verbose = verbose

    def handle_error(self, request, client_address):
        # A client closing a kept-alive connection (a worker killed, a fetch
        # past its deadline) is ordinary here, not worth a traceback.
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)

    @cached_property
    def slugs(self) -> set[str]:
        return {item["slug"] for item in self.items}

    @property
    def base_url(self) -> str:
        host, port = self.socket.getsockname()[:2]
        return f"http://{host}:{port}"

    def start_in_thread(self) -> threading.Thread:
        thread = threading.Thread(target=self.serve_forever, daemon=True)
        thread.start()
        return thread
