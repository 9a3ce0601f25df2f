"""The actor catalogue knows the main armed actors of the Sahel, 2012–2026, in both
languages, with their hierarchy."""

import json
from datetime import date

import pytest

from incidents.extraction import load_actors_json
from tests.extraction.conftest import ACTORS_JSON

PUB = date(2025, 2, 9)


def perpetrators(extractor, text, lang):
    incs = [
        i for i in extractor.extract(text, published=PUB, lang=lang).incidents if not i.background
    ]
    return {a.key for i in incs for a in i.actors if a.role == "perpetrator"}


@pytest.mark.parametrize(
    ("text", "lang", "key"),
    [
        (
            "Des combattants du MNLA ont attaqué un poste de l'armée près de Bourem vendredi.",
            "fr",
            "mnla",
        ),
        (
            "La katiba Macina a attaqué le camp militaire de Mopti vendredi, tuant 4 soldats.",
            "fr",
            "katiba-macina",
        ),
        (
            "Ansarul Islam fighters attacked a village near Bourem on Friday, killing 5 civilians.",
            "en",
            "ansarul-islam",
        ),
        (
            "Des éléments de Boko Haram ont attaqué un village près de Tillabéri vendredi.",
            "fr",
            "boko-haram",
        ),
        (
            "Des chasseurs dozos ont attaqué un hameau près de Mopti vendredi, tuant 3 civils.",
            "fr",
            "dozo-militia",
        ),
        ("Le GATIA a attaqué des positions près de Ménaka vendredi.", "fr", "gatia"),
        (
            "AQIM militants attacked a convoy near Timbuktu on Friday, killing two soldiers.",
            "en",
            "aqim",
        ),
        ("ISWAP fighters attacked a military post near Tillabéri on Friday.", "en", "iswap"),
    ],
)
def test_named_groups_are_recognised_as_perpetrators(extractor, text, lang, key):
    assert key in perpetrators(extractor, text, lang)


def test_hierarchy_and_languages():
    raw = {a["key"]: a for a in json.loads(ACTORS_JSON.read_text(encoding="utf-8"))}
    assert raw["katiba-macina"]["parent"] == "jnim"
    assert raw["mnla"]["parent"] == "coordination-of-azawad-movements"
    assert raw["gatia"]["parent"] == "plateforme"
    assert raw["operation-barkhane"]["parent"] == "military-forces-of-france"
    assert raw["malian-national-guard"]["parent"] == "malian-armed-forces"
    kinds = {a.kind for a in load_actors_json(ACTORS_JSON)}
    assert {"state", "foreign", "rebel", "militia"} <= kinds
    states = {a["country"] for a in raw.values() if a["kind"] == "state"}
    assert {"ML", "BF", "NE"} <= states
    # the three countries' forces, gendarmeries and police all exist
    for country in ("ML", "BF", "NE"):
        names = " ".join(
            a["name"].lower()
            for a in raw.values()
            if a["country"] == country and a["kind"] == "state"
        )
        assert "gendarmerie" in names and "police" in names and "armed forces" in names
