"""Score the extraction engine against the labelled sample corpus.

    .venv/bin/python bench/extraction_accuracy.py [--corpus corpus] [--verbose]
        [--out bench/results/extraction_accuracy.json]

Main text comes from the HTML with trafilatura (not part of what is scored), the
publication date is the date part of the label's `published` (its own offset), and
the language is detected by the engine. Predicted non-background incidents are matched
one-to-one to labelled incidents: same date (±3 days when either side has week or month
precision) and place within 25 km. Reported:

- incident precision / recall (matched / predicted, matched / labelled)
- date accuracy: matched incidents whose date and precision equal the label
- place accuracy: matched incidents within 25 km (1.0 by construction) — so we also
  report `place_25km_recall`: labelled incidents that have *some* prediction of the same
  date within 25 km, i.e. place right regardless of the other fields
- final toll accuracy: latest `killed` equals the label (null counts as 0)
- revision-sequence accuracy: the list of revision `killed` figures equals `toll_sequence`
- everything per language, and a baseline row (a "predict nothing" extractor scores 0
  recall; a "publication date + dateline town" heuristic is the weak baseline).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import trafilatura  # noqa: E402

from incidents.extraction import default_extractor  # noqa: E402
from incidents.extraction.geo import haversine_km  # noqa: E402


def load(corpus: Path) -> list[tuple[dict, str]]:
    labels = json.loads((corpus / "labels.json").read_text(encoding="utf-8"))
    out = []
    for label in labels:
        html = (corpus / "articles" / f"{label['slug']}.html").read_text(encoding="utf-8")
        text = trafilatura.extract(html, favor_precision=True) or ""
        out.append((label, text))
    return out


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _matches(pred: dict, lab: dict) -> bool:
    pd, ld = _date(pred.get("date")), _date(lab.get("date"))
    if pd is None or ld is None or pred.get("latitude") is None:
        return False
    coarse = "day" not in (pred.get("date_precision"), lab.get("date_precision")) or (
        pred.get("date_precision") != lab.get("date_precision")
    )
    if abs((pd - ld).days) > (3 if coarse else 0):
        return False
    return (
        haversine_km(pred["latitude"], pred["longitude"], lab["latitude"], lab["longitude"]) <= 25
    )


def score(items: list[tuple[dict, list[dict]]]) -> dict:
    n_pred = n_lab = matched = date_ok = place_ok = toll_ok = seq_ok = 0
    for label, preds in items:
        preds = [p for p in preds if not p.get("background")]
        labs = label["incidents"]
        n_pred += len(preds)
        n_lab += len(labs)
        used: set[int] = set()
        for lab in labs:
            for i, p in enumerate(preds):
                if i in used or not _matches(p, lab):
                    continue
                used.add(i)
                matched += 1
                date_ok += p["date"] == lab["date"] and p["date_precision"] == lab["date_precision"]
                place_ok += 1
                toll_ok += (p.get("killed") or 0) == (lab.get("killed") or 0)
                seq = [r["killed"] for r in p.get("toll_revisions", []) if r["killed"] is not None]
                seq_ok += seq == lab.get("toll_sequence", [])
                break
    div = lambda a, b: round(a / b, 3) if b else None  # noqa: E731  (None: nothing to score)
    return {
        "articles": len(items),
        "labelled": n_lab,
        "predicted": n_pred,
        "matched": matched,
        "precision": div(matched, n_pred),
        "recall": div(matched, n_lab),
        "date_accuracy": div(date_ok, matched),
        "place_25km_accuracy": div(place_ok, matched),
        "final_toll_accuracy": div(toll_ok, matched),
        "revision_sequence_accuracy": div(seq_ok, matched),
    }


def place_recall(items: list[tuple[dict, list[dict]]]) -> float:
    hits = total = 0
    for label, preds in items:
        for lab in label["incidents"]:
            total += 1
            hits += any(
                p.get("latitude") is not None
                and not p.get("background")
                and haversine_km(p["latitude"], p["longitude"], lab["latitude"], lab["longitude"])
                <= 25
                for p in preds
            )
    return round(hits / total, 3) if total else 1.0


def baseline(label: dict, text: str) -> list[dict]:
    """Weak baseline: one incident on the publication day wherever the label's first
    place is — i.e. perfect geocoding and 'every article is an incident'."""
    pub = datetime.fromisoformat(label["published"]).date().isoformat()
    if not label["incidents"]:
        return [{"date": pub, "date_precision": "day", "latitude": 0.0, "longitude": 0.0}]
    first = label["incidents"][0]
    return [
        {
            "date": pub,
            "date_precision": "day",
            "latitude": first["latitude"],
            "longitude": first["longitude"],
            "killed": None,
            "toll_revisions": [],
        }
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", default=str(ROOT / "corpus"))
    parser.add_argument("--out", default=str(ROOT / "bench/results/extraction_accuracy.json"))
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    data = load(Path(args.corpus))
    ex = default_extractor()
    results = []
    for label, text in data:
        published = datetime.fromisoformat(label["published"]).date()
        res = ex.extract(text, published=published, title=label.get("title"))
        preds = [i.to_dict() for i in res.incidents]
        results.append((label, preds, res.lang))
        if args.verbose:
            print(
                label["slug"],
                res.lang,
                json.dumps(
                    [
                        {k: p[k] for k in ("date", "place", "killed", "event_type", "background")}
                        for p in preds
                    ],
                    ensure_ascii=False,
                ),
            )
    report = {"all": score([(lab, p) for lab, p, _ in results])}
    report["all"]["place_25km_recall"] = place_recall([(lab, p) for lab, p, _ in results])
    for lang in ("en", "fr"):
        subset = [(lab, p) for lab, p, _ in results if lab["lang"] == lang]
        report[lang] = score(subset)
        report[lang]["language_detection_accuracy"] = round(
            sum(1 for lab, _, got in results if lab["lang"] == lang and got == lang)
            / max(1, len(subset)),
            3,
        )
    report["baseline_pubdate_and_true_place"] = score([(lab, baseline(lab, t)) for lab, t in data])
    no_incident = [
        lab["slug"]
        for lab, p, _ in results
        if lab["kind"] == "no_incident" and any(not x["background"] for x in p)
    ]
    report["false_incidents_in_no_incident_articles"] = no_incident
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2), encoding="utf-8")
    cols = [
        "articles",
        "labelled",
        "predicted",
        "matched",
        "precision",
        "recall",
        "date_accuracy",
        "place_25km_accuracy",
        "final_toll_accuracy",
        "revision_sequence_accuracy",
    ]
    print(f"{'':34}" + "".join(f"{c[:12]:>13}" for c in cols))
    for name in ("all", "en", "fr", "baseline_pubdate_and_true_place"):
        print(f"{name[:34]:34}" + "".join(f"{report[name][c]!s:>13}" for c in cols))
    print("place_25km_recall (all):", report["all"]["place_25km_recall"])
    print("false incidents in no-incident articles:", no_incident or "none")
    print(f"written to {out}")


if __name__ == "__main__":
    main()
