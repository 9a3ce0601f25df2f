"""ACLED's column layout and codes, and how our fields map onto them (both ways)."""

from incidents.models import DatePrecision, GeoPrecision, Role

ACLED_COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]

TIME_PRECISION = {DatePrecision.DAY: 1, DatePrecision.WEEK: 2, DatePrecision.MONTH: 3}
TIME_PRECISION_BACK = {v: k for k, v in TIME_PRECISION.items()}

# ACLED codes "near a town" and "on the road between two towns" both as 2.
GEO_PRECISION = {
    GeoPrecision.EXACT: 1,
    GeoPrecision.NEAR: 2,
    GeoPrecision.BETWEEN: 2,
    GeoPrecision.REGION: 3,
}
GEO_PRECISION_BACK = {1: GeoPrecision.EXACT, 2: GeoPrecision.NEAR, 3: GeoPrecision.REGION}

# ACLED's disorder type follows from the event type.
DISORDER_TYPE = {
    "battles": "Political violence",
    "explosions-remote-violence": "Political violence",
    "violence-against-civilians": "Political violence",
    "protests": "Demonstrations",
    "riots": "Demonstrations",
    "strategic-developments": "Strategic developments",
}

CIVILIANS_TARGETED = "Civilians targeted"

# Side 1 is who acted; side 2 who was acted upon, most direct first.
SIDE_1_ROLES = (Role.PERPETRATOR,)
SIDE_2_ROLES = (Role.TARGET, Role.ESCORT, Role.VICTIM)


def interaction(inter1, inter2) -> str:
    """ACLED's interaction code: the two inter codes, smaller first; 0 for a
    missing second actor (e.g. 12, 27, 20)."""
    if not inter1:
        return ""
    if not inter2:
        return f"{inter1}0"
    low, high = sorted((int(inter1), int(inter2)))
    return f"{low}{high}"
