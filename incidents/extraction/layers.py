"""The gazetteer in two layers: the places the product curates, imports (ACLED,
UCDP) or editors add — the overlay — over the full GeoNames dump.

An overlay place takes precedence over a dump row that describes the same place: the
same GeoNames id, or a name in common (folded) within ``SAME_PLACE_KM``. Such dump rows
are dropped, so the overlay's coordinates, admin areas and spellings are the ones
used; the other dump rows stay, behind the overlay in every choice (see
``Gazetteer.settle``).
"""

from __future__ import annotations

from .geo import haversine_km
from .text import name_tokens
from .types import GazetteerPlace

SAME_PLACE_KM = 25.0


def _form(name: str) -> str:
    return "".join(name_tokens(name))


def with_dump(overlay: list[GazetteerPlace], dump: list[GazetteerPlace]) -> list[GazetteerPlace]:
    """The overlay places, then the dump rows the overlay does not already hold."""
    ids = {p.geonameid for p in overlay if p.geonameid is not None}
    by_form: dict[str, list[GazetteerPlace]] = {}
    for p in overlay:
        for name in (p.name, *p.alternate_names):
            by_form.setdefault(_form(name), []).append(p)
    kept = []
    for row in dump:
        if row.geonameid in ids:
            continue
        twins = [
            p for name in (row.name, *row.alternate_names) for p in by_form.get(_form(name), ())
        ]
        if any(
            haversine_km(row.latitude, row.longitude, p.latitude, p.longitude) <= SAME_PLACE_KM
            for p in twins
        ):
            continue
        kept.append(row)
    return [*overlay, *kept]


def overlay_twin(row: GazetteerPlace, overlay: list[GazetteerPlace]) -> GazetteerPlace | None:
    """The overlay place that describes the same place as the dump ``row``
    (the rule of ``with_dump``), if there is one."""
    forms = {_form(name) for name in (row.name, *row.alternate_names)}
    for place in overlay:
        if row.geonameid is not None and place.geonameid == row.geonameid:
            return place
    for place in overlay:
        if forms & {_form(name) for name in (place.name, *place.alternate_names)} and (
            haversine_km(row.latitude, row.longitude, place.latitude, place.longitude)
            <= SAME_PLACE_KM
        ):
            return place
    return None
