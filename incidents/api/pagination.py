"""Keyset ("cursor") pagination, stable under inserts.

A page ends at a row; the cursor is that row's position in the ordering,
``(sort value, id)``, and the next page is every row strictly after it. Rows
inserted or changed meanwhile never shift a page (no row is shown twice or
skipped because of an insert), unlike offsets. Cursors are opaque base64 of
``[ordering, value, id]``.

Incremental sync uses the same positions ordered by ``(updated_at, id)``: see
``sync_token``.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import orjson
from django.conf import settings
from django.db.models import F, IntegerField, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from incidents.api.errors import bad_parameter


@dataclass(frozen=True)
class Ordering:
    """A sort key plus ``id`` as tie-breaker, both in the same direction."""

    name: str  # as written in ?ordering=
    column: str  # the value in the row dicts (a field or an annotation)
    kind: str  # date, datetime, int, float
    descending: bool = False
    annotation: object | None = None

    def apply(self, queryset):
        if self.annotation is not None:
            queryset = queryset.annotate(**{self.column: self.annotation})
        prefix = "-" if self.descending else ""
        return queryset.order_by(f"{prefix}{self.column}", f"{prefix}id")

    def after(self, value, pk) -> Q:
        op = "lt" if self.descending else "gt"
        return Q(**{f"{self.column}__{op}": value}) | Q(**{self.column: value, f"id__{op}": pk})

    def encode_value(self, value):
        return value.isoformat() if isinstance(value, date | datetime) else value

    def decode_value(self, raw):
        parsed = None
        if self.kind == "date" and isinstance(raw, str):
            parsed = parse_date(raw)
        elif self.kind == "datetime" and isinstance(raw, str):
            parsed = parse_datetime(raw)
        elif (
            self.kind in ("int", "float")
            and isinstance(raw, int | float)
            and not isinstance(raw, bool)
        ):
            parsed = raw
        if parsed is None:
            raise ValueError("bad value")
        return parsed


def orderings(*specs: Ordering) -> dict[str, Ordering]:
    table = {}
    for spec in specs:
        table[spec.name] = spec
        table[f"-{spec.name}"] = Ordering(
            f"-{spec.name}", spec.column, spec.kind, True, spec.annotation
        )
    return table


INCIDENT_ORDERINGS = orderings(
    Ordering("date", "date", "date"),
    Ordering("updated_at", "updated_at", "datetime"),
    # Unknown tolls sort as -1 (a plain integer: PositiveIntegerField lookups
    # would treat -1 as out of range and match nothing).
    Ordering(
        "killed",
        "sort_killed",
        "int",
        annotation=Coalesce(F("killed"), Value(-1), output_field=IntegerField()),
    ),
    Ordering("id", "id", "int"),
)
SYNC_ORDERING = INCIDENT_ORDERINGS["updated_at"]


def encode_position(ordering: Ordering, value, pk: int) -> str:
    raw = orjson.dumps([ordering.name, ordering.encode_value(value), pk])
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_position(token: str, ordering: Ordering, parameter: str):
    """(value, id) from a token made by encode_position for this ordering."""
    try:
        padded = token + "=" * (-len(token) % 4)
        name, raw_value, pk = orjson.loads(base64.urlsafe_b64decode(padded.encode()))
        if name != ordering.name:
            raise bad_parameter(
                parameter,
                _("This token was made for ordering=%(made)s, not %(asked)s.")
                % {"made": name, "asked": ordering.name},
            )
        if not isinstance(pk, int) or isinstance(pk, bool):
            raise ValueError("bad id")
        return ordering.decode_value(raw_value), pk
    except (ValueError, TypeError, binascii.Error, orjson.JSONDecodeError, UnicodeError):
        raise bad_parameter(
            parameter, _("Not a token this API issued; use the value it returned as is.")
        ) from None


def page_size(request) -> int:
    raw = request.query_params.get("page_size")
    if raw in (None, ""):
        return settings.API_PAGE_SIZE
    limit = settings.API_MAX_PAGE_SIZE
    try:
        size = int(raw)
    except ValueError:
        size = 0
    if not 1 <= size <= limit:
        raise bad_parameter(
            "page_size", _("Give a whole number from 1 to %(limit)s.") % {"limit": limit}
        )
    return size


def safe_sync_position(value: datetime, pk: int) -> tuple[datetime, int]:
    """Never hand out a sync position later than (now − settle time): a change
    saved earlier but committed late lands before it and is still delivered.
    Partners may see a few rows twice; they never miss one."""
    horizon = timezone.now() - timedelta(seconds=settings.API_SYNC_SETTLE_SECONDS)
    return (value, pk) if value <= horizon else (horizon, 0)


def _get(row, name):
    return row[name] if isinstance(row, dict) else getattr(row, name)


class KeysetPagination(BasePagination):
    """Pages of rows after the ``cursor`` position, in the view's ordering.

    The view provides ``get_ordering(request)`` and, for incremental sync,
    ``sync_start(request)``: ``None`` outside sync, else the starting position
    ``(updated_at, id)`` or ``(updated_since, 0)``. A view may also provide
    ``page_rows(window, ordering)`` to read the rows of the page's window (the
    ordered, sliced queryset) its own way.
    """

    cursor_query_param = "cursor"

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.size = page_size(request)
        self.sync = view.sync_start(request) if hasattr(view, "sync_start") else None
        self.ordering = SYNC_ORDERING if self.sync is not None else view.get_ordering(request)
        queryset = self.ordering.apply(queryset)
        token = request.query_params.get(self.cursor_query_param)
        position = None
        if token:
            position = decode_position(token, self.ordering, self.cursor_query_param)
        elif self.sync is not None:
            position = self.sync
        if position is not None:
            queryset = queryset.filter(self.ordering.after(*position))
        window = queryset[: self.size + 1]
        page_rows = getattr(view, "page_rows", None)
        rows = page_rows(window, self.ordering) if page_rows else list(window)
        self.has_more = len(rows) > self.size
        rows = rows[: self.size]
        self.last = (_get(rows[-1], self.ordering.column), _get(rows[-1], "id")) if rows else None
        self.start = position
        return rows

    def next_link(self) -> str | None:
        if not self.has_more:
            return None
        url = self.request.build_absolute_uri()
        token = encode_position(self.ordering, *self.last)
        if self.sync is not None:
            url = remove_query_param(remove_query_param(url, "updated_since"), "cursor")
            return replace_query_param(url, "since", token)
        return replace_query_param(url, self.cursor_query_param, token)

    def next_since(self) -> str | None:
        if self.sync is None:
            return None
        position = self.last or self.start
        if position is None:  # nothing changed since the epoch: start from now
            position = (timezone.now(), 0)
        return encode_position(SYNC_ORDERING, *safe_sync_position(*position))

    def get_paginated_response(self, data):
        results, deleted = data if isinstance(data, tuple) else (data, [])
        return Response(
            {
                "next": self.next_link(),
                "next_since": self.next_since(),
                "results": results,
                "deleted": deleted,
            }
        )

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["next", "next_since", "results", "deleted"],
            "properties": {
                "next": {
                    "type": "string",
                    "format": "uri",
                    "nullable": True,
                    "description": "The next page, or null on the last page.",
                    "example": None,
                },
                "next_since": {
                    "type": "string",
                    "nullable": True,
                    "description": "Incremental sync only: store it and pass it as `since` "
                    "next time to get every change after this page.",
                    "example": "WyJ1cGRhdGVkX2F0IiwiMjAyNS0wMi0wOVQxMDowMDowMFoiLDQyXQ",
                },
                "results": schema,
                "deleted": {
                    "type": "array",
                    "items": {"$ref": "#/components/schemas/Tombstone"},
                    "description": "Incremental sync only: incidents to delete on "
                    "your side (merged, retracted, unpublished, or "
                    "edited out of your filters) since your last sync.",
                    "example": [
                        {
                            "id": 41,
                            "status": "retracted",
                            "merged_into": 42,
                            "reason": "merged",
                            "updated_at": "2025-02-09T09:59:00Z",
                        }
                    ],
                },
            },
        }
