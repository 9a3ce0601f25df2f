"""Reading UCDP GED's published CSV layout into EventRecords.

Rules, written once:

- type_of_violence 1 (state-based) and 2 (non-state) are fighting between
  organised sides: Battles / Armed clash. 3 (one-sided: an organised actor
  against civilians) is Violence against civilians / Attack, civilians
  targeted.
- side_a acted (perpetrator); side_b was acted upon (target; victim when it
  is civilians, as in every one-sided event). UCDP does not say who attacked
  first, so in state-based events this is only its own order of sides.
- date_prec 1 is a known day; 2–3 a known week; 4 a known month (the middle
  of date_start..date_end is recorded, as ACLED does); 5 (year only) cannot
  be placed on our timeline and is rejected.
- where_prec 1 is the place itself; 2 near it; 3–5 an admin-area centroid or
  "between places / larger area" (region); 6 (country) and 7 (water or air)
  cannot be mapped and are rejected.
- Deaths: best/low/high become one toll revision (entry kind "import");
  deaths_civilians is its civilian breakdown; in state-based events
  deaths_a (the government side) are soldiers and deaths_b militants.
"""

from __future__ import annotations

from datetime import date

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
from incidents.models import DatePrecision, GeoPrecision, Role

ID_COLUMN = "id"
REQUIRED_COLUMNS = [
    "id",
    "date_start",
    "date_end",
    "date_prec",
    "where_prec",
    "latitude",
    "longitude",
    "country",
    "side_a",
    "side_b",
    "type_of_violence",
    "best",
    "low",
    "high",
]

DATE_PRECISION = {
    1: DatePrecision.DAY,
    2: DatePrecision.WEEK,
    3: DatePrecision.WEEK,
    4: DatePrecision.MONTH,
}
GEO_PRECISION = {
    1: GeoPrecision.EXACT,
    2: GeoPrecision.NEAR,
    3: GeoPrecision.REGION,
    4: GeoPrecision.REGION,
    5: GeoPrecision.REGION,
}
EVENT_TYPE = {
    1: ("Battles", "Armed clash"),
    2: ("Battles", "Armed clash"),
    3: ("Violence against civilians", "Attack"),
}
STATE_BASED, ONE_SIDED = 1, 3


def _date(row: dict, column: str) -> date:
    value = required(row, column)[:10]
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise RowRejected(f"{column} is not a date: {value!r}") from None


def _choice(row: dict, column: str, table: dict, why: str):
    code = integer(row, column, allow_blank=False)
    if code not in table:
        raise RowRejected(f"{column} {code}: {why}")
    return code, table[code]


def parse_row(row: dict) -> EventRecord:
    source_id = required(row, ID_COLUMN)
    start, end = _date(row, "date_start"), _date(row, "date_end")
    if end < start:
        raise RowRejected("date_end is before date_start")
    _, date_precision = _choice(
        row, "date_prec", DATE_PRECISION, "only the year is known; cannot be placed on a timeline"
    )
    where, geo_precision = _choice(
        row, "where_prec", GEO_PRECISION, "located only to a country, or at sea / in the air"
    )
    violence, (event_type, sub_event_type) = _choice(
        row, "type_of_violence", EVENT_TYPE, "must be 1, 2 or 3"
    )
    best = integer(row, "best", allow_blank=False)
    low, high = integer(row, "low"), integer(row, "high")
    if low is not None and high is not None and not low <= best <= high:
        raise RowRejected(f"deaths are not ordered low ≤ best ≤ high ({low}, {best}, {high})")
    side_a, side_b = required(row, "side_a"), required(row, "side_b")
    victim = violence == ONE_SIDED or side_b.lower().startswith("civilians")
    deaths_a, deaths_b = integer(row, "deaths_a"), integer(row, "deaths_b")
    description = text(row, "where_description")
    return EventRecord(
        source_id=source_id,
        day=start + (end - start) / 2 if start != end else start,
        date_precision=date_precision,
        longitude=coordinate(row, "longitude", 180),
        latitude=coordinate(row, "latitude", 90),
        geo_precision=geo_precision,
        location_text=description,
        country=required(row, "country"),
        admin1=text(row, "adm_1"),
        admin2=text(row, "adm_2"),
        event_type=event_type,
        sub_event_type=sub_event_type,
        civilian_targeting=violence == ONE_SIDED,
        summary=text(row, "source_headline"),
        actors=[
            ActorRef(side_a, Role.PERPETRATOR),
            ActorRef(side_b, Role.VICTIM if victim else Role.TARGET),
        ],
        toll=Toll(
            killed=best,
            killed_min=low,
            killed_max=high,
            civilians=integer(row, "deaths_civilians"),
            soldiers=deaths_a if violence == STATE_BASED else None,
            militants=deaths_b if violence == STATE_BASED else None,
            said_by=(text(row, "source_original") or "UCDP GED")[:200],
        ),
        gazetteer_name=_place_name(description) if where <= 2 else "",
    )


def _place_name(description: str) -> str:
    """The town a where_description names: "Bara village" → "Bara"."""
    name = description.split(",")[0].strip()
    for suffix in (" village", " town", " area", " city"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    return name.strip()
