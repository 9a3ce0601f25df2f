from datetime import date

import pytest

PUB = date(2025, 2, 9)


def event(extractor, text, lang="en"):
    incs = [
        i for i in extractor.extract(text, published=PUB, lang=lang).incidents if not i.background
    ]
    assert incs
    return incs[0].event_type, incs[0].sub_event_type, incs[0].civilian_targeting


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Jihadists ambushed a civilian convoy escorted by Malian soldiers near Bourem on "
            "Friday, killing 20 civilians.",
            ("Battles", "Armed clash", False),
        ),
        (
            "Two soldiers were killed on Friday when their vehicle hit an improvised explosive "
            "device near Bourem.",
            ("Explosions/Remote violence", "Remote explosive/landmine/IED", False),
        ),
        (
            "An army drone strike killed 3 militants near Ménaka on Friday.",
            ("Explosions/Remote violence", "Air/drone strike", False),
        ),
        (
            "Gunmen attacked a village near Bourem on Friday and killed 7 villagers.",
            ("Violence against civilians", "Attack", True),
        ),
        (
            "Armed men kidnapped five traders near Bourem on Friday.",
            ("Violence against civilians", "Abduction/forced disappearance", True),
        ),
        (
            "A bus hit a landmine near Douentza on Friday, killing 8 passengers; jihadists are "
            "suspected of planting it.",
            ("Explosions/Remote violence", "Remote explosive/landmine/IED", True),
        ),
    ],
)
def test_event_types_follow_the_taxonomy_rules(extractor, text, expected):
    assert event(extractor, text) == expected
