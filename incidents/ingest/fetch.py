"""Fetch a remote document safely.

Only public http(s) hosts: every connection checks the address it actually
reached (after DNS, and again for each redirect hop), so a hostname that
resolves to a loopback, private, link-local or otherwise reserved address is
refused even if DNS changes between checks. ``FETCH_ALLOW_LOOPBACK`` lets the
demo and the tests reach 127.0.0.1 — and nothing else that is private.
Time-outs, a size cap, a content-type check and a bounded number of redirects
apply to every fetch, and an overall deadline (FETCH_TOTAL_TIMEOUT) that a
server dripping its bytes cannot stretch: a timer shuts the sockets of the
fetch down when it passes, whatever the fetch is waiting for.

Connections are kept alive between fetches (one pool per host). A connection
goes back to the pool only after its response was read to the end; a
redirect's or an error's body is drained when small and the connection closed
otherwise, so the next request on it never reads another response's bytes.
"""

from __future__ import annotations

import contextvars
import ipaddress
import socket
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import urllib3
from django.conf import settings
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from incidents.ingest.article_urls import canonical_url


class FetchError(Exception):
    """The document could not be fetched; the message says why."""

    transient = False


class TransientFetchError(FetchError):
    """Worth retrying later (time-out, connection reset, 5xx, 429)."""

    transient = True


class ForbiddenAddress(FetchError):
    pass


class ForbiddenPort(ForbiddenAddress):
    """A news site answers on 80 or 443; any other port on a public host is
    more likely an internal service reached through a crafted URL."""


def check_host(host: str, port: int) -> None:
    """Refuse before connecting when any address the host resolves to is not
    allowed, or the port is not in FETCH_ALLOWED_PORTS (the connection
    re-checks the address it actually reached). Loopback, when
    FETCH_ALLOW_LOOPBACK lets us reach it at all, may use any port: the demo
    and the tests serve their sites on high ports."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise TransientFetchError(f"cannot resolve {host}: {exc}") from exc
    for info in infos:
        address = str(info[4][0])  # the host of an IPv4 or IPv6 socket address
        check_address(address)
        if port not in settings.FETCH_ALLOWED_PORTS and not _is_loopback(address):
            allowed = ", ".join(str(p) for p in sorted(settings.FETCH_ALLOWED_PORTS))
            raise ForbiddenPort(
                f"refusing to fetch from port {port} of {host} (allowed: {allowed}; "
                "see FETCH_ALLOWED_PORTS)"
            )


def _is_loopback(ip: str) -> bool:
    return ipaddress.ip_address(ip.split("%")[0]).is_loopback


def check_address(ip: str) -> None:
    address = ipaddress.ip_address(ip.split("%")[0])
    if address.is_loopback and settings.FETCH_ALLOW_LOOPBACK:
        return
    if not address.is_global or address.is_multicast:
        raise ForbiddenAddress(f"refusing to fetch from non-public address {address}")


@dataclass
class Deadline:
    """The time by which one fetch must be done; when it passes, the sockets
    the fetch used are shut down, which ends any read in progress."""

    seconds: float
    at: float = 0.0
    expired: bool = False
    sockets: list = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self):
        self.at = time.monotonic() + self.seconds
        self._timer = threading.Timer(self.seconds, self.expire)
        self._timer.daemon = True

    def __enter__(self) -> Deadline:
        self._token = _CURRENT_DEADLINE.set(self)
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._timer.cancel()
        _CURRENT_DEADLINE.reset(self._token)

    def remaining(self) -> float:
        return max(0.001, self.at - time.monotonic())

    def watch(self, sock) -> None:
        with self._lock:
            if self.expired:
                _shut(sock)
            else:
                self.sockets.append(sock)

    def expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self.sockets:
                _shut(sock)


def _shut(sock) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass  # already closed


_CURRENT_DEADLINE: contextvars.ContextVar[Deadline | None] = contextvars.ContextVar(
    "fetch_deadline", default=None
)


class _CheckedMixin:
    def request(self, *args, **kwargs):
        # Every request (on a new or a reused connection) is under the
        # deadline of the fetch that makes it.
        super().request(*args, **kwargs)
        deadline = _CURRENT_DEADLINE.get()
        if deadline is not None and self.sock is not None:
            deadline.watch(self.sock)

    def connect(self):
        super().connect()
        peer = self.sock.getpeername()[0]
        try:
            check_address(peer)
        except ForbiddenAddress:
            self.sock.close()
            raise


class CheckedHTTPConnection(_CheckedMixin, HTTPConnection):
    pass


class CheckedHTTPSConnection(_CheckedMixin, HTTPSConnection):
    pass


class CheckedHTTPPool(HTTPConnectionPool):
    ConnectionCls = CheckedHTTPConnection


class CheckedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = CheckedHTTPSConnection


def _pool_manager() -> urllib3.PoolManager:
    manager = urllib3.PoolManager(num_pools=8, retries=False)
    manager.pool_classes_by_scheme = {"http": CheckedHTTPPool, "https": CheckedHTTPSPool}
    return manager


_MANAGER = None


def _manager() -> urllib3.PoolManager:
    global _MANAGER
    if _MANAGER is None:
        _MANAGER = _pool_manager()
    return _MANAGER


HTML_TYPES = ("text/html", "application/xhtml+xml")
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
    "application/rdf+xml",
)
TEXT_TYPES = ("text/plain",)


@dataclass
class Fetched:
    url: str  # canonical URL after redirects
    status: int
    content_type: str
    charset: str | None
    body: bytes
    etag: str = ""
    last_modified: str = ""

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def fetch(url: str, *, accept: tuple[str, ...], etag: str = "", last_modified: str = "") -> Fetched:
    """GET ``url`` following at most FETCH_MAX_REDIRECTS redirects, all within
    FETCH_TOTAL_TIMEOUT; raise FetchError (or TransientFetchError) with a
    clear message on any refusal."""
    total = settings.FETCH_TOTAL_TIMEOUT
    with Deadline(total) as deadline:
        try:
            fetched = _fetch(
                url, accept=accept, etag=etag, last_modified=last_modified, deadline=deadline
            )
        except FetchError:
            if deadline.expired:
                raise _too_slow(url, total) from None
            raise
        if deadline.expired:  # a body cut short by the timer, without a length to check
            raise _too_slow(url, total)
        return fetched


def _too_slow(url: str, total: float) -> TransientFetchError:
    return TransientFetchError(f"{url} took longer than the {total:g}-second limit for a fetch")


def _fetch(
    url: str, *, accept: tuple[str, ...], etag: str, last_modified: str, deadline: Deadline
) -> Fetched:
    headers = {"User-Agent": settings.FETCH_USER_AGENT, "Accept": ", ".join(accept) + ", */*;q=0.1"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    current = canonical_url(url)
    for _hop in range(settings.FETCH_MAX_REDIRECTS + 1):
        parts = urlsplit(current)
        if not parts.hostname:
            raise FetchError(f"no host in {current}")
        check_host(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
        timeout = urllib3.Timeout(
            connect=min(settings.FETCH_CONNECT_TIMEOUT, deadline.remaining()),
            read=min(settings.FETCH_READ_TIMEOUT, deadline.remaining()),
        )
        try:
            response = _manager().request(
                "GET",
                current,
                headers=headers,
                timeout=timeout,
                redirect=False,
                preload_content=False,
                retries=False,
            )
        except ForbiddenAddress:
            raise
        except urllib3.exceptions.ProtocolError as exc:
            cause = exc.args[1] if len(exc.args) > 1 else exc
            if isinstance(cause, ForbiddenAddress):
                raise cause from None
            raise TransientFetchError(f"connection failed for {current}: {exc}") from exc
        except urllib3.exceptions.NewConnectionError as exc:
            raise TransientFetchError(f"cannot connect to {current}: {exc}") from exc
        except urllib3.exceptions.HTTPError as exc:
            if isinstance(exc.__context__, ForbiddenAddress):
                raise exc.__context__ from None
            raise TransientFetchError(f"fetching {current} failed: {exc}") from exc
        read_to_end = False
        try:
            if response.status in (301, 302, 303, 307, 308):
                location = response.headers.get("Location")
                if not location:
                    raise FetchError(f"redirect without a Location from {current}")
                current = canonical_url(urljoin(current, location))
                continue
            fetched = _read(current, response, accept)
            read_to_end = True
            return fetched
        except (urllib3.exceptions.HTTPError, OSError) as exc:
            raise TransientFetchError(f"reading {current} failed: {exc}") from exc
        finally:
            _give_back(response, read_to_end=read_to_end)
    raise FetchError(f"more than {settings.FETCH_MAX_REDIRECTS} redirects from {url}")


DRAIN_LIMIT = 64 * 1024


def _give_back(response, *, read_to_end: bool) -> None:
    """Return the connection to the pool only once nothing of this response
    is left unread on it: drain a short unread body (a redirect's, an
    error's), close the connection on a longer one or on any trouble."""
    if not read_to_end:
        declared = response.headers.get("Content-Length", "")
        small = declared.isdigit() and int(declared) <= DRAIN_LIMIT
        try:
            if small:
                response.read()  # bounded by the declared length
                read_to_end = True
        except (urllib3.exceptions.HTTPError, OSError):
            read_to_end = False
    if not read_to_end:
        response.close()  # also closes the connection; the pool opens a new one
    response.release_conn()


def _read(url: str, response, accept: tuple[str, ...]) -> Fetched:
    if response.status == 304:
        return Fetched(url, 304, "", None, b"")
    if response.status == 429 or response.status >= 500:
        raise TransientFetchError(f"{url} answered HTTP {response.status}")
    if response.status >= 400:
        raise FetchError(f"{url} answered HTTP {response.status}")
    content_type, charset = _content_type(response.headers.get("Content-Type", ""))
    if content_type and content_type not in accept:
        raise FetchError(f"{url} is {content_type}, not one of {', '.join(accept)}")
    declared = response.headers.get("Content-Length")
    limit = settings.FETCH_MAX_BYTES
    if declared and declared.isdigit() and int(declared) > limit:
        raise FetchError(f"{url} is {int(declared):,} bytes, over the {limit:,}-byte limit")
    chunks, size = [], 0
    for chunk in response.stream(64 * 1024):
        size += len(chunk)
        if size > limit:
            raise FetchError(f"{url} is over the {limit:,}-byte limit")
        chunks.append(chunk)
    body = b"".join(chunks)
    if b"\x00" in body[:4096] and not body.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FetchError(f"{url} looks binary, not a text document")
    return Fetched(
        url,
        response.status,
        content_type,
        charset,
        body,
        etag=response.headers.get("ETag", ""),
        last_modified=response.headers.get("Last-Modified", ""),
    )


def _content_type(header: str) -> tuple[str, str | None]:
    parts = [p.strip() for p in header.split(";")]
    charset = None
    for part in parts[1:]:
        if part.lower().startswith("charset="):
            charset = part.split("=", 1)[1].strip("\"' ") or None
    return parts[0].lower(), charset
