"""Canonical article URLs, so the same story under decorated links is stored once."""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

TRACKING_PARAMS = {
    "fbclid",
    "gclid",
    "mc_cid",
    "mc_eid",
    "igshid",
    "ref",
    "ref_src",
    "cmpid",
    "xtor",
    "at_medium",
    "at_campaign",
    "ocid",
    "outputType",
}
DEFAULT_PORTS = {"http": 80, "https": 443}


class BadURL(ValueError):
    """Not an http(s) URL we can fetch."""


def canonical_url(url: str) -> str:
    """Lower-case scheme and host, drop default ports, fragments and tracking
    parameters (utm_* and the usual click ids), sort the remaining query."""
    url = (url or "").strip()
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise BadURL(f"only http and https URLs can be fetched, not {url[:200]!r}")
    if not parts.hostname:
        raise BadURL(f"URL has no host: {url[:200]!r}")
    host = parts.hostname.lower().rstrip(".")
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError as exc:
        raise BadURL(f"bad port in URL {url[:200]!r}") from exc
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    query = sorted(
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith("utm_") and k not in TRACKING_PARAMS
    )
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, urlencode(query), ""))
