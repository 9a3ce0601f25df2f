"""Canonical article URLs, so the same story under decorated links is stored once."""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.utils.translation import gettext as _

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
        raise BadURL(
            _("Only http and https URLs can be fetched, not %(url)s.") % {"url": repr(url[:200])}
        )
    if not parts.hostname:
        raise BadURL(_("The URL has no host: %(url)s.") % {"url": repr(url[:200])})
    host = parts.hostname.lower().rstrip(".")
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError as exc:
        raise BadURL(_("Bad port in the URL %(url)s.") % {"url": repr(url[:200])}) from exc
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    query = sorted(
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith("utm_") and k not in TRACKING_PARAMS
    )
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, urlencode(query), ""))
