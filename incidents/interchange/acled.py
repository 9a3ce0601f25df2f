"""Reading ACLED's published CSV layout into EventRecords.

Actors: actor1 and its associated actors acted (perpetrators); actor2 was
acted upon (target, or victim when it is a civilian population), and the
actors associated with it are escorts/allies, or victims when civilian. This
is the inverse of how incidents.api.exports writes our incidents, so an export
re-imported gives the same incidents.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from incidents.interchange.acled_codes import (
    CIVILIANS_TARGETED,
    GEO_PRECISION_BACK,
    TIME_PRECISION_BACK,
)
from incidents.interchange.records import (
    ActorRef,
    EventRecord,
    RowRejected,
    Toll,
    coordinate,
    integer,
    required,
    text,
)
from incidents.models import Role

ID_COLUMN = "event_id_cnty"
REQUIRED_COLUMNS = [
    "event_id_cnty",
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "country",
    "latitude",
    "longitude",
    "fatalities",
]
CIVILIAN_CODE = 7
DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d/%m/%Y")


def parse_date(value: str) -> date:
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise RowRejected(f"event_date is not a date: {value!r}")


def _names(value: str) -> list[str]:
    return [name.strip() for name in value.split(";") if name.strip()]


def _code(row: dict, column: str) -> int | None:
    code = integer(row, column)
    if code is not None and not 1 <= code <= 8:
        raise RowRejected(f"{column} is not an ACLED inter code (1–8): {code}")
    return code


def _is_civilians(name: str, code: int | None) -> bool:
    return code == CIVILIAN_CODE or name.lower().startswith("civilians")


def actors(row: dict) -> list[ActorRef]:
    inter1, inter2 = _code(row, "inter1"), _code(row, "inter2")
    found = [
        ActorRef(name, Role.PERPETRATOR, inter1)
        for name in _names(text(row, "actor1")) + _names(text(row, "assoc_actor_1"))
    ]
    for name in _names(text(row, "actor2")):
        role = Role.VICTIM if _is_civilians(name, inter2) else Role.TARGET
        found.append(ActorRef(name, role, inter2))
    for name in _names(text(row, "assoc_actor_2")):
        civilians = _is_civilians(name, None)
        found.append(
            ActorRef(
                name,
                Role.VICTIM if civilians else Role.ESCORT,
                CIVILIAN_CODE if civilians else inter2,
            )
        )
    return found


def parse_row(row: dict) -> EventRecord:
    source_id = required(row, ID_COLUMN)
    day = parse_date(required(row, "event_date"))
    time_precision = integer(row, "time_precision")
    if time_precision is not None and time_precision not in TIME_PRECISION_BACK:
        raise RowRejected(f"time_precision must be 1, 2 or 3, not {time_precision}")
    geo_precision = integer(row, "geo_precision")
    if geo_precision is not None and geo_precision not in GEO_PRECISION_BACK:
        raise RowRejected(f"geo_precision must be 1, 2 or 3, not {geo_precision}")
    timestamp = integer(row, "timestamp")
    fatalities = integer(row, "fatalities")
    location = text(row, "location")
    return EventRecord(
        source_id=source_id,
        day=day,
        date_precision=TIME_PRECISION_BACK[time_precision or 1],
        longitude=coordinate(row, "longitude", 180),
        latitude=coordinate(row, "latitude", 90),
        geo_precision=GEO_PRECISION_BACK[geo_precision or 1],
        location_text=location,
        country=required(row, "country"),
        admin1=text(row, "admin1"),
        admin2=text(row, "admin2"),
        event_type=required(row, "event_type"),
        sub_event_type=required(row, "sub_event_type"),
        civilian_targeting=text(row, "civilian_targeting").lower() == CIVILIANS_TARGETED.lower(),
        summary=text(row, "notes"),
        actors=actors(row),
        toll=None
        if fatalities is None
        else Toll(
            killed=fatalities,
            said_by=text(row, "source")[:200] or "ACLED",
            reported_at=datetime.fromtimestamp(timestamp, UTC) if timestamp else None,
        ),
        source_timestamp=timestamp,
        gazetteer_name=location if (geo_precision or 1) <= 2 else "",
    )
