"""Fetching refuses what it must and reads what it can, over real HTTP."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from incidents.ingest.article_urls import BadURL, canonical_url
from incidents.ingest.fetch import (
    HTML_TYPES,
    FetchError,
    ForbiddenAddress,
    ForbiddenPort,
    TransientFetchError,
    check_address,
    check_host,
    fetch,
)
from tests.ingest.conftest import article_url


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "10.1.2.3",
        "192.168.0.10",
        "172.16.5.4",
        "169.254.169.254",
        "::1",
        "fc00::1",
        "0.0.0.0",
        "224.0.0.1",
    ],
)
def test_non_public_addresses_are_refused(settings, address):
    settings.FETCH_ALLOW_LOOPBACK = False
    with pytest.raises(ForbiddenAddress):
        check_address(address)


def test_loopback_setting_allows_only_loopback(settings):
    settings.FETCH_ALLOW_LOOPBACK = True
    check_address("127.0.0.1")
    with pytest.raises(ForbiddenAddress):
        check_address("10.0.0.1")


def test_public_address_is_allowed(settings):
    settings.FETCH_ALLOW_LOOPBACK = False
    check_address("41.73.112.5")


def test_public_host_only_on_web_ports_unless_allowed(settings):
    """An IP literal resolves without DNS and check_host never connects, so
    nothing leaves the machine whichever way this goes."""
    settings.FETCH_ALLOW_LOOPBACK = False
    check_host("41.73.112.5", 80)
    check_host("41.73.112.5", 443)
    for port in (22, 6379, 8080):
        with pytest.raises(ForbiddenPort, match=f"port {port} .*FETCH_ALLOWED_PORTS"):
            check_host("41.73.112.5", port)
    settings.FETCH_ALLOWED_PORTS = [80, 443, 8080]
    check_host("41.73.112.5", 8080)


def test_local_site_refused_without_loopback_setting(news_site, settings):
    settings.FETCH_ALLOW_LOOPBACK = False
    with pytest.raises(ForbiddenAddress):
        fetch(article_url(news_site, "01-gao-ansongo-convoy-ambush-en"), accept=HTML_TYPES)


def test_redirect_to_private_address_is_refused(news_site, loopback_allowed):
    news_site.extra_routes["/go"] = (302, {"Location": "http://10.20.30.40/admin"}, b"")
    with pytest.raises(ForbiddenAddress, match="10.20.30.40"):
        fetch(news_site.base_url + "/go", accept=HTML_TYPES)


def test_redirects_are_followed_but_bounded(news_site, loopback_allowed):
    target = "/articles/01-gao-ansongo-convoy-ambush-en.html"
    news_site.extra_routes["/short"] = (301, {"Location": target}, b"")
    fetched = fetch(news_site.base_url + "/short?utm_source=x", accept=HTML_TYPES)
    assert fetched.url == news_site.base_url + target
    assert b"Gao" in fetched.body

    news_site.extra_routes["/loop"] = (302, {"Location": "/loop"}, b"")
    with pytest.raises(FetchError, match="redirects"):
        fetch(news_site.base_url + "/loop", accept=HTML_TYPES)


def test_size_cap_stops_huge_pages(news_site, loopback_allowed):
    loopback_allowed.FETCH_MAX_BYTES = 100_000
    news_site.extra_routes["/huge"] = (
        200,
        {"Content-Type": "text/html"},
        b"<html><body>" + b"x" * 300_000,
    )
    with pytest.raises(FetchError, match="over the 100,000-byte limit"):
        fetch(news_site.base_url + "/huge", accept=HTML_TYPES)


def test_wrong_content_type_and_binary_bodies_are_refused(news_site, loopback_allowed):
    news_site.extra_routes["/photo"] = (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n")
    with pytest.raises(FetchError, match="image/png"):
        fetch(news_site.base_url + "/photo", accept=HTML_TYPES)
    news_site.extra_routes["/binary"] = (
        200,
        {"Content-Type": "text/html"},
        b"\x00\x01\x02binary" * 50,
    )
    with pytest.raises(FetchError, match="binary"):
        fetch(news_site.base_url + "/binary", accept=HTML_TYPES)


def test_http_errors_are_final_or_transient(news_site, loopback_allowed):
    news_site.extra_routes["/gone"] = (404, {}, b"")
    news_site.extra_routes["/busy"] = (503, {}, b"")
    with pytest.raises(FetchError) as gone:
        fetch(news_site.base_url + "/gone", accept=HTML_TYPES)
    assert not gone.value.transient
    with pytest.raises(TransientFetchError):
        fetch(news_site.base_url + "/busy", accept=HTML_TYPES)


@pytest.mark.parametrize(
    "url, expected",
    [
        ("HTTPS://Example.ORG:443/a/b?utm_source=x&b=2&a=1#top", "https://example.org/a/b?a=1&b=2"),
        ("http://example.org", "http://example.org/"),
        ("http://example.org:8080/x?fbclid=1", "http://example.org:8080/x"),
    ],
)
def test_canonical_urls(url, expected):
    assert canonical_url(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.org/x",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "http:///nohost",
        "not a url",
    ],
)
def test_bad_urls_are_refused(url):
    with pytest.raises(BadURL):
        canonical_url(url)


# --- Keep-alive connections and the overall deadline (issue 12, failures 4, 5)


def test_redirect_with_a_body_leaves_the_connection_clean_for_the_next_article(
    news_site, loopback_allowed
):
    """The corpus server speaks HTTP/1.1 keep-alive: the redirect's body must
    be drained (or its connection closed) before the connection is reused."""
    target = "/articles/01-gao-ansongo-convoy-ambush-en.html"
    news_site.extra_routes["/moved"] = (
        302,
        {"Location": target, "Content-Type": "text/html"},
        b"<html><body>This story has moved.</body></html>",
    )
    news_site.extra_routes["/moved-far"] = (
        301,
        {"Location": target, "Content-Type": "text/html"},
        b"<p>moved</p>" * 20_000,
    )
    for path in ("/moved", "/moved-far", "/moved"):
        fetched = fetch(news_site.base_url + path, accept=HTML_TYPES)
        assert fetched.url == news_site.base_url + target and b"Gao" in fetched.body
    after = fetch(article_url(news_site, "03-menaka-hamlets-attack-en"), accept=HTML_TYPES)
    assert after.status == 200


def test_an_error_page_does_not_spoil_the_next_fetch_from_that_host(news_site, loopback_allowed):
    news_site.extra_routes["/gone"] = (
        404,
        {"Content-Type": "text/html"},
        b"<html><body>Not here</body></html>",
    )
    with pytest.raises(FetchError, match="404"):
        fetch(news_site.base_url + "/gone", accept=HTML_TYPES)
    fetched = fetch(article_url(news_site, "01-gao-ansongo-convoy-ambush-en"), accept=HTML_TYPES)
    assert b"Gao" in fetched.body


class DrippingHandler(BaseHTTPRequestHandler):
    """A server that answers one byte at a time, each well within the read
    timeout, so only an overall deadline can stop the fetch."""

    protocol_version = "HTTP/1.1"

    def do_GET(self):  # noqa: N802
        body = b"<html><body>" + b"x" * 60 + b"</body></html>"
        if self.path == "/slow-headers":
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            for byte in b"X-Padding: " + b"y" * 60:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.05)
            self.wfile.write(b"\r\n")
        else:
            self.send_response(200)
        self.send_header("Content-Type", "text/html")
        if self.path != "/no-length":
            self.send_header("Content-Length", str(len(body)))
        else:
            self.send_header("Connection", "close")
        self.end_headers()
        for byte in body:
            try:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
            except OSError:
                return
            time.sleep(0.05)

    def log_message(self, *args):
        pass


@pytest.fixture
def dripping_site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), DrippingHandler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("path", ["/slow-body", "/no-length", "/slow-headers"])
def test_a_site_dripping_bytes_cannot_hold_a_fetch_past_its_deadline(
    dripping_site, loopback_allowed, path
):
    loopback_allowed.FETCH_READ_TIMEOUT = 2.0
    loopback_allowed.FETCH_TOTAL_TIMEOUT = 1.0  # the drip takes about 4 s
    with pytest.raises(TransientFetchError, match="longer than the 1-second limit"):
        fetch(dripping_site + path, accept=HTML_TYPES)
