"""A partner's list request while analysts load the full map: gunicorn's sync
workers against the gthread workers of gunicorn.conf.py, in the same run.

    .venv/bin/python bench/web_concurrency.py [--incidents 50000] [--seconds 20]
                                              [--map-clients 3] [--rounds 2]
                                              [--keep-db] [--reuse-db]

1. A dedicated database (``conflictwatch_bench_web``; ``BENCH_WEB_DATABASE_URL``
   to change it) gets the reference data and ``--incidents`` published incidents
   (bench/api_endpoints.py's loader), and is dropped at the end unless --keep-db.
2. For each server set-up -- 3 sync workers (what docker-compose ran before),
   then gunicorn.conf.py's gthread workers -- on a loopback port:
   a. baseline: one partner client alone requests list pages
      (``/api/v1/incidents/?page_size=100``) for ``--seconds``;
   b. under load: ``--map-clients`` signed-in analysts load the full map data
      (``/data/incidents.json``, every incident) back to back while the partner
      client requests the same list pages for ``--seconds``.
   Median and p95 of the partner's latency, and map loads completed. The
   set-ups alternate for ``--rounds`` rounds (others' load on the shared
   machine drifts); each round's figures are kept.
Only loopback traffic; every loop is bounded by the time limit.
Results go to bench/results/web_concurrency.json. The machine is shared:
compare set-ups within one run, not across runs.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["BENCH_API_DATABASE_URL"] = os.environ.get(
    "BENCH_WEB_DATABASE_URL", "postgis://postgres@127.0.0.1:5432/conflictwatch_bench_web"
)

from bench.api_endpoints import BENCH_DB, http_get, load, partner_key, percentile  # noqa: E402
from bench.db import create_database, drop_database  # noqa: E402
from bench.server import free_port, start_gunicorn, stop  # noqa: E402

LIST_PARAMS = {"page_size": 100}
SETUPS = {
    "sync_3_workers": ["--worker-class", "sync"],
    "gthread_gunicorn_conf": [],  # worker class and threads from gunicorn.conf.py
}


def analyst_cookie() -> str:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import Client

    user, _ = get_user_model().objects.get_or_create(username="bench-analyst")
    user.groups.add(Group.objects.get(name="Analysts"))
    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}"


def load_map(base: str, cookie: str) -> None:
    request = urllib.request.Request(
        f"{base}/data/incidents.json", headers={"Cookie": cookie, "Accept": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=120) as response:
        assert response.status == 200
        response.read()


def partner_latencies(base: str, secret: str, seconds: float) -> list[float]:
    latencies = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        began = time.perf_counter()
        http_get(base, secret, LIST_PARAMS)
        latencies.append((time.perf_counter() - began) * 1000)
    return latencies


def summary(latencies: list[float]) -> dict:
    return {
        "requests": len(latencies),
        "median_ms": round(statistics.median(latencies), 1),
        "p95_ms": round(percentile(latencies, 0.95), 1),
        "max_ms": round(max(latencies), 1),
    }


def under_map_load(base: str, secret: str, cookie: str, clients: int, seconds: float) -> dict:
    stop_at = time.monotonic() + seconds
    loads: list[float] = []
    errors: list[str] = []

    def analyst() -> None:
        while time.monotonic() < stop_at:
            began = time.perf_counter()
            try:
                load_map(base, cookie)
            except Exception as exc:  # reported in the results, not hidden
                errors.append(repr(exc))
                return
            loads.append((time.perf_counter() - began) * 1000)

    threads = [threading.Thread(target=analyst) for _ in range(clients)]
    for thread in threads:
        thread.start()
    time.sleep(1.0)  # let the map loads occupy the server before the partner starts
    latencies = partner_latencies(base, secret, max(1.0, stop_at - time.monotonic()))
    for thread in threads:
        thread.join(timeout=150)
    return {
        "partner": summary(latencies),
        "map_loads": len(loads),
        "map_load_median_ms": round(statistics.median(loads), 1) if loads else None,
        "map_errors": errors,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=50_000)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--map-clients", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument("--reuse-db", action="store_true")
    args = parser.parse_args()

    if not args.reuse_db:
        create_database(BENCH_DB, fresh=True)
    import django

    django.setup()
    results: dict = {
        "incidents": args.incidents,
        "seconds": args.seconds,
        "map_clients": args.map_clients,
        "rounds": [],
    }
    try:
        if args.reuse_db:
            from django.core.management import call_command

            from partners.models import Partner

            call_command("migrate", verbosity=0)
            Partner.objects.filter(name="Benchmark partner").delete()
        else:
            load(args.incidents)
        secret = partner_key()
        cookie = analyst_cookie()
        for round_number in range(args.rounds):
            figures = {}
            for name, extra in SETUPS.items():
                port = free_port()
                server = start_gunicorn(port, dict(os.environ), workers=3, extra=extra)
                base = f"http://127.0.0.1:{port}"
                try:
                    load_map(base, cookie)  # warm up: caches, connections
                    alone = summary(partner_latencies(base, secret, args.seconds / 2))
                    loaded = under_map_load(base, secret, cookie, args.map_clients, args.seconds)
                finally:
                    stop(server)
                figures[name] = {"partner_alone": alone, "with_map_load": loaded}
                print(round_number, name, json.dumps(figures[name]), flush=True)
            results["rounds"].append(figures)
    finally:
        if not args.keep_db:
            drop_database(BENCH_DB)

    out = ROOT / "bench" / "results" / "web_concurrency.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
