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


# Event type by ACLED's codebook on the wording of real reports (sentences written for
# these tests, one per phenomenon)
@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # shelling of a camp, "tirs d'obus": remote fire, not an exchange of fire
        (
            "Le camp de la MINUSMA à Ménaka a été visé vendredi par des tirs d'obus, sans "
            "faire de victimes.",
            "fr",
            ("Explosions/Remote violence", "Shelling/artillery/missile attack", False),
        ),
        # an army convoy's vehicles set off mines ("ont sauté sur des mines")
        (
            "Vendredi, deux véhicules d'un convoi de l'armée malienne ont sauté sur des mines "
            "près d'Ansongo : trois militaires ont été tués.",
            "fr",
            ("Explosions/Remote violence", "Remote explosive/landmine/IED", False),
        ),
        # "attentat suicide" written without a hyphen
        (
            "Un attentat suicide contre un camp militaire de Gao a fait 40 morts vendredi.",
            "fr",
            ("Explosions/Remote violence", "Suicide bomb", False),
        ),
        # the war in general ("the army is fighting") is no engagement in a drone strike
        (
            "Drone strikes killed 8 civilians at a market near Ménaka on Friday, in a region "
            "where the army is fighting a jihadist insurgency.",
            "en",
            ("Explosions/Remote violence", "Air/drone strike", False),
        ),
        # a base seized, with a determiner and an adjective before "base"
        (
            "Gunmen seized an army base near Douentza on Friday, killing 16 soldiers.",
            "en",
            ("Battles", "Non-state actor overtakes territory", False),
        ),
        # a takeover one side claims and the other says it repelled: a clash
        (
            "JNIM said it took control of a camp near Douentza on Friday. The army said it "
            "had repelled the attack and lost 5 soldiers.",
            "en",
            ("Battles", "Armed clash", False),
        ),
        # the army's reply from the air to an attack on its post is part of the battle
        (
            "Jihadists attacked an outpost near Ménaka on Friday, killing 2 soldiers; the "
            "attackers were then hit by air strikes.",
            "en",
            ("Battles", "Armed clash", False),
        ),
        # the army's claim of kills after a group attacked its position: both sides fought
        (
            "The army said on Friday it had killed 10 terrorists after Boko Haram fighters "
            "attacked one of its positions near Bourem.",
            "en",
            ("Battles", "Armed clash", False),
        ),
        # an army operation "from the air and on the ground": mixed tactics are a battle
        (
            "The army said it killed 30 militants near Ménaka on Friday in air and ground "
            "operations.",
            "en",
            ("Battles", "Armed clash", False),
        ),
        # a village attacked and its cattle taken, nobody hurt: looting
        (
            "Des hommes armés ont attaqué vendredi le village de Bara et ont dépouillé les "
            "habitants de leur bétail.",
            "fr",
            ("Strategic developments", "Looting/property destruction", False),
        ),
        # a militiaman who shot two youths and was then lynched: the killing is the event
        (
            "Friday near Bourem, a Koglweogo militiaman shot dead two young men and was then "
            "lynched by the crowd.",
            "en",
            ("Violence against civilians", "Attack", True),
        ),
    ],
)
def test_event_types_of_real_reporting(extractor, text, lang, expected):
    assert event(extractor, text, lang) == expected
