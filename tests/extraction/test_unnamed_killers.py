"""A killing told in the passive with no killer named ("un instituteur a été tué", "a
trader was killed") is a violent event: ACLED files it with an unidentified armed group.
A death with a non-violent cause (a road accident, a flood, an illness) stays no event."""

from datetime import date

import pytest

PUB = date(2025, 3, 9)  # a Sunday


@pytest.mark.parametrize(
    "text, lang, day, place",
    [
        (
            "Dans la nuit du 4 au 5 mars, un instituteur a été tué à Ansongo, devant son domicile.",
            "fr",
            "2025-03-04",
            "ml-ansongo",
        ),
        (
            "A cattle trader was killed on Thursday in Bourem as he came back from the market, "
            "his family said.",
            "en",
            "2025-03-06",
            "ml-bourem",
        ),
    ],
)
def test_a_killing_with_no_named_killer_is_an_incident(extractor, text, lang, day, place):
    live = extractor.extract(text, published=PUB, lang=lang).incidents
    assert len(live) == 1
    inc = live[0]
    assert not inc.background
    assert inc.date is not None and inc.date.isoformat() == day
    assert inc.place == place
    assert inc.killed == 1
    assert inc.event_type == "Violence against civilians"
    perpetrators = [a.key for a in inc.actors if a.role == "perpetrator"]
    assert perpetrators == ["unidentified-armed-group-mali"]


@pytest.mark.parametrize(
    "text, lang",
    [
        (
            "Trois passagers ont été tués jeudi dans un accident de la route près de Gao, "
            "quand leur car a quitté la chaussée.",
            "fr",
        ),
        ("Five people were killed by floods in Ménaka on Thursday, the town hall said.", "en"),
        (
            "Two nurses were killed by cholera in Ansongo on Thursday, the health office said.",
            "en",
        ),
    ],
)
def test_a_death_with_a_non_violent_cause_is_no_incident(extractor, text, lang):
    assert extractor.extract(text, published=PUB, lang=lang).incidents == []
