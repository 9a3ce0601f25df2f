"""Start-up time and memory of the extraction engine with the full GeoNames gazetteer.

    .venv/bin/python bench/gazetteer_load.py [--repeat 5]

Each variant is built in a fresh Python process (so its resident memory is its own),
``--repeat`` times, and the fastest build is kept:

- baseline: the curated gazetteer only (incidents/data/places.csv, ~340 rows), as
  the engine was before the GeoNames dump;
- file: ``default_extractor()``: places.csv over incidents/data/geonames.tsv;
- database: ``incidents.ingest.extraction.build_extractor()``, the path workers take
  (the database's places over the dump file), when DATABASE_URL reaches a migrated
  database with the reference data loaded.

For each: seconds to build (wall clock and CPU time: the latter holds when other
processes share the machine), RSS added by the build (MB), and articles per second of
``extract`` over the synthetic corpus (one core). Results go to
bench/results/gazetteer_load.json.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, os, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
variant = sys.argv[2]

def rss_mb():
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024

if variant == "database":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflictwatch.settings")
    import django
    django.setup()
    from incidents.ingest.extraction import build_extractor
from incidents.extraction import Extractor, default_extractor
from incidents.extraction.resources import DATA_DIR, load_actors_json, load_places_csv
from incidents.extraction.resources import load_routes_geojson
import incidents.extraction.engine  # imports are not the gazetteer's cost

before = rss_mb()
t0, c0 = time.perf_counter(), time.process_time()
if variant == "baseline":
    ex = Extractor(load_places_csv(DATA_DIR / "places.csv"),
                   load_actors_json(DATA_DIR / "actors.json"),
                   load_routes_geojson(DATA_DIR / "routes.geojson"))
elif variant == "file":
    ex = default_extractor()
else:
    ex = build_extractor()
build = time.perf_counter() - t0
build_cpu = time.process_time() - c0
grown = rss_mb() - before
corpus = Path(sys.argv[1]) / "corpus"
labels = json.loads((corpus / "labels.json").read_text(encoding="utf-8"))
import trafilatura
texts = [trafilatura.extract((corpus / "articles" / f"{lab['slug']}.html").read_text(
    encoding="utf-8"), favor_precision=True) or "" for lab in labels]
for text in texts:
    ex.extract(text, lang="en")
t0 = time.process_time()
n = 0
for _ in range(int(sys.argv[3])):
    for text in texts:
        ex.extract(text, lang="en")
        n += 1
cpu = time.process_time() - t0
print(json.dumps({"places": len(ex.gazetteer.places), "build_seconds": round(build, 3),
                  "build_cpu_seconds": round(build_cpu, 3),
                  "rss_added_mb": round(grown, 1), "rss_total_mb": round(rss_mb(), 1),
                  "articles_per_cpu_second": round(n / cpu, 1)}))
"""


def run(variant: str, repeat: int, passes: int) -> dict | None:
    best = None
    for _ in range(repeat):
        proc = subprocess.run(
            [sys.executable, "-c", CHILD, str(ROOT), variant, str(passes)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=os.environ.copy(),
        )
        if proc.returncode != 0:
            print(f"{variant}: failed\n{proc.stderr[-800:]}", file=sys.stderr)
            return None
        result = json.loads(proc.stdout.strip().splitlines()[-1])
        if best is None or result["build_seconds"] < best["build_seconds"]:
            best = result
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--passes", type=int, default=10, help="corpus passes timed per run")
    parser.add_argument("--out", default=str(ROOT / "bench/results/gazetteer_load.json"))
    args = parser.parse_args()
    report = {"host_load_average_1min": round(os.getloadavg()[0], 2)}
    for variant in ("baseline", "file", "database"):
        if variant == "database" and not os.environ.get("DATABASE_URL"):
            continue
        report[variant] = run(variant, args.repeat, args.passes)
    base, full = report.get("baseline"), report.get("file")
    if base and full:
        report["file_vs_baseline"] = {
            "build_seconds_added": round(full["build_seconds"] - base["build_seconds"], 3),
            "build_cpu_seconds_added": round(
                full["build_cpu_seconds"] - base["build_cpu_seconds"], 3
            ),
            "rss_mb_added": round(full["rss_added_mb"] - base["rss_added_mb"], 1),
            "speed_ratio": round(
                full["articles_per_cpu_second"] / base["articles_per_cpu_second"], 2
            ),
        }
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2))
    print(f"written to {out}")


if __name__ == "__main__":
    main()
