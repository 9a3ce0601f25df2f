"""The typed proposal filing reads: built once from the engine's JSON form."""

from dataclasses import FrozenInstanceError
from datetime import date

import pytest

from incidents.extraction.proposal import IncidentProposal

PUB = date(2025, 2, 9)


def proposal_of(extractor, text, lang="en"):
    result = extractor.extract(text, published=PUB, lang=lang)
    (data,) = [{**i, "lang": result.lang} for i in result.to_dict()["incidents"]]
    return data, IncidentProposal.from_json(data)


def test_the_proposal_carries_the_fields_filing_needs_and_keeps_the_json(extractor):
    data, p = proposal_of(
        extractor,
        "Jihadists ambushed an army patrol near Bourem on Friday, killing 12 soldiers.",
    )
    assert p.date == date(2025, 2, 7)
    assert (p.latitude, p.longitude) == (data["latitude"], data["longitude"])
    assert p.event_type == "Battles" and p.can_become_incident
    assert p.quote.startswith("Jihadists ambushed")  # the event's sentence
    assert [f.killed for t in p.tolls for f in t.figures] == [12]
    assert {(a.key, a.role) for a in p.actors} == {(a["key"], a["role"]) for a in data["actors"]}
    assert p.json == data  # what a candidate stores, unchanged
    with pytest.raises(FrozenInstanceError):
        p.event_type = "Riots"  # type: ignore[misc]


def test_disagreeing_figures_keep_their_sources_and_share_a_moment(extractor):
    _, p = proposal_of(
        extractor,
        "Gunmen killed 9 villagers near Bourem on Friday, the army said. Residents said 16 "
        "people were killed.",
    )
    figures = [(f.killed, t.moment) for t in p.tolls for f in t.figures]
    assert sorted(k for k, _ in figures) == [9, 16]
    assert len({m for _, m in figures}) == 1, "given at one moment"
    assert all(f.said_by for t in p.tolls for f in t.figures)


def test_an_unknown_group_keeps_its_name_and_sentence_for_the_review_queue():
    p = IncidentProposal.from_json(
        {
            "actors": [
                {"key": None, "name": " Katiba Serma ", "role": "perpetrator", "unresolved": True}
            ],
            "evidence": {
                "actors": [{"key": None, "role": "perpetrator", "text": "Katiba Serma claimed it."}]
            },
        }
    )
    (actor,) = p.actors
    assert (actor.name, actor.unresolved, actor.evidence) == (
        "Katiba Serma",
        True,
        "Katiba Serma claimed it.",
    )


def test_a_stored_proposal_with_missing_or_odd_values_reads_as_empty_not_as_an_error():
    p = IncidentProposal.from_json({"date": None, "latitude": "x", "toll_revisions": [{}]})
    assert p.date is None and p.latitude is None and not p.can_become_incident
    assert [f.killed for t in p.tolls for f in t.figures] == [None]
