"""The dataset-neutral form of one imported event, and the row-level error."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal, overload


class RowRejected(Exception):
    """The row cannot be imported; the message says why, naming the column."""


@dataclass
class ActorRef:
    name: str
    role: str
    inter_code: int | None = None  # ACLED inter code, when the dataset gives one


@dataclass
class Toll:
    killed: int | None
    killed_min: int | None = None
    killed_max: int | None = None
    civilians: int | None = None
    soldiers: int | None = None
    militants: int | None = None
    said_by: str = ""
    reported_at: datetime | None = None


@dataclass
class EventRecord:
    source_id: str
    day: date
    date_precision: str
    longitude: float
    latitude: float
    geo_precision: str
    location_text: str
    country: str
    admin1: str
    admin2: str
    event_type: str  # name, as in the codebook
    sub_event_type: str
    civilian_targeting: bool
    summary: str
    actors: list[ActorRef] = field(default_factory=list)
    toll: Toll | None = None
    source_timestamp: int | None = None
    gazetteer_name: str = ""  # a named place worth adding to the gazetteer


def text(row: dict, column: str) -> str:
    value = (row.get(column) or "").strip()
    # Undo the apostrophe our CSV export puts before formula-like text.
    if value.startswith("'") and value[1:2] in ("=", "+", "-", "@"):
        value = value[1:]
    return value


def required(row: dict, column: str) -> str:
    value = text(row, column)
    if not value:
        raise RowRejected(f"{column} is empty")
    return value


@overload
def integer(row: dict, column: str, *, allow_blank: Literal[False]) -> int: ...
@overload
def integer(row: dict, column: str, *, allow_blank: bool = True) -> int | None: ...
def integer(row: dict, column: str, *, allow_blank: bool = True) -> int | None:
    value = text(row, column)
    if not value:
        if allow_blank:
            return None
        raise RowRejected(f"{column} is empty")
    try:
        number = int(float(value)) if "." in value else int(value)
    except ValueError:
        raise RowRejected(f"{column} is not a whole number: {value!r}") from None
    if number < 0:
        raise RowRejected(f"{column} is negative: {value!r}")
    return number


def coordinate(row: dict, column: str, limit: float) -> float:
    value = required(row, column)
    try:
        number = float(value)
    except ValueError:
        raise RowRejected(f"{column} is not a number: {value!r}") from None
    if not -limit <= number <= limit or number != number:
        raise RowRejected(f"{column} is off the globe: {value!r}")
    return number
