"""Evidence an editor can use, confidence per field, and groups the catalogue lacks."""

from datetime import date

PUB = date(2025, 2, 9)

AMBUSH_FR = (
    "Des hommes armés ont tendu une embuscade vendredi à un convoi de l'armée malienne "
    "près de Bourem. Le bilan est de 12 soldats tués, selon une source sécuritaire. "
    "L'attaque a été revendiquée par la katiba Hanifa, un groupe peu connu."
)


def current(extractor, text, lang="fr"):
    return [
        i for i in extractor.extract(text, published=PUB, lang=lang).incidents if not i.background
    ]


def test_each_field_evidence_is_the_whole_sentence_with_the_cue_inside(extractor):
    (inc,) = current(extractor, AMBUSH_FR)
    evidence = inc.to_dict()["evidence"]
    first = (
        "Des hommes armés ont tendu une embuscade vendredi à un convoi de l'armée malienne "
        "près de Bourem."
    )
    assert evidence["event"]["text"] == first
    assert evidence["event"]["cue"]["text"] == "embuscade"
    assert AMBUSH_FR[evidence["event"]["start"] : evidence["event"]["end"]] == first
    assert "12 soldats tués" in evidence["toll"]["text"]
    assert evidence["date"]["text"] == first and evidence["date"]["cue"]["text"] == "vendredi"


def test_confidence_is_given_per_field_and_a_missing_toll_is_weak(extractor):
    (inc,) = current(extractor, "Gunmen abducted four traders near Bourem on Friday.", "en")
    conf = inc.to_dict()["field_confidence"]
    assert set(conf) == {"date", "place", "toll", "actors", "event"}
    assert conf["toll"] < 0.5, "no toll in the text"
    assert conf["date"] >= 0.8 and conf["event"] >= 0.8


def test_unknown_claimed_group_is_kept_by_name_as_perpetrator(extractor):
    (inc,) = current(extractor, AMBUSH_FR)
    actors = inc.to_dict()["actors"]
    unknown = [a for a in actors if a.get("unresolved")]
    assert unknown == [
        {"key": None, "name": "katiba Hanifa", "role": "perpetrator", "unresolved": True}
    ]
    assert not any(a["key"] and a["key"].startswith("unidentified") for a in actors), (
        "a named perpetrator replaces the generic unidentified group"
    )
    assert inc.event_type == "Battles"


def test_group_named_in_english_before_its_noun(extractor):
    (inc,) = current(
        extractor,
        "Fighters of the Ansar Sunna Brigade group attacked a Malian army post near Bourem "
        "on Friday, killing three soldiers.",
        "en",
    )
    names = [a.name for a in inc.actors if a.key is None]
    assert names == ["Ansar Sunna Brigade"]


def test_catalogue_names_and_places_are_not_unknown_groups(extractor):
    (inc,) = current(
        extractor,
        "The attack near Bourem on Friday was claimed by JNIM; the Bourem group of traders "
        "lost 4 people.",
        "en",
    )
    assert not [a for a in inc.actors if a.key is None]


def test_attack_on_a_detachment_is_a_battle_though_no_force_is_named(extractor):
    (inc,) = current(
        extractor,
        "Une attaque contre un détachement près de Tillabéri a fait 14 morts lundi.",
    )
    assert (inc.event_type, inc.sub_event_type) == ("Battles", "Armed clash")


def test_shelling_with_no_casualties_is_still_an_incident(extractor):
    (inc,) = current(
        extractor,
        "Ce vendredi matin, plusieurs obus ont visé la ville de Gao sans faire de victimes.",
    )
    assert inc.sub_event_type == "Shelling/artillery/missile attack"


def test_earlier_attacks_named_by_time_or_comparison_are_background(extractor):
    text = (
        "Gunmen killed 12 villagers near Bourem on Friday, local officials said.\n\n"
        "Earlier this year, drone strikes killed 13 civilians near Ménaka.\n\n"
        "The toll is surpassed only by an attack at Mopti last June that left 132 dead."
    )
    incs = extractor.extract(text, published=PUB, lang="en").incidents
    assert [i.killed for i in incs if not i.background] == [12]


def test_group_given_as_an_example_is_not_the_perpetrator(extractor):
    (inc,) = current(
        extractor,
        "Gunmen killed 12 villagers near Bourem on Friday. Such abuses are attributed to "
        "armed groups such as JNIM and militias.",
        "en",
    )
    assert "jnim" not in {a.key for a in inc.actors}


def test_per_village_tolls_make_one_incident_per_village(extractor):
    incs = current(
        extractor,
        "Gunmen attacked two villages on Friday. According to the mayor, the gunmen killed "
        "31 people in Bara and 13 in Kobé.",
        "en",
    )
    assert sorted((i.place_name, i.killed) for i in incs) == [("Bara", 31), ("Kobé", 13)]
    assert all(i.date == incs[0].date and i.event_type == incs[0].event_type for i in incs)


def test_demonstrations_are_incidents_by_their_acled_sub_type(extractor):
    riot = current(
        extractor,
        "Vendredi à Gao, une manifestation de jeunes a dégénéré en affrontements avec les "
        "forces de l'ordre; un manifestant a été tué.",
    )
    assert [(i.event_type, i.sub_event_type) for i in riot] == [("Riots", "Violent demonstration")]
    assert not any(a.key and a.key.startswith("unidentified") for a in riot[0].actors)
    peaceful = current(
        extractor, "Des centaines de manifestants ont défilé vendredi à Bamako contre la vie chère."
    )
    assert [(i.event_type, i.sub_event_type) for i in peaceful] == [
        ("Protests", "Peaceful protest")
    ]
    fired = current(
        extractor,
        "On Friday in Gao, security forces opened fire on protesters, killing three.",
        "en",
    )
    assert fired[0].sub_event_type == "Excessive force against protesters"


def test_a_banned_march_that_did_not_happen_is_no_incident(extractor):
    assert not current(
        extractor,
        "Les autorités ont interdit la manifestation prévue vendredi à Bamako et déployé "
        "des policiers pour l'empêcher.",
    )


def test_the_same_figure_told_again_is_one_event_and_uncounted_asides_are_context(extractor):
    text = (
        "Gunmen killed 24 soldiers near Bourem on Friday, the army said.\n\n"
        "The 24 soldiers were killed on Saturday in an ambush, a local official added.\n\n"
        "Attacks have also hit Ménaka since March."
    )
    incs = extractor.extract(text, published=PUB, lang="en").incidents
    assert [i.killed for i in incs if not i.background] == [24]
