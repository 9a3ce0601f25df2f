"""Partners' list requests while analysts load the full map: gunicorn's sync
workers against the gthread workers of gunicorn.conf.py, in the same run.

    .venv/bin/python bench/web_concurrency.py [--incidents 50000] [--seconds 20]
                                              [--map-clients 3] [--partner-clients 20]
                                              [--rounds 2] [--keep-db]

1. A dedicated database (``conflictwatch_bench_web``; ``BENCH_WEB_DATABASE_URL``
   to change it) gets ``--incidents`` incidents from bench/dataset.py's
   ``prepare()`` (the generator every benchmark uses), and is dropped at the end
   unless --keep-db (a later run reuses it).
2. For each server set-up -- 3 sync workers (what docker-compose ran before),
   then gunicorn.conf.py's gthread workers (the pool that keeps long responses
   from blocking API pages) -- on a loopback port:
   a. baseline: ``--partner-clients`` partner clients alone request list pages
      (``/api/v1/incidents/?page_size=100``) back to back for ``--seconds``/2;
   b. under load: ``--map-clients`` signed-in analysts load the full map data
      (``/data/incidents.json``, every incident) back to back while the partner
      clients request the same list pages for ``--seconds``.
   Median and p95 of the partners' latencies, and map loads completed. The
   set-ups alternate for ``--rounds`` rounds (others' load on the shared
   machine drifts); each round's figures are kept.
Only loopback traffic (``BENCH_PORT``, else a free port); every loop is
bounded by the time limit.
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

from bench.api_endpoints import BENCH_DB, http_get, partner_key, percentile  # noqa: E402
from bench.db import drop_database  # noqa: E402
from bench.server import analyst_session, free_port, start_gunicorn, stop  # noqa: E402

LIST_PARAMS = {"page_size": 100}
SETUPS = {
    "sync_3_workers": ["--worker-class", "sync"],
    "gthread_gunicorn_conf": [],  # worker class and threads from gunicorn.conf.py
}


def analyst_cookie() -> str:
    return f"sessionid={analyst_session()}"


def load_map(base: str, cookie: str) -> None:
    request = urllib.request.Request(
        f"{base}/data/incidents.json", headers={"Cookie": cookie, "Accept": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=120) as response:
        assert response.status == 200
        response.read()


def partner_latencies(base: str, secret: str, seconds: float, clients: int) -> list[float]:
    """Latencies (ms) of ``clients`` partners requesting list pages back to back;
    a request that failed (or timed out after 30 s) counts as infinitely slow."""
    latencies: list[float] = []
    deadline = time.monotonic() + seconds

    def partner() -> None:
        while time.monotonic() < deadline:
            began = time.perf_counter()
            try:
                http_get(base, secret, LIST_PARAMS)
            except Exception:  # counted in the results, not hidden
                latencies.append(float("inf"))
                continue
            latencies.append((time.perf_counter() - began) * 1000)

    threads = [threading.Thread(target=partner) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 60)
    return latencies


def _ms(value: float) -> float | None:
    return None if value == float("inf") else round(value, 1)  # None: a failed request


def summary(latencies: list[float]) -> dict:
    return {
        "requests": len(latencies),
        "failed": sum(1 for ms in latencies if ms == float("inf")),
        "median_ms": _ms(statistics.median(latencies)),
        "p95_ms": _ms(percentile(latencies, 0.95)),
        "max_ms": _ms(max(latencies)),
    }


def under_map_load(
    base: str, secret: str, cookie: str, clients: int, partners: int, seconds: float
) -> dict:
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
    latencies = partner_latencies(base, secret, max(1.0, stop_at - time.monotonic()), partners)
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
    parser.add_argument("--partner-clients", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args()

    import django

    django.setup()
    from bench.dataset import prepare

    results: dict = {
        "incidents": args.incidents,
        "seconds": args.seconds,
        "map_clients": args.map_clients,
        "partner_clients": args.partner_clients,
        "load_average": {"before": os.getloadavg()},
        "rounds": [],
    }
    try:
        results["data"] = prepare(BENCH_DB, args.incidents)
        secret = partner_key()
        cookie = analyst_cookie()
        for round_number in range(args.rounds):
            figures = {}
            for name, extra in SETUPS.items():
                port = int(os.environ.get("BENCH_PORT") or free_port())
                server = start_gunicorn(port, dict(os.environ), workers=3, extra=extra)
                base = f"http://127.0.0.1:{port}"
                try:
                    load_map(base, cookie)  # warm up: caches, connections
                    alone = summary(
                        partner_latencies(base, secret, args.seconds / 2, args.partner_clients)
                    )
                    loaded = under_map_load(
                        base, secret, cookie, args.map_clients, args.partner_clients, args.seconds
                    )
                finally:
                    stop(server)
                figures[name] = {"partner_alone": alone, "with_map_load": loaded}
                print(round_number, name, json.dumps(figures[name]), flush=True)
            results["rounds"].append(figures)
    finally:
        if not args.keep_db:
            drop_database(BENCH_DB)

    results["load_average"]["after"] = os.getloadavg()
    out = ROOT / "bench" / "results" / "web_concurrency.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
