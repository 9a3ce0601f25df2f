"""Where an incident happened: from the location expressions of its sentences to the
incident's place, point and precision, in named steps.

1. ``choose_location``: the cluster's best location, unless the text names the
   settlement itself with a place noun ("le village de X") and X is in no gazetteer;
   then X is kept as the unknown place and the known location nearest to it gives the
   point.
2. Nothing located: the article's main incident's place (``copy_primary_place``),
   else the headline's or dateline's place, else (not for a background event) the
   most precise place the article names, else only the unknown name.
3. ``set_known_place``: place key and name, country and admin1, precision.
4. ``point_of``: the coordinates, moved onto a road where the text says "between A and
   B" on a road we know, or "N km from X on the road".
5. ``mark_unknown_place``: the name an editor must add to the gazetteer.
"""

from __future__ import annotations

import re

from .places import Gazetteer, Location
from .types import ExtractedIncident

_ROAD_WORD = re.compile(r"\b(?:road|route|axis|highway|axe|RN\d+|N\d+)\b", re.IGNORECASE)
_UNKNOWN_NEAR_CHARS = 200
_PRECISION = {
    "exact": "exact",
    "near": "near",
    "between": "between",
    "region": "region",
    "dateline": "near",
}
_PRIMARY_FIELDS = (
    "location_text",
    "place",
    "place_name",
    "latitude",
    "longitude",
    "geo_precision",
    "country",
    "admin1",
    "route_km",
)


def best_location(locs: list[Location]) -> Location | None:
    """The highest-priority known location, the earliest among equals."""
    usable = [lc for lc in locs if lc.kind not in ("dateline", "unknown") and lc.places]
    if not usable:
        return None
    return max(usable, key=lambda lc: (lc.priority, -lc.span.start))


def place_incident(
    gaz: Gazetteer,
    text: str,
    inc: ExtractedIncident,
    cluster_location: Location | None,
    locations: list[Location],
    fallback: Location | None,
    primary: ExtractedIncident | None,
    background: bool,
) -> None:
    """Fill the incident's place fields (see the module docstring for the steps)."""
    candidates = [lc for lc in locations if lc.kind != "dateline"]
    loc, unknown = choose_location(cluster_location, candidates)
    if loc is None and primary is not None and primary.latitude is not None and not background:
        copy_primary_place(inc, primary)
        return
    if loc is None and fallback is not None and not (fallback.article_wide and background):
        loc = fallback
        if fallback.article_wide:
            inc.notes.append("no place in its own sentences: the article's place")
    if loc is None:
        if unknown is not None:
            mark_unknown_place(inc, unknown)
        return
    set_known_place(gaz, inc, loc)
    point = point_of(gaz, text, inc, loc)
    if point is not None:
        inc.latitude, inc.longitude = point
    if unknown is not None:
        mark_unknown_place(inc, unknown)


def choose_location(
    cluster_location: Location | None, candidates: list[Location]
) -> tuple[Location | None, Location | None]:
    """(known location, unknown place or None)."""
    known = [lc for lc in candidates if lc.kind != "unknown"]
    unknowns = [lc for lc in candidates if lc.kind == "unknown"]
    loc = cluster_location
    if unknowns and (
        loc is None or loc.priority <= unknowns[0].priority or loc.kind in ("near", "region")
    ):
        unknown = unknowns[0]
        beside = [
            lc for lc in known if abs(lc.span.start - unknown.span.start) < _UNKNOWN_NEAR_CHARS
        ]
        return best_location(beside) or loc or best_location(known), unknown
    return loc or best_location(known), None


def copy_primary_place(inc: ExtractedIncident, primary: ExtractedIncident) -> None:
    for name in _PRIMARY_FIELDS:
        setattr(inc, name, getattr(primary, name))
    inc.place_evidence = primary.place_evidence
    inc.notes.append("place taken from the article's main incident")


def set_known_place(gaz: Gazetteer, inc: ExtractedIncident, loc: Location) -> None:
    place = gaz.places[loc.places[0]]
    inc.location_text = loc.span.text
    inc.place_evidence = loc.span
    inc.country, inc.admin1 = place.country, place.admin1
    inc.place, inc.place_name = place.key, place.name
    inc.geo_precision = _PRECISION[loc.kind]
    if loc.kind == "dateline":
        inc.notes.append("located by the article's dateline")


def point_of(
    gaz: Gazetteer, text: str, inc: ExtractedIncident, loc: Location
) -> tuple[float, float] | None:
    """The incident's coordinates; "between" and "N km ... on the road" go onto a road."""
    lat_lon = gaz.coordinates(loc)
    if loc.kind == "between":
        return _between_point(gaz, inc, loc) or lat_lon
    if (
        loc.kind == "near"
        and loc.bearing is not None
        and loc.distance_km
        and _ROAD_WORD.search(text, max(0, loc.span.start - 80), loc.span.end + 80)
    ):
        road = gaz.along_road(loc.places[0], loc.bearing, loc.distance_km)
        if road is not None:
            route, km, lat, lon = road
            inc.route_km = km
            inc.notes.append(f"placed {loc.distance_km:g} km along {route.name}")
            return lat, lon
    return lat_lon


def _between_point(
    gaz: Gazetteer, inc: ExtractedIncident, loc: Location
) -> tuple[float, float] | None:
    """Halfway along the road joining A and B, or None (then the great-circle midpoint)."""
    first, other = gaz.places[loc.places[0]], gaz.places[loc.places[1]]
    inc.place_name = f"between {first.name} and {other.name}"
    road = gaz.road_between(loc.places[0], loc.places[1])
    if road is None:
        inc.place = None
        inc.notes.append("no road joins them: great-circle midpoint")
        return None
    route, km, lat, lon = road
    inc.place, inc.place_name, inc.route_km = route.key, route.name, km
    return lat, lon


def mark_unknown_place(inc: ExtractedIncident, unknown: Location) -> None:
    """A settlement the text names that no gazetteer holds: kept for the editors, and a
    point from a nearby known place is only "near"."""
    inc.unknown_place = unknown.unknown_name
    inc.location_text = unknown.span.text
    if inc.geo_precision == "exact":
        inc.geo_precision = "near"
