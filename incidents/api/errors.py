"""One error body for the whole API:

    {"detail": "<what went wrong, naming the parameter>", "code": "<machine code>",
     "errors": {"<parameter>": ["<message>", ...]}}   # for bad parameters

Bad query parameters are 400s; throttled requests are 429 with Retry-After
(also given in seconds as ``retry_after``). A request that needs Redis while
it is unreachable (beyond what degrades gracefully) is a 503 with Retry-After,
never a 500 page.
"""

from __future__ import annotations

import redis
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions, status

DEPENDENCY_RETRY_SECONDS = 30


class DependencyUnavailable(exceptions.APIException):
    """A service the request needs (Redis) is unreachable; try again later."""

    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_code = "service_unavailable"
    default_detail = gettext_lazy("A service this request needs is unavailable; try again shortly.")

    def __init__(self):
        super().__init__()
        self.wait = DEPENDENCY_RETRY_SECONDS


class BadParameters(exceptions.APIException):
    """One or more query parameters are malformed or unknown."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "invalid_parameter"

    def __init__(self, errors: dict[str, list[str]]):
        self.errors = {name: [str(m) for m in messages] for name, messages in errors.items()}
        parts = [f"{name}: {' '.join(messages)}" for name, messages in self.errors.items()]
        super().__init__(_("Invalid query parameter %(parts)s") % {"parts": "; ".join(parts)})


class Gone(exceptions.APIException):
    """The incident was retracted or merged; the body is its tombstone."""

    status_code = status.HTTP_410_GONE
    default_code = "gone"

    def __init__(self, tombstone: dict):
        self.tombstone = tombstone
        super().__init__(_("This incident was retracted or merged into another."))


def bad_parameter(name: str, message: str) -> BadParameters:
    return BadParameters({name: [message]})


def api_exception_handler(exc, context):
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, redis.RedisError):
        exc = DependencyUnavailable()
    # Imported here: rest_framework.views loads our negotiation class, which
    # imports this module.
    from rest_framework.views import exception_handler

    response = exception_handler(exc, context)
    if response is None:
        return None
    body: dict = {}
    if isinstance(exc, Gone):
        body = exc.tombstone
    elif isinstance(exc, BadParameters):
        body = {"detail": str(exc.detail), "code": exc.default_code, "errors": exc.errors}
    elif isinstance(exc, exceptions.ValidationError):
        errors = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        errors = {
            k: [str(m) for m in (v if isinstance(v, list) else [v])] for k, v in errors.items()
        }
        names = ", ".join(errors)
        body = {
            "detail": _("Invalid input: %(names)s.") % {"names": names},
            "code": "invalid",
            "errors": errors,
        }
    elif isinstance(exc, exceptions.APIException):
        detail = exc.detail
        body = {"detail": str(detail), "code": getattr(detail, "code", exc.default_code)}
        if isinstance(exc, DependencyUnavailable):
            body["retry_after"] = exc.wait
        if isinstance(exc, exceptions.Throttled):
            body["code"] = "throttled"
            body["retry_after"] = int(exc.wait) if exc.wait is not None else None
    response.data = body
    _answer_errors_in_json(context.get("request"))
    return response


def _answer_errors_in_json(request) -> None:
    """An error asked for as CSV or GeoJSON is still explained in JSON."""
    from incidents.api.renderers import FastJSONRenderer

    renderer = getattr(request, "accepted_renderer", None)
    if renderer is not None and renderer.format in ("csv", "geojson"):
        request.accepted_renderer = FastJSONRenderer()
        request.accepted_media_type = FastJSONRenderer.media_type
