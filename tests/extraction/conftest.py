"""Small in-code gazetteer, roads and the project's actor list for extraction tests."""

from pathlib import Path

import pytest

from incidents.extraction import Extractor, GazetteerPlace, RouteLine, load_actors_json

ACTORS_JSON = Path(__file__).resolve().parents[2] / "incidents" / "data" / "actors.json"


def place(
    key,
    name,
    lat,
    lon,
    *,
    country="Mali",
    admin1="Gao",
    kind="populated_place",
    alternates=(),
    population=None,
):
    return GazetteerPlace(
        key, name, tuple(alternates), lat, lon, country, admin1, None, population, kind
    )


PLACES = [
    place("ml-gao", "Gao", 16.27167, -0.04472, kind="admin1_capital", population=86633),
    place("bf-gao", "Gao", 11.65, -2.18, country="Burkina Faso", admin1="Centre-Ouest"),
    place("ml-ansongo", "Ansongo", 15.6597, 0.5022, kind="admin2_capital"),
    place("ml-bara", "Bara", 15.85, 0.35),
    place("ml-kobe", "Kobé", 16.05, 0.11),
    place("ml-bourem", "Bourem", 16.955, -0.3486, kind="admin2_capital"),
    place("ml-menaka", "Ménaka", 15.9199, 2.3961, admin1="Ménaka", kind="admin1_capital"),
    place(
        "ml-anderamboukane",
        "Andéramboukane",
        15.4275,
        3.0175,
        admin1="Ménaka",
        alternates=("Anderamboukane", "Andéranboukan"),
    ),
    place("ml-bamako", "Bamako", 12.60915, -7.97522, admin1="Bamako", kind="country_capital"),
    place("ml-douentza", "Douentza", 15.0061, -2.9517, admin1="Mopti", kind="admin2_capital"),
    place("ml-mopti", "Mopti", 14.4843, -4.183, admin1="Mopti", kind="admin1_capital"),
    place(
        "ml-region-mopti",
        "Mopti Region",
        14.4843,
        -4.183,
        admin1="Mopti",
        kind="admin1",
        alternates=("Région de Mopti",),
    ),
    place(
        "ml-tombouctou",
        "Tombouctou",
        16.7735,
        -3.0074,
        admin1="Tombouctou",
        kind="admin1_capital",
        alternates=("Timbuktu",),
    ),
    place(
        "ne-tillaberi",
        "Tillabéri",
        14.2071,
        1.4542,
        country="Niger",
        admin1="Tillabéri",
        kind="admin1_capital",
    ),
    place(
        "ne-region-tillaberi",
        "Tillabéri Region",
        14.2071,
        1.4542,
        country="Niger",
        admin1="Tillabéri",
        kind="admin1",
        alternates=("Tillabéri", "Tillaberi"),
    ),
    place(
        "ml-region-gao",
        "Gao Region",
        16.27167,
        -0.04472,
        kind="admin1",
        alternates=("Région de Gao", "Gao"),
    ),
]
ROUTES = [
    RouteLine(
        "gao-ansongo",
        "Gao–Ansongo road",
        ((-0.04472, 16.27167), (0.11, 16.05), (0.35, 15.85), (0.5022, 15.6597)),
    )
]


@pytest.fixture(scope="session")
def actors():
    return load_actors_json(ACTORS_JSON)


@pytest.fixture(scope="session")
def extractor(actors):
    return Extractor(PLACES, actors, ROUTES)


@pytest.fixture(scope="session")
def extractor_without_roads(actors):
    return Extractor(PLACES, actors, ())
