from datetime import date

import pytest

from incidents.extraction.geo import haversine_km

PUB = date(2025, 2, 9)


def main_incident(extractor, text, lang="en"):
    incs = [
        i for i in extractor.extract(text, published=PUB, lang=lang).incidents if not i.background
    ]
    assert incs, "no incident"
    return incs[0]


@pytest.mark.parametrize(
    "name", ["Ménaka", "Menaka", "MENAKA", "Méneka", "Andéramboukane", "Anderamboukan"]
)
def test_places_match_with_or_without_accents_case_and_small_typos(extractor, name):
    inc = main_incident(extractor, f"Gunmen killed 5 civilians in {name} on Friday.")
    assert inc.place in ("ml-menaka", "ml-anderamboukane")


def test_short_names_do_not_match_with_typos(extractor):
    incs = extractor.extract(
        "Gunmen killed 5 civilians in Gau on Friday.", published=PUB, lang="en"
    ).incidents
    assert all(i.place != "ml-gao" for i in incs)


def test_between_two_towns_on_a_road_is_the_road_halfway_point(extractor):
    inc = main_incident(
        extractor, "Jihadists ambushed soldiers on Friday between Gao and Ansongo, killing 3."
    )
    assert (inc.place, inc.geo_precision) == ("gao-ansongo", "between")
    assert haversine_km(inc.latitude, inc.longitude, 15.9657, 0.2287) < 5
    assert 40 < inc.route_km < 50


def test_between_without_a_road_is_the_great_circle_midpoint(extractor_without_roads):
    inc = main_incident(
        extractor_without_roads,
        "Des djihadistes ont attaqué des soldats vendredi entre Gao et Ansongo, tuant 3.",
        "fr",
    )
    assert inc.geo_precision == "between" and inc.place is None
    assert haversine_km(inc.latitude, inc.longitude, 15.9657, 0.2287) < 1


def test_near_a_place_uses_its_coordinates(extractor):
    inc = main_incident(extractor, "Gunmen killed 4 herders near Bourem on Friday.")
    assert (inc.place, inc.geo_precision) == ("ml-bourem", "near")
    assert (inc.latitude, inc.longitude) == (16.955, -0.3486)


def test_n_km_in_a_direction_moves_the_point(extractor):
    inc = main_incident(extractor, "Gunmen killed 4 herders on Friday about 50 km east of Ménaka.")
    assert inc.geo_precision == "near"
    assert haversine_km(inc.latitude, inc.longitude, 15.9199, 2.8632) < 1


def test_n_km_without_direction_stays_on_the_place(extractor):
    inc = main_incident(
        extractor, "Des hommes armés ont tué 4 civils vendredi à 20 km de Douentza.", "fr"
    )
    assert (inc.place, inc.geo_precision) == ("ml-douentza", "near")
    assert (inc.latitude, inc.longitude) == (15.0061, -2.9517)


def test_admin_area_gives_the_region_row(extractor):
    inc = main_incident(
        extractor,
        "Thirty-two soldiers were killed on Friday when their patrol "
        "was ambushed in the Tillabéri region.",
    )
    assert (inc.place, inc.geo_precision) == ("ne-region-tillaberi", "region")
    fr = main_incident(
        extractor, "Des hommes armés ont tué 7 civils vendredi dans la région de Mopti.", "fr"
    )
    assert (fr.place, fr.geo_precision) == ("ml-region-mopti", "region")


def test_unknown_village_falls_back_to_its_anchor_and_is_flagged(extractor):
    inc = main_incident(
        extractor,
        "Des hommes armés ont enlevé cinq commerçants mardi dans le "
        "village de Tin-Akalaf, à une quinzaine de kilomètres de "
        "Bourem.",
        "fr",
    )
    assert inc.unknown_place == "Tin-Akalaf"
    assert (inc.place, inc.geo_precision) == ("ml-bourem", "near")


def test_an_ambiguous_name_is_settled_by_the_other_places(extractor):
    inc = main_incident(extractor, "Gunmen killed 3 soldiers on Friday in Gao, north of Ansongo.")
    assert inc.place == "ml-gao"


def test_dateline_is_a_fallback_and_the_text_location_wins(extractor):
    text = (
        "BAMAKO (Sahel Wire) — Gunmen killed 4 herders near Bourem on Friday, a local "
        "official told Radio Bamako."
    )
    assert main_incident(extractor, text).place == "ml-bourem"
    fallback = main_incident(extractor, "GAO (Sahel Wire) — Gunmen killed 4 herders on Friday.")
    assert fallback.place == "ml-gao" and fallback.geo_precision == "near"


def test_n_km_in_a_direction_on_a_road_moves_along_the_road(extractor):
    inc = main_incident(
        extractor,
        "Three soldiers were killed on Friday when their vehicle hit a mine 30 km north "
        "of Ansongo, on the road to Gao.",
    )
    assert (inc.place, inc.geo_precision) == ("ml-ansongo", "near")
    assert inc.route_km is not None and 55 < inc.route_km < 65
    assert haversine_km(inc.latitude, inc.longitude, 15.8643, 0.3193) < 3
