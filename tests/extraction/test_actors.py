from datetime import date

PUB = date(2025, 2, 9)


def roles(extractor, text, lang="en"):
    incs = [
        i for i in extractor.extract(text, published=PUB, lang=lang).incidents if not i.background
    ]
    assert incs
    return {(a.name, a.role) for a in incs[0].actors}


def test_ambush_of_escorted_convoy_gives_perpetrator_escorts_and_victims(extractor):
    got = roles(
        extractor,
        "JNIM fighters ambushed a convoy of civilians escorted by the Malian "
        "army and Wagner mercenaries near Bourem on Friday, killing 12.",
    )
    assert got == {
        ("JNIM", "perpetrator"),
        ("Malian Armed Forces", "escort"),
        ("Wagner Group", "escort"),
        ("Civilians", "victim"),
    }


def test_generic_jihadists_become_the_unidentified_group_of_the_country(extractor):
    got = roles(extractor, "Suspected jihadists killed 4 villagers near Ménaka on Friday.")
    assert got == {("Unidentified Armed Group (Mali)", "perpetrator"), ("Civilians", "victim")}
    fr = roles(
        extractor,
        "Des hommes armés non identifiés ont tué 7 civils vendredi dans la région de Tillabéri.",
        "fr",
    )
    assert ("Unidentified Armed Group (Niger)", "perpetrator") in fr


def test_a_named_group_replaces_the_generic_perpetrator(extractor):
    got = roles(
        extractor,
        "Jihadists attacked an army post near Ménaka on Friday, killing 9. "
        "Security sources attributed the attack to the Islamic State Sahel "
        "Province.",
    )
    assert ("Islamic State Sahel", "perpetrator") in got
    assert not any(name.startswith("Unidentified") for name, _ in got)


def test_aliases_match_word_bounded_and_acronyms_only_in_capitals(extractor):
    got = roles(
        extractor,
        "Les FAMa et des VDP ont été attaqués vendredi près de Bourem par "
        "le GSIM, faisant 5 morts.",
        "fr",
    )
    assert ("JNIM", "perpetrator") in got and ("Malian Armed Forces", "target") in got
    lower = roles(extractor, "A fan of the team was killed by gunmen near Bourem on Friday.")
    assert not any(name == "Niger Armed Forces" for name, _ in lower)
