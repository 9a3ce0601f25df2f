"""Partner API speed with 100,000 incidents, against baselines in the same run.

    .venv/bin/python bench/api_endpoints.py [--incidents 100000] [--requests 300] [--keep-db]

1. A dedicated database (``conflictwatch_bench_api``; ``BENCH_API_DATABASE_URL`` to
   change it) is given ``--incidents`` synthetic published incidents by
   ``bench/dataset.py``'s ``prepare()`` (the generator of ``manage.py
   generate_incidents``, like every other benchmark; vacuumed and analysed), and
   dropped at the end unless ``--keep-db`` (a later run then reuses it).
2. List page: ``GET /api/v1/incidents/`` with a partner API key, 100 rows, date +
   bbox + actor filters, over HTTP from gunicorn run as docker-compose runs it (3
   sync workers, ./gunicorn.conf.py): auth with a hashed key, Redis throttling,
   filters, keyset pagination, rows, orjson. ``--requests`` requests over a few
   date windows; median and p95 latency, rows/s. Also the same requests through
   Django's test client in this process (no HTTP, no gunicorn hooks), and the
   baseline: the page's SQL alone (the floor). Target: p95 < 50 ms over HTTP.
3. GeoJSON export of 10,000 features (``?format=geojson``, streamed), against
   (a) djangorestframework-gis's GeoFeatureModelSerializer over the same rows and
   the same properties (target: ours at least 10x faster) and (b) PostGIS building
   the FeatureCollection itself with ``json_agg(ST_AsGeoJSON(...))`` (target: ours
   within 1.5x), run both with PostgreSQL's defaults and with JIT off (what our
   export sets for its own transaction); the faster of the two is the baseline.
   Each timed ``--repeat`` times; the median counts.

Results go to bench/results/api.json.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.db import drop_database  # noqa: E402
from bench.server import free_port, start_gunicorn, stop  # noqa: E402

BENCH_DB = os.environ.get(
    "BENCH_API_DATABASE_URL", "postgis://postgres@127.0.0.1:5432/conflictwatch_bench_api"
)
os.environ.update(
    {
        "DATABASE_URL": BENCH_DB,
        "DJANGO_DEBUG": "false",  # no query log: measure what production runs
        # ...except HTTPS: the benchmark's gunicorn speaks plain HTTP on loopback.
        "DJANGO_SSL_REDIRECT": "false",
        "DJANGO_SECURE_COOKIES": "false",
        "DJANGO_SECRET_KEY": "bench-only-secret-key",
        "DJANGO_MANIFEST_STATIC": "false",
        "DJANGO_ALLOWED_HOSTS": "testserver,localhost,127.0.0.1",
        "LOG_LEVEL": "WARNING",
        "DJANGO_STATIC_ROOT": tempfile.mkdtemp(prefix="cw-bench-api-static-"),
    }
)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflictwatch.settings")

LIST_FILTERS = {"bbox": "-3.5,13.5,2.5,18.5", "actor": "jnim", "page_size": "100"}
DATE_WINDOWS = [
    ("2021-01-01", "2022-12-31"),
    ("2022-01-01", "2023-12-31"),
    ("2023-01-01", "2024-12-31"),
    ("2020-06-01", "2024-06-01"),
]


def partner_key() -> str:
    """A new key of the benchmark partner (bench/run.py's, unthrottled)."""
    from bench.run import partner_secret

    return partner_secret()


def partner_client(secret: str):
    from django.test import Client

    return Client(HTTP_AUTHORIZATION=f"Api-Key {secret}")


def http_get(base: str, secret: str, params: dict) -> bytes:
    request = urllib.request.Request(
        f"{base}/api/v1/incidents/?{urlencode(params)}",
        headers={"Authorization": f"Api-Key {secret}"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200
        return response.read()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def bench_list(base: str, secret: str, requests: int) -> dict:
    from django.db import connection
    from django.http import QueryDict

    from incidents.api.pagination import INCIDENT_ORDERINGS
    from incidents.api.rows import page_queryset
    from incidents.filters import IncidentFilterSet
    from incidents.selectors import visible_incidents

    def sql_of(params: dict):
        """The one query the API runs for the page's rows."""
        params = {k: v for k, v in params.items() if k != "page_size"}
        filterset = IncidentFilterSet(
            QueryDict(urlencode(params)),
            queryset=visible_incidents(None).filter(merged_into__isnull=True),
        )
        assert filterset.is_valid()
        ordering = INCIDENT_ORDERINGS["-date"]
        window = ordering.apply(filterset.qs)[:101]
        return page_queryset(window, ordering).query.sql_with_params()

    client = partner_client(secret)

    windows = [{**LIST_FILTERS, "date_from": start, "date_to": end} for start, end in DATE_WINDOWS]
    statements = [sql_of(params) for params in windows]
    for params in windows:  # warm up: connections, caches, plans, every worker
        for _ in range(3):
            http_get(base, secret, params)
        client.get("/api/v1/incidents/", params)
    # Over HTTP, in-process and the bare SQL alternate, so load from other
    # processes on the machine weighs on all three alike.
    timings = {"http": [], "in_process": [], "sql": []}
    rows = 0
    for n in range(requests):
        params, (sql, sql_params) = windows[n % len(windows)], statements[n % len(windows)]
        # This process is only the client here: free the in-process request's
        # garbage now, or its collection lands inside the next HTTP timing.
        gc.collect(1)
        began = time.perf_counter()
        body = http_get(base, secret, params)
        timings["http"].append(time.perf_counter() - began)
        rows += len(json.loads(body)["results"])
        began = time.perf_counter()
        response = client.get("/api/v1/incidents/", params)
        timings["in_process"].append(time.perf_counter() - began)
        assert response.status_code == 200, response.content[:300]
        began = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(sql, sql_params)
            cursor.fetchall()
        timings["sql"].append(time.perf_counter() - began)
    return {
        "requests": requests,
        "rows_per_page": rows / requests,
        "median_ms": statistics.median(timings["http"]) * 1000,
        "p95_ms": percentile(timings["http"], 0.95) * 1000,
        "rows_per_s": rows / sum(timings["http"]),
        "in_process_median_ms": statistics.median(timings["in_process"]) * 1000,
        "in_process_p95_ms": percentile(timings["in_process"], 0.95) * 1000,
        "baseline_sql_only_median_ms": statistics.median(timings["sql"]) * 1000,
        "baseline_sql_only_p95_ms": percentile(timings["sql"], 0.95) * 1000,
        "target_p95_ms": 50,
    }


def ten_thousand_window() -> str:
    """A date_from giving about 10,000 published incidents."""
    from incidents.models import Incident

    return (
        Incident.objects.order_by("-date", "-id").values_list("date", flat=True)[9999].isoformat()
    )


def bench_geojson(client, repeat: int) -> dict:
    from bench.geojson_baselines import drf_gis_geojson, postgis_geojson
    from incidents.models import Incident

    date_from = ten_thousand_window()
    selection = Incident.objects.filter(
        status="published", merged_into__isnull=True, date__gte=date_from
    ).order_by("-date", "-id")
    count = selection.count()

    def ours():
        response = client.get("/api/v1/incidents/", {"format": "geojson", "date_from": date_from})
        return b"".join(response.streaming_content)

    def plain():
        return drf_gis_geojson(selection)

    def postgis():
        return postgis_geojson(date_from)

    def postgis_without_jit():
        # The same settings our export gives its own transaction, so the
        # baseline is the better of PostgreSQL's default and this.
        return postgis_geojson(date_from, jit=False)

    functions = {
        "ours_streamed": ours,
        "drf_gis_serializer": plain,
        "postgis_json_agg": postgis,
        "postgis_json_agg_jit_off": postgis_without_jit,
    }
    for function in functions.values():  # warm up
        function()
    # Interleaved rounds, so load from other processes weighs on all alike.
    runs: dict[str, list[float]] = {name: [] for name in functions}
    bodies = {}
    for _ in range(repeat):
        for name, function in functions.items():
            began = time.perf_counter()
            bodies[name] = function()
            runs[name].append(time.perf_counter() - began)
    figures = {}
    for name, body in bodies.items():
        features = len(json.loads(body)["features"])
        assert features == count, (name, features, count)
        seconds = statistics.median(runs[name])
        figures[name] = {
            "median_s": seconds,
            "min_s": min(runs[name]),
            "features": features,
            "bytes": len(body),
            "rows_per_s": features / seconds,
        }
    ours_s = figures["ours_streamed"]["median_s"]
    figures["speedup_vs_drf_gis"] = figures["drf_gis_serializer"]["median_s"] / ours_s
    best_postgis = min(
        figures["postgis_json_agg"]["median_s"], figures["postgis_json_agg_jit_off"]["median_s"]
    )
    figures["ratio_to_postgis"] = ours_s / best_postgis
    figures["targets"] = {"speedup_vs_drf_gis_at_least": 10, "ratio_to_postgis_at_most": 1.5}
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--keep-db", action="store_true", help="keep the database (a later run reuses it)"
    )
    args = parser.parse_args()

    import django

    django.setup()
    from bench.dataset import prepare

    try:
        began = time.perf_counter()
        data = prepare(BENCH_DB, args.incidents)
        load_s = time.perf_counter() - began
        secret = partner_key()
        port = free_port()
        server = start_gunicorn(port, dict(os.environ))
        try:
            listing = bench_list(f"http://127.0.0.1:{port}", secret, args.requests)
        finally:
            stop(server)
        geojson = bench_geojson(partner_client(secret), args.repeat)
    finally:
        if not args.keep_db:
            drop_database(BENCH_DB)

    results = {
        "incidents": args.incidents,
        "data": data,
        "load_s": load_s,
        "list_page": listing,
        "geojson_10k": geojson,
    }
    out = ROOT / "bench" / "results" / "api.json"
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")

    how = "reused" if data["reused"] else "generated"
    print(f"{args.incidents:,} incidents {how} in {load_s:.1f} s\n")
    print("List page (100 rows; date + bbox + actor filters)")
    print(f"  {'':28} {'median ms':>10} {'p95 ms':>10}")
    print(
        f"  {'API over HTTP (gunicorn)':28} {listing['median_ms']:>10.1f} "
        f"{listing['p95_ms']:>10.1f}   {listing['rows_per_s']:,.0f} rows/s, target p95 < 50 ms"
    )
    print(
        f"  {'same, in-process (test client)':28} {listing['in_process_median_ms']:>10.1f} "
        f"{listing['in_process_p95_ms']:>10.1f}"
    )
    print(
        f"  {'baseline: its SQL alone':28} {listing['baseline_sql_only_median_ms']:>10.1f} "
        f"{listing['baseline_sql_only_p95_ms']:>10.1f}"
    )
    print(f"\nGeoJSON, {geojson['ours_streamed']['features']:,} features")
    print(f"  {'':28} {'median s':>10} {'rows/s':>12} {'MB':>8}")
    for name, label in (
        ("ours_streamed", "API export (streamed)"),
        ("drf_gis_serializer", "GeoFeatureModelSerializer"),
        ("postgis_json_agg", "PostGIS json_agg"),
        ("postgis_json_agg_jit_off", "PostGIS json_agg, JIT off"),
    ):
        row = geojson[name]
        print(
            f"  {label:28} {row['median_s']:>10.3f} {row['rows_per_s']:>12,.0f} "
            f"{row['bytes'] / 1e6:>8.1f}"
        )
    print(f"  ours vs serializer: {geojson['speedup_vs_drf_gis']:.1f}x faster (target >= 10x)")
    print(f"  ours / best PostGIS: {geojson['ratio_to_postgis']:.2f}x (target <= 1.5x)")
    print(f"\nwritten to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
