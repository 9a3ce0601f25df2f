"""The engine over the labelled sample corpus (skipped until corpus/ and the data exist)."""

import json
from datetime import datetime
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
DATA = ROOT / "incidents" / "data"

pytestmark = pytest.mark.skipif(
    not (CORPUS / "labels.json").exists()
    or not (DATA / "places.csv").exists()
    or not (DATA / "routes.geojson").exists(),
    reason="corpus or gazetteer not present",
)


@pytest.fixture(scope="module")
def corpus_results():
    import trafilatura

    from incidents.extraction import default_extractor

    ex = default_extractor()
    out = {}
    for label in json.loads((CORPUS / "labels.json").read_text(encoding="utf-8")):
        html = (CORPUS / "articles" / f"{label['slug']}.html").read_text(encoding="utf-8")
        text = trafilatura.extract(html, favor_precision=True) or ""
        published = datetime.fromisoformat(label["published"]).date()
        out[label["slug"]] = (
            {**label, "text": text},
            ex.extract(text, published=published, title=label.get("title")),
        )
    return out


def test_motivating_case_from_the_corpus(corpus_results):
    for slug in ("01-gao-ansongo-convoy-ambush-en", "02-gao-ansongo-embuscade-convoi-fr"):
        _label, result = corpus_results[slug]
        live = [i for i in result.incidents if not i.background]
        assert len(live) == 1, slug
        inc = live[0]
        assert (inc.date.isoformat(), inc.date_precision) == ("2025-02-07", "day")
        assert (inc.place, inc.geo_precision) == ("gao-ansongo", "between")
        assert (inc.event_type, inc.sub_event_type) == ("Battles", "Armed clash")
        assert inc.civilian_targeting is False
        assert [r.killed for r in inc.toll_revisions] == [10, 32]
        # 32 is said by a local official and an NGO in both articles; only the English one
        # names who gave the provisional 10
        assert inc.toll_revisions[1].said_by == "local official; NGO"
        if slug.endswith("-en"):
            assert inc.toll_revisions[0].said_by == "local official"
        background = [i for i in result.incidents if i.background]
        assert background and all(
            i.date is None or i.date.isoformat() < "2025-02" for i in background
        )


def test_no_incident_articles_give_no_live_incident(corpus_results):
    for slug, (label, result) in corpus_results.items():
        if label["kind"] == "no_incident":
            assert not [i for i in result.incidents if not i.background], slug


def test_every_evidence_span_points_into_its_text(corpus_results):
    for slug, (label, result) in corpus_results.items():
        for inc in result.incidents:
            ev = inc.to_dict()["evidence"]
            for span in [ev["date"], ev["place"], ev["toll"], ev["event"]]:
                if span is not None:
                    assert span["end"] > span["start"], slug
                    assert label["text"][span["start"] : span["end"]] == span["text"], slug
