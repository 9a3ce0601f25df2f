"""Country codes for the theatre and its neighbours, as ACLED writes them:
``iso`` is the ISO 3166-1 numeric code, ``event_id_cnty`` starts with the
alpha-3 code, ``region`` is the UN M49 sub-region name."""

from __future__ import annotations

from typing import NamedTuple


class Country(NamedTuple):
    name: str
    alpha2: str
    alpha3: str
    numeric: int
    region: str


WEST, MIDDLE, NORTH = "Western Africa", "Middle Africa", "Northern Africa"

COUNTRIES = [
    Country("Mali", "ML", "MLI", 466, WEST),
    Country("Niger", "NE", "NER", 562, WEST),
    Country("Burkina Faso", "BF", "BFA", 854, WEST),
    Country("Mauritania", "MR", "MRT", 478, WEST),
    Country("Senegal", "SN", "SEN", 686, WEST),
    Country("Gambia", "GM", "GMB", 270, WEST),
    Country("Guinea", "GN", "GIN", 324, WEST),
    Country("Guinea-Bissau", "GW", "GNB", 624, WEST),
    Country("Sierra Leone", "SL", "SLE", 694, WEST),
    Country("Liberia", "LR", "LBR", 430, WEST),
    Country("Ivory Coast", "CI", "CIV", 384, WEST),
    Country("Ghana", "GH", "GHA", 288, WEST),
    Country("Togo", "TG", "TGO", 768, WEST),
    Country("Benin", "BJ", "BEN", 204, WEST),
    Country("Nigeria", "NG", "NGA", 566, WEST),
    Country("Chad", "TD", "TCD", 148, MIDDLE),
    Country("Cameroon", "CM", "CMR", 120, MIDDLE),
    Country("Central African Republic", "CF", "CAF", 140, MIDDLE),
    Country("Algeria", "DZ", "DZA", 12, NORTH),
    Country("Libya", "LY", "LBY", 434, NORTH),
    Country("Morocco", "MA", "MAR", 504, NORTH),
    Country("Sudan", "SD", "SDN", 729, NORTH),
]

_BY_NAME = {c.name.lower(): c for c in COUNTRIES}
_BY_NAME["côte d'ivoire"] = _BY_NAME["cote d'ivoire"] = _BY_NAME["ivory coast"]


def by_name(name: str) -> Country | None:
    return _BY_NAME.get((name or "").strip().lower())
