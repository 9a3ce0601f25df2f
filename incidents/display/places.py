"""Place and admin-area names in the interface language.

A gazetteer place carries its name per language where usage differs
(``Place.name_en`` / ``name_fr``: Timbuktu for Tombouctou); ``Place.local_name``
picks it. Admin areas are stored on incidents and places as text
("Tombouctou"): an area takes the local name of the seat named like it, so
"Goundam (Tombouctou)" reads "Goundam (Timbuktu)" in English.
"""

from __future__ import annotations

from incidents.models import Place, PlaceKind
from incidents.models.geo import interface_language, local_place_name

SEAT_KINDS = [PlaceKind.COUNTRY_CAPITAL, PlaceKind.ADMIN1_CAPITAL, PlaceKind.ADMIN2_CAPITAL]


def area_names() -> dict[str, str]:
    """Stored area text -> its name in the interface language, for the areas
    whose seat has a name of its own in that language (one small query)."""
    field = f"name_{interface_language()}"
    rows = Place.objects.filter(kind__in=SEAT_KINDS).exclude(**{field: ""})
    return dict(rows.values_list("name", field))


def area_name(text: str, areas: dict[str, str]) -> str:
    return areas.get(text, text)


def local_name_of_row(name: str, name_en: str, name_fr: str) -> str:
    """The local name of a place read as raw columns (map labels, SQL rows)."""
    return local_place_name(name, {"en": name_en, "fr": name_fr})
