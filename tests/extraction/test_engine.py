"""End to end on short texts written for these tests (the motivating case in en and fr)."""

from datetime import date, datetime

import pytest

from incidents.extraction import ExtractionResult

PUB = date(2025, 2, 9)  # a Sunday

MOTIVATING_EN = (
    "GAO (Sahel Wire) — Jihadists ambushed a civilian convoy escorted by the Malian army and "
    "Wagner Group mercenaries on Friday between Gao and Ansongo, a local official said.\n"
    "A local official first gave a provisional toll of 10 dead, soldiers and civilians. On "
    "Saturday, a local official and an NGO put the toll at 32 dead. A medical source said the "
    "dead and wounded were taken to Gao.\n"
    "Last year in September, jihadists attacked a gendarmerie school in Bamako. In December, "
    "an attack near Bourem killed at least 20 people and six villages were burned."
)
MOTIVATING_FR = (
    "GAO — Des djihadistes ont tendu une embuscade vendredi 7 février à un convoi de civils "
    "escorté par l'armée malienne et les mercenaires de Wagner entre Gao et Ansongo.\n"
    "Un bilan provisoire faisait état de dix morts, selon un élu local. Le lendemain, un élu "
    "local et une ONG ont revu le bilan à la hausse : au moins trente-deux morts.\n"
    "L'an dernier, en septembre, des djihadistes avaient attaqué Bamako."
)
KEYS = {
    "date",
    "date_precision",
    "location_text",
    "place",
    "place_name",
    "latitude",
    "longitude",
    "geo_precision",
    "country",
    "admin1",
    "actors",
    "event_type",
    "sub_event_type",
    "civilian_targeting",
    "killed",
    "killed_min",
    "killed_max",
    "wounded",
    "toll_revisions",
    "background",
    "evidence",
}


def live(result):
    return [i for i in result.incidents if not i.background]


@pytest.mark.parametrize(("text", "lang"), [(MOTIVATING_EN, "en"), (MOTIVATING_FR, "fr")])
def test_motivating_case_gives_one_incident_with_its_toll_history(extractor, text, lang):
    result = extractor.extract(text, published=PUB, lang=lang)
    [inc] = live(result)
    assert (inc.date, inc.date_precision) == (date(2025, 2, 7), "day")
    assert (inc.place, inc.geo_precision) == ("gao-ansongo", "between")
    assert (inc.event_type, inc.sub_event_type, inc.civilian_targeting) == (
        "Battles",
        "Armed clash",
        False,
    )
    assert [r.killed for r in inc.toll_revisions] == [10, 32]
    assert inc.toll_revisions[0].said_by == "local official"
    assert inc.toll_revisions[1].said_by == "local official; NGO"
    assert inc.toll_revisions[1].reported_on == date(2025, 2, 8)
    assert inc.killed == 32
    roles = {(a.name, a.role) for a in inc.actors}
    assert {
        ("Malian Armed Forces", "escort"),
        ("Wagner Group", "escort"),
        ("Civilians", "victim"),
        ("Unidentified Armed Group (Mali)", "perpetrator"),
    } <= roles
    assert all(i.date != inc.date for i in result.incidents if i.background)


def test_background_mentions_are_flagged_and_keep_their_own_figures(extractor):
    result = extractor.extract(MOTIVATING_EN, published=PUB, lang="en")
    background = [i for i in result.incidents if i.background]
    assert background, result.to_dict()
    assert all(i.killed != 32 for i in background)
    december = [i for i in background if i.killed == 20]
    assert december and december[0].date == date(2024, 12, 15)


def test_to_dict_has_the_stable_keys_and_evidence_spans_point_into_the_text(extractor):
    result = extractor.extract(MOTIVATING_EN, published=datetime(2025, 2, 9, 9, 30), lang="en")
    data = result.to_dict()
    assert data["lang"] == "en"
    inc = data["incidents"][0]
    assert KEYS <= set(inc)
    for span in [
        inc["evidence"]["date"],
        inc["evidence"]["place"],
        inc["evidence"]["toll"],
        *[r["evidence"] for r in inc["toll_revisions"]],
        *inc["evidence"]["actors"],
    ]:
        assert MOTIVATING_EN[span["start"] : span["end"]] == span["text"]
    assert set(inc["toll_revisions"][0]) >= {
        "killed",
        "killed_min",
        "killed_max",
        "qualifier",
        "wounded",
        "said_by",
        "reported_on",
        "evidence",
    }


def test_language_is_detected_when_not_given(extractor):
    assert extractor.extract(MOTIVATING_FR, published=PUB).lang == "fr"
    assert extractor.extract(MOTIVATING_EN, published=PUB).lang == "en"


def test_several_incidents_in_one_article_are_returned_separately(extractor):
    text = (
        "Two soldiers were killed on Friday when their vehicle hit a mine near Bourem.\n"
        "On Saturday, gunmen killed four herders near Ménaka, a local official said."
    )
    incs = live(extractor.extract(text, published=PUB, lang="en"))
    assert [(i.date, i.place, i.killed) for i in incs] == [
        (date(2025, 2, 7), "ml-bourem", 2),
        (date(2025, 2, 8), "ml-menaka", 4),
    ]


def test_articles_without_violence_give_nothing(extractor):
    text = (
        "GAO (Sahel Wire) — Étoile du Songhaï beat AS Ansongo 3–1 on Sunday in Gao, "
        "killing off the contest late. The visitors attacked from the kick-off and were "
        "ambushed on the counter-attack."
    )
    assert extractor.extract(text, published=PUB, lang="en").incidents == []
    assert extractor.extract("", published=PUB).incidents == []


def test_without_publication_date_relative_dates_stay_null(extractor):
    result = extractor.extract("Gunmen killed 4 herders near Bourem on Friday.", lang="en")
    assert result.incidents and result.incidents[0].date is None
    stated = extractor.extract("Gunmen killed 4 herders near Bourem on 7 February 2025.", lang="en")
    assert stated.incidents[0].date == date(2025, 2, 7)


def test_weekday_date_conflict_is_noted(extractor):
    text = "Jihadists attacked the army checkpoint in Ansongo on Tuesday, March 5, killing 20."
    [inc] = live(extractor.extract(text, published=date(2025, 3, 6), lang="en"))
    assert inc.date == date(2025, 3, 4)
    assert "not a Tuesday" in inc.to_dict()["date_note"]


def test_result_type_and_determinism(extractor):
    a = extractor.extract(MOTIVATING_EN, published=PUB, lang="en")
    b = extractor.extract(MOTIVATING_EN, published=PUB, lang="en")
    assert isinstance(a, ExtractionResult) and a.to_dict() == b.to_dict()


def test_an_attack_recalled_as_context_is_background_even_when_recent(extractor):
    text = (
        "DOUENTZA — Au moins huit passagers ont été tués mardi lorsqu'un car a sauté sur un "
        "engin explosif près de Douentza.\n"
        "Ce drame survient une semaine après l'attaque du mardi 28 janvier contre Bamako, qui "
        "a fait 12 morts selon des sources sécuritaires."
    )
    result = extractor.extract(text, published=date(2025, 2, 5), lang="fr")
    assert [(i.date, i.killed) for i in live(result)] == [(date(2025, 2, 4), 8)]
    assert [i.killed for i in result.incidents if i.background] == [12]


def test_an_undated_overview_sentence_is_not_an_extra_incident(extractor):
    text = (
        "BAMAKO (Sahel Wire) — Violence continued across northern Mali over the weekend, with a "
        "roadside bomb and an attack on herders reported in Gao.\n"
        "BOUREM — Two soldiers were killed on Friday when their vehicle hit a mine near Bourem."
        "\nMÉNAKA — Gunmen killed four herders on Saturday near Ménaka."
    )
    incs = live(extractor.extract(text, published=PUB, lang="en"))
    assert [i.place for i in incs] == ["ml-bourem", "ml-menaka"]


def test_headline_above_the_dateline_is_not_read_as_the_report(extractor):
    text = (
        "Attaque du camp de Bourem : une trentaine de morts\n"
        "GAO — Des combattants jihadistes ont attaqué le camp militaire de Bourem dans la "
        "nuit de jeudi à vendredi, faisant une trentaine de morts, selon une source sécuritaire."
    )
    [inc] = live(extractor.extract(text, published=PUB, lang="fr"))
    assert (inc.date, inc.date_latest) == (date(2025, 2, 6), date(2025, 2, 7))
    assert (inc.place, inc.killed) == ("ml-bourem", 30)
    assert inc.toll_revisions[0].said_by == "security source"


def test_statement_and_claim_dates_are_not_incident_dates(extractor):
    text = (
        "Jihadists attacked an army post near Bourem on Thursday, killing 5 soldiers. The "
        "group claimed the attack on Saturday, and the army said on Sunday that the toll was 5."
    )
    incs = live(extractor.extract(text, published=date(2025, 2, 10), lang="en"))
    assert [(i.date, i.killed) for i in incs] == [(date(2025, 2, 6), 5)]


def test_an_article_with_no_usable_date_gives_none_not_the_publication_day(extractor):
    result = extractor.extract(
        "Des hommes armés ont tué cinq civils près de Bourem, selon des sources locales.",
        published=date(2025, 2, 9),
        lang="fr",
    )
    [inc] = [i for i in result.incidents if not i.background]
    out = inc.to_dict()
    assert (out["date"], out["date_precision"], out["date_latest"]) == (None, None, "2025-02-09")
