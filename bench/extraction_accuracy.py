"""Score the extraction engine against the labelled corpora: the sample corpus it was
developed on and the held-out corpus it was not.

    .venv/bin/python bench/extraction_accuracy.py [--verbose] [--record-before]
        [--out bench/results/extraction_accuracy.json]

Corpora: ``corpus/`` ("sample", 25 articles the engine was tuned on) and
``corpus/heldout/`` ("heldout", written afterwards and never used for tuning; see
corpus/README.md). Each is scored and reported separately.

Main text comes from the HTML with trafilatura (not part of what is scored), the
publication date is the date part of the label's `published` (its own offset), and
the language is detected by the engine. Predicted non-background incidents are matched
one-to-one to labelled incidents: same date (±3 days when either side has week or month
precision) and place within 25 km. Reported, per corpus:

- incident precision / recall (matched / predicted, matched / labelled)
- date accuracy: matched incidents whose date, precision and ``date_latest`` (a night's
  or a span's last day, else none) equal the label
- place accuracy: matched incidents within 25 km (1.0 by construction) — so we also
  report `place_25km_recall`: labelled incidents that have *some* live prediction
  within 25 km, i.e. place right regardless of the other fields
- final toll accuracy: latest `killed` equals the label (null counts as 0)
- revision-sequence accuracy: the list of revision `killed` figures equals `toll_sequence`
- wounded accuracy: `wounded` equals the label (both null counts as equal)
- event-type / sub-event-type / civilian-targeting accuracy on matched incidents
- actor-role recall and precision: labelled (actor, role) pairs found in the matched
  prediction, and predicted pairs that the label has
- everything per language, and a baseline row ("publication date + the true place").

Beside them, the real articles of ``../shared/realcorpus/`` (when that folder is
there) through their own ``score.py``, run on this interpreter: it calls
``manage.py extract_incidents``, so it needs the database in ``DATABASE_URL``
migrated and loaded with ``manage.py load_reference_data``. Its summary is stored
under ``realcorpus`` and printed last.

``--record-before`` stores the current held-out figures under ``heldout_before`` (with
the git commit and the date) so a later run shows the change; without it, an existing
``heldout_before`` in the output file is kept as it is.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import trafilatura  # noqa: E402

from incidents.extraction import default_extractor  # noqa: E402
from incidents.extraction.geo import haversine_km  # noqa: E402

CORPORA = {"sample": ROOT / "corpus", "heldout": ROOT / "corpus" / "heldout"}
REAL_CORPUS = ROOT.parent / "shared" / "realcorpus"


def load(corpus: Path) -> list[tuple[dict, str]]:
    labels = json.loads((corpus / "labels.json").read_text(encoding="utf-8"))
    out = []
    for label in labels:
        html = (corpus / "articles" / f"{label['slug']}.html").read_text(encoding="utf-8")
        text = trafilatura.extract(html, favor_precision=True) or ""
        out.append((label, text))
    return out


def report_sequence(revisions: list[dict]) -> list[int]:
    """Each report's best figure in order: claims given at one moment (``as_of.moment``,
    sources disagreeing) are one report whose best is the lowest (corpus/README.md)."""
    best: dict[object, int] = {}
    for index, rev in enumerate(revisions):
        if rev.get("killed") is None:
            continue
        moment = (rev.get("as_of") or {}).get("moment", index)
        best[moment] = min(best.get(moment, rev["killed"]), rev["killed"])
    return list(best.values())


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
    wounded_ok = type_ok = sub_ok = civ_ok = 0
    pairs_lab = pairs_pred = pairs_hit = 0
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
                date_ok += (
                    p["date"] == lab["date"]
                    and p["date_precision"] == lab["date_precision"]
                    and p.get("date_latest") == lab.get("date_latest")
                )
                place_ok += 1
                toll_ok += (p.get("killed") or 0) == (lab.get("killed") or 0)
                seq = report_sequence(p.get("toll_revisions", []))
                seq_ok += seq == lab.get("toll_sequence", [])
                wounded_ok += p.get("wounded") == lab.get("wounded")
                type_ok += p.get("event_type") == lab.get("event_type")
                sub_ok += (p.get("event_type"), p.get("sub_event_type")) == (
                    lab.get("event_type"),
                    lab.get("sub_event_type"),
                )
                civ_ok += bool(p.get("civilian_targeting")) == bool(lab.get("civilian_targeting"))
                want = {(a["name"], a["role"]) for a in lab.get("actors", [])}
                got = {(a["name"], a["role"]) for a in p.get("actors", [])}
                pairs_lab += len(want)
                pairs_pred += len(got)
                pairs_hit += len(want & got)
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
        "wounded_accuracy": div(wounded_ok, matched),
        "event_type_accuracy": div(type_ok, matched),
        "sub_event_type_accuracy": div(sub_ok, matched),
        "civilian_targeting_accuracy": div(civ_ok, matched),
        "actor_role_recall": div(pairs_hit, pairs_lab),
        "actor_role_precision": div(pairs_hit, pairs_pred),
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


def run_corpus(ex, corpus: Path, verbose: bool) -> dict:
    data = load(corpus)
    results = []
    for label, text in data:
        published = datetime.fromisoformat(label["published"]).date()
        res = ex.extract(text, published=published, title=label.get("title"))
        preds = [i.to_dict() for i in res.incidents]
        results.append((label, preds, res.lang))
        if verbose:
            print(
                label["slug"],
                res.lang,
                json.dumps(
                    [
                        {
                            k: p[k]
                            for k in (
                                "date",
                                "place",
                                "killed",
                                "wounded",
                                "event_type",
                                "background",
                            )
                        }
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
        report[lang]["place_25km_recall"] = place_recall(subset)
        report[lang]["language_detection_accuracy"] = round(
            sum(1 for lab, _, got in results if lab["lang"] == lang and got == lang)
            / max(1, len(subset)),
            3,
        )
    report["baseline_pubdate_and_true_place"] = score([(lab, baseline(lab, t)) for lab, t in data])
    report["false_incidents_in_no_incident_articles"] = [
        lab["slug"]
        for lab, p, _ in results
        if lab["kind"] == "no_incident" and any(not x["background"] for x in p)
    ]
    return report


def _git_commit() -> str | None:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        )
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "incidents/extraction"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        return out.stdout.strip() + (" (incidents/extraction modified)" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return None


COLS = [
    "articles",
    "labelled",
    "predicted",
    "matched",
    "precision",
    "recall",
    "date_accuracy",
    "place_25km_recall",
    "final_toll_accuracy",
    "revision_sequence_accuracy",
    "wounded_accuracy",
    "event_type_accuracy",
    "sub_event_type_accuracy",
    "civilian_targeting_accuracy",
    "actor_role_recall",
    "actor_role_precision",
]


def print_table(name: str, rep: dict) -> None:
    print(f"\n== {name} ==")
    print(f"{'':20}" + "".join(f"{c[:11]:>12}" for c in COLS))
    for row in ("all", "en", "fr", "baseline_pubdate_and_true_place"):
        print(f"{row[:20]:20}" + "".join(f"{rep[row].get(c, '')!s:>12}" for c in COLS))
    print(
        "false incidents in no-incident articles:",
        rep["false_incidents_in_no_incident_articles"] or "none",
    )


def score_real_corpus() -> dict | None:
    """The real corpus's own scorer, run as it documents, on this interpreter."""
    scorer = REAL_CORPUS / "score.py"
    if not scorer.exists():
        return None
    with tempfile.TemporaryDirectory(prefix="cw-realcorpus-") as folder:
        details = Path(folder) / "details.json"
        run = subprocess.run(
            [sys.executable, str(scorer), "--python", sys.executable, "--details", str(details)],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        if run.returncode != 0 or not details.exists():
            return {"error": (run.stderr or run.stdout).strip()[-2000:]}
        return json.loads(details.read_text(encoding="utf-8"))["summary"]


def print_real_corpus(summary: dict) -> None:
    print("\n== realcorpus (../shared/realcorpus/score.py) ==")
    if "error" in summary:
        print("could not be scored:", summary["error"])
        return
    incidents = summary["incidents"]
    print(
        f"incidents F1 {incidents['f1']} (P {incidents['precision']} R {incidents['recall']}; "
        f"tp {incidents['tp']} fp {incidents['fp']} fn {incidents['fn']})"
    )
    for name, figure in summary.items():
        if name not in ("incidents", "background_as_current"):
            print(f"{name:12} {figure['accuracy']} (n={figure['n']})")
    background = summary["background_as_current"]
    print(f"background filed as current: {background['count']}/{background['of']}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(ROOT / "bench/results/extraction_accuracy.json"))
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument(
        "--record-before",
        action="store_true",
        help="store the held-out figures of this run as heldout_before",
    )
    args = parser.parse_args()
    out = Path(args.out)
    previous = {}
    if out.exists():
        try:
            previous = json.loads(out.read_text(encoding="utf-8"))
        except ValueError:
            previous = {}
    ex = default_extractor()
    report: dict = {
        "generated": datetime.now(UTC).isoformat(timespec="seconds"),
        "engine_commit": _git_commit(),
    }
    for name, path in CORPORA.items():
        if not (path / "labels.json").exists():
            continue
        if args.verbose:
            print(f"--- {name}")
        report[name] = run_corpus(ex, path, args.verbose)
    real = score_real_corpus()
    if real is not None:
        report["realcorpus"] = real
    if args.record_before and "heldout" in report:
        report["heldout_before"] = {
            "recorded": report["generated"],
            "engine_commit": report["engine_commit"],
            "note": "held-out figures of the engine before it was changed for generality",
            **report["heldout"],
        }
    elif "heldout_before" in previous:
        report["heldout_before"] = previous["heldout_before"]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2), encoding="utf-8")
    for name in CORPORA:
        if name in report:
            print_table(name, report[name])
    if "heldout_before" in report:
        before = report["heldout_before"]["all"]
        now = report.get("heldout", {}).get("all", {})
        print("\nheld-out, before -> now (all):")
        for c in COLS[4:]:
            print(f"  {c:30} {before.get(c)!s:>8} -> {now.get(c)!s}")
    if "realcorpus" in report:
        print_real_corpus(report["realcorpus"])
    print(f"written to {out}")


if __name__ == "__main__":
    main()
