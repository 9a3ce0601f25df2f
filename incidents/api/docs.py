"""Shared OpenAPI bits: the error body and the responses every endpoint may give."""

from drf_spectacular.utils import OpenApiExample, OpenApiResponse, inline_serializer
from rest_framework import serializers

ErrorSerializer = inline_serializer(
    name="Error",
    fields={
        "detail": serializers.CharField(help_text="What went wrong, naming the parameter."),
        "code": serializers.CharField(),
        "errors": serializers.DictField(
            child=serializers.ListField(child=serializers.CharField()),
            required=False,
            help_text="Messages per parameter (400 only).",
        ),
        "retry_after": serializers.IntegerField(
            required=False, help_text="Seconds to wait (429 and 503 only)."
        ),
    },
)

BAD_PARAMETER_EXAMPLE = OpenApiExample(
    "Bad parameter",
    status_codes=["400"],
    response_only=True,
    value={
        "detail": "Invalid query parameter bbox: bbox needs 4 comma-separated numbers.",
        "code": "invalid_parameter",
        "errors": {"bbox": ["bbox needs 4 comma-separated numbers."]},
    },
)
THROTTLED_EXAMPLE = OpenApiExample(
    "Throttled",
    status_codes=["429"],
    response_only=True,
    value={
        "detail": "Request was throttled. Expected available in 12 seconds.",
        "code": "throttled",
        "retry_after": 12,
    },
)


def errors(*codes: int) -> dict:
    text = {
        400: "A query parameter is invalid or unknown (named in the body).",
        401: "No valid API key or session.",
        403: "Your key or account may not do this.",
        404: "Not found (or not visible to you).",
        410: (
            "Withdrawn: retracted, merged into another incident, or (for partners) set back "
            "to draft after publication. The body is its tombstone."
        ),
        415: "The request body must be JSON.",
        429: "Too many requests; see Retry-After.",
    }
    return {
        code: OpenApiResponse(ErrorSerializer, description=text[code])
        for code in sorted({*codes, 400, 401, 403, 429})
    }


UNAVAILABLE = {
    "description": (
        "A service the request needs (Redis) is unreachable, beyond what degrades "
        "gracefully (throttling then fails open and keys are read from the database); "
        "nothing was done. Retry after Retry-After seconds."
    ),
    "headers": {
        "Retry-After": {
            "description": "Seconds to wait before retrying.",
            "schema": {"type": "integer"},
        }
    },
}


def document_unavailable(result: dict, **kwargs: object) -> dict:
    """drf-spectacular post-processing hook: every operation that takes
    credentials may answer 503 with the error body (incidents.api.errors),
    documented here once rather than on each view."""
    error = {"$ref": "#/components/schemas/Error"}
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            if not any(operation.get("security") or ()):
                continue
            content = {"application/json": {"schema": error}}
            operation["responses"].setdefault("503", {**UNAVAILABLE, "content": content})
    return result
