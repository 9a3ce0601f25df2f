"""A benchmark's database with N synthetic published incidents, made by
``manage.py generate_incidents``'s generator (incidents/synthetic), so every
benchmark measures the same realistic data at 10k, 100k or 1M.

    from bench.dataset import prepare
    prepare(url, 100_000)        # after os.environ["DATABASE_URL"] = url; django.setup()

The database is created if missing, migrated and given the reference data.
If it already holds exactly N incidents made with the same seed, they are
kept (a 1M load costs minutes); otherwise the incident tables are emptied and
N are generated. Then VACUUM ANALYZE: the statistics and visibility map that
autovacuum reaches on its own, so plans (index-only scans) are the steady
state's. Run standalone to (re)build one:

    .venv/bin/python bench/dataset.py --incidents 100000 [--url postgis://…/cw_scale_bench]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.db import create_database  # noqa: E402

MARKER_TABLE = "bench_dataset"


def prepare(url: str, incidents: int, *, seed: int = 1, progress: bool = True) -> dict:
    """Make ``url``'s database hold ``incidents`` synthetic incidents; returns
    what was done (``reused``, ``generate_s``, ``vacuum_s``)."""
    from django.core.management import call_command
    from django.db import connection
    from tqdm import tqdm

    from incidents.models import Incident
    from incidents.seeding import load_reference_data
    from incidents.synthetic.copy import generate

    create_database(url, fresh=False)
    call_command("migrate", verbosity=0)
    load_reference_data()
    wanted = f"{incidents}:{seed}"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {MARKER_TABLE} (made text)")
        cursor.execute(f"SELECT made FROM {MARKER_TABLE}")  # nosec B608 # constant
        row = cursor.fetchone()
    if row and row[0] == wanted and Incident.objects.count() == incidents:
        return {"incidents": incidents, "seed": seed, "reused": True}

    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {MARKER_TABLE}")  # nosec B608 # constant
        # Children go with CASCADE; row triggers (append-only revisions) do
        # not fire on TRUNCATE, which is what emptying a benchmark needs.
        cursor.execute(
            "TRUNCATE incidents_incident, incidents_article, incidents_historicalincident, "
            "incidents_historicaltollrevision, incidents_historicalincidentsource, "
            "incidents_historicalincidentactor, incidents_historicalarticle, "
            "incidents_incidentday, incidents_incidentcell CASCADE"
        )
    began = time.perf_counter()
    with tqdm(total=incidents, unit="incident", disable=not progress, file=sys.stderr) as bar:
        done = generate(incidents, seed=seed, progress=bar.update)
    generate_s = time.perf_counter() - began
    began = time.perf_counter()
    connection.close()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
        cursor.execute(f"INSERT INTO {MARKER_TABLE} VALUES (%s)", [wanted])  # nosec B608
    return {
        "incidents": incidents,
        "seed": seed,
        "reused": False,
        "generate_s": round(generate_s, 1),
        "incidents_per_s": round(incidents / generate_s) if generate_s else None,
        "workers": done.workers,
        "rebuild_indexes_s": done.rebuild_s,
        "load_average_after_generate": [round(n, 1) for n in os.getloadavg()],
        "vacuum_s": round(time.perf_counter() - began, 1),
    }


def drop(url: str) -> None:
    """Drop the benchmark database (big data does not stay on the disk)."""
    from bench.db import drop_database

    drop_database(url)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--url",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgis://postgres@127.0.0.1:5432/conflictwatch_bench"
        ),
    )
    parser.add_argument("--drop", action="store_true", help="drop the database and stop")
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = args.url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflictwatch.settings")
    os.environ.setdefault("DJANGO_DEBUG", "true")
    import django

    django.setup()
    if args.drop:
        drop(args.url)
        print(f"dropped {args.url}")
        return
    print(prepare(args.url, args.incidents, seed=args.seed))


if __name__ == "__main__":
    main()
