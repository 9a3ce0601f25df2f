"""Partner API at a chosen scale (issue 13): each figure with its baseline
measured in the same run. Run by ``scripts/bench`` (bench/run.py), which
prepares the data and the server; ``run(ctx)`` returns the figures.

- **List page** (100 rows; date + bbox + actor filters) over HTTP from
  gunicorn (gunicorn.conf.py), p95; the page's SQL alone as planned now
  (no parallel workers, ``rows.serial_plan``) against the same SQL with
  PostgreSQL's default planner settings (what ran before).
- **Weekly timeline of all incidents** over HTTP, median; in process, the
  per-day counts (``selectors.incident_timeline``) against counting the
  incidents (``selectors.timeline``, what ran before and still runs for
  filters the counts cannot answer).
- **Full CSV export** over HTTP: seconds, MB, rows (end marker checked) and
  the serving worker's peak memory growth (flat memory: it must not grow
  with the rows); baseline: PostgreSQL's own ``COPY (the export's query) TO
  STDOUT CSV``.
- **Full GeoJSON export** over HTTP: seconds, MB, features (``complete``
  checked) and the serving worker's peak memory growth.
- **GeoJSON export** of the same rows: ours (streamed) against PostGIS's
  ``json_agg(ST_AsGeoJSON(...))`` (full selection up to 200,000 rows), in wall
  time and in CPU time (this process + its PostgreSQL backend, which holds on a
  busy machine) and, over a 10,000-row window, against
  djangorestframework-gis's serializer.
- **Queries per request** for each API request kind, and the ``EXPLAIN
  (ANALYZE, BUFFERS)`` of every incident query each runs.

Every loop is bounded (request counts and repeats fixed per run); traffic
goes only to 127.0.0.1.
"""

from __future__ import annotations

import gc
import json
import os
import statistics
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

LIST_FILTERS = {"bbox": "-3.5,13.5,2.5,18.5", "actor": "jnim", "page_size": "100"}
DATE_WINDOWS = [
    ("2021-01-01", "2022-12-31"),
    ("2022-01-01", "2023-12-31"),
    ("2023-01-01", "2024-12-31"),
    ("2019-06-01", "2025-06-01"),
]
POSTGIS_MAX_ROWS = 200_000


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def http_get(base: str, secret: str, path: str, params: dict, *, timeout: float = 600) -> bytes:
    request = urllib.request.Request(
        f"{base}{path}?{urlencode(params)}", headers={"Authorization": f"Api-Key {secret}"}
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:  # nosec B310 # loopback
        assert response.status == 200
        return response.read()


def figure(name, value, unit, baseline, baseline_label, *, target=None, note="") -> dict:
    return {
        "name": name,
        "value": value,
        "unit": unit,
        "baseline": baseline,
        "baseline_label": baseline_label,
        "ratio": (value / baseline) if baseline else None,
        "target": target,
        "note": note,
    }


def _timed(function, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        gc.collect()
        began = time.perf_counter()
        function()
        times.append(time.perf_counter() - began)
    return times


def page_sql(params: dict):
    """The page's one SQL query (rows.page_queryset of the filtered window)."""
    from django.http import QueryDict

    from incidents.api.pagination import INCIDENT_ORDERINGS
    from incidents.api.rows import page_queryset
    from incidents.filters import IncidentFilterSet
    from incidents.selectors import visible_incidents

    params = {k: v for k, v in params.items() if k != "page_size"}
    filterset = IncidentFilterSet(QueryDict(urlencode(params)), queryset=visible_incidents(None))
    assert filterset.is_valid()
    ordering = INCIDENT_ORDERINGS["-date"]
    window = ordering.apply(filterset.qs.filter(merged_into__isnull=True))[:101]
    return page_queryset(window, ordering).query.sql_with_params()


def bench_list(ctx: dict) -> list[dict]:
    from django.db import connection, transaction

    base, secret, requests = ctx["base"], ctx["secret"], ctx["requests"]
    windows = [{**LIST_FILTERS, "date_from": a, "date_to": b} for a, b in DATE_WINDOWS]
    statements = [page_sql(p) for p in windows]
    for params in windows:  # warm up every worker, cache and plan
        for _ in range(3):
            http_get(base, secret, "/api/v1/incidents/", params)
    timings: dict[str, list[float]] = {"http": [], "serial": [], "default": []}

    def run_sql(sql, params, serial: bool):
        with transaction.atomic(), connection.cursor() as cursor:
            if serial:
                cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
            cursor.execute(sql, params)
            cursor.fetchall()

    for n in range(requests):
        params, (sql, sql_params) = windows[n % len(windows)], statements[n % len(windows)]
        gc.collect(1)
        began = time.perf_counter()
        http_get(base, secret, "/api/v1/incidents/", params)
        timings["http"].append(time.perf_counter() - began)
        for name, serial in (("serial", True), ("default", False)):
            began = time.perf_counter()
            run_sql(sql, sql_params, serial)
            timings[name].append(time.perf_counter() - began)
    ms = {k: [v * 1000 for v in vals] for k, vals in timings.items()}
    return [
        figure(
            "API list page p95 (HTTP, date+bbox+actor, 100 rows)",
            percentile(ms["http"], 0.95),
            "ms",
            percentile(ms["serial"], 0.95),
            "its SQL alone (floor)",
            note=f"median {statistics.median(ms['http']):.1f} ms over {requests} requests",
        ),
        figure(
            "list page SQL p95, no parallel workers (now)",
            percentile(ms["serial"], 0.95),
            "ms",
            percentile(ms["default"], 0.95),
            "same SQL, default planner (before)",
        ),
    ]


def bench_timeline(ctx: dict) -> list[dict]:
    from django.http import QueryDict
    from django.test import Client

    from incidents.filters import IncidentFilterSet
    from incidents.selectors import incident_timeline, timeline, visible_incidents

    base, secret, repeat = ctx["base"], ctx["secret"], ctx["repeat"]
    filterset = IncidentFilterSet(QueryDict(""), queryset=visible_incidents(None))
    assert filterset.is_valid()
    ours = incident_timeline(user=None, filterset=filterset, bucket="week")
    assert ours == timeline(filterset.qs, bucket="week"), "per-day counts disagree"
    http_get(base, secret, "/api/v1/incidents/timeline/", {"bucket": "week"})
    rounds = max(repeat * 3, 9)
    http = _timed(
        lambda: http_get(base, secret, "/api/v1/incidents/timeline/", {"bucket": "week"}), rounds
    )
    days = _timed(lambda: incident_timeline(user=None, filterset=filterset, bucket="week"), rounds)
    scan = _timed(lambda: timeline(filterset.qs, bucket="week"), rounds)
    # The same request through Django in this process (auth, throttle, DRF,
    # JSON): what the HTTP figure adds beyond it is gunicorn, the socket and
    # waiting for a core in three processes (client, worker, PostgreSQL).
    client = Client(HTTP_AUTHORIZATION=f"Api-Key {secret}")
    view = _timed(
        lambda: client.get("/api/v1/incidents/timeline/", {"bucket": "week"}).content, rounds
    )
    return [
        figure(
            "weekly timeline, all incidents, median (HTTP)",
            statistics.median(http) * 1000,
            "ms",
            statistics.median(scan) * 1000,
            "counting the incidents (before), in process",
            target="<= 50 ms at 1M",
        ),
        figure(
            "weekly timeline through the API view, in process (test client)",
            statistics.median(view) * 1000,
            "ms",
            statistics.median(days) * 1000,
            "its selector alone, in process",
        ),
        figure(
            "weekly timeline from per-day counts, in process",
            statistics.median(days) * 1000,
            "ms",
            statistics.median(scan) * 1000,
            "counting the incidents (before)",
        ),
    ]


def _worker_memory(master_pid: int) -> dict[int, int]:
    """Peak resident memory (VmHWM, kB) of each gunicorn worker."""
    peaks = {}
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                line.split(":", 1) for line in status.read_text().splitlines() if ":" in line
            )
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(master_pid) and "VmHWM" in fields:
            peaks[int(status.parent.name)] = int(fields["VmHWM"].split()[0])
    return peaks


def bench_csv(ctx: dict) -> list[dict]:
    from django.db import connection

    from incidents.api.pagination import INCIDENT_ORDERINGS
    from incidents.selectors import visible_incidents

    base, secret = ctx["base"], ctx["secret"]
    before = _worker_memory(ctx["server_pid"])
    began = time.perf_counter()
    body = http_get(base, secret, "/api/v1/incidents/", {"format": "csv", "end_marker": "true"})
    seconds = time.perf_counter() - began
    after = _worker_memory(ctx["server_pid"])
    megabytes = len(body) / 1e6
    last = body.rstrip(b"\r\n").rsplit(b"\n", 1)[-1].decode()
    assert last.startswith("# end of export: "), last[:100]
    rows = int(last.split(": ")[1].split()[0])
    del body
    growth_mb = max((after[p] - before.get(p, after[p]) for p in after), default=0) / 1024
    queryset = INCIDENT_ORDERINGS["-date"].apply(visible_incidents(None))
    return [
        figure(
            "full CSV export (HTTP, streamed)",
            seconds,
            "s",
            _copy_csv_seconds(connection, queryset),
            "PostgreSQL COPY of the export's query to CSV",
            note=f"{rows:,} rows, {megabytes:.0f} MB; the serving worker's peak memory "
            f"grew {growth_mb:.1f} MB",
        ),
    ]


def bench_geojson_http(ctx: dict) -> list[dict]:
    """The full GeoJSON export over HTTP, with the serving worker's peak-memory
    growth (it must not grow with the rows). No baseline: PostGIS's json_agg
    of every row is one value in memory (past 1 GB at a million rows)."""
    base, secret = ctx["base"], ctx["secret"]
    before = _worker_memory(ctx["server_pid"])
    began = time.perf_counter()
    body = http_get(base, secret, "/api/v1/incidents/", {"format": "geojson"})
    seconds = time.perf_counter() - began
    after = _worker_memory(ctx["server_pid"])
    megabytes = len(body) / 1e6
    tail = json.loads(b'{"x":0' + body[body.rindex(b"]") + 1 :])
    assert tail["complete"] is True, tail
    del body
    growth_mb = max((after[p] - before.get(p, after[p]) for p in after), default=0) / 1024
    return [
        figure(
            "full GeoJSON export (HTTP, streamed)",
            seconds,
            "s",
            None,
            "none",
            note=f"{tail['count']:,} features, {megabytes:.0f} MB; the serving worker's peak "
            f"memory grew {growth_mb:.1f} MB",
        )
    ]


def _copy_csv_seconds(connection, queryset) -> float:
    """PostgreSQL producing the export's rows (the same query, actors and
    outlets aggregated) as CSV by itself: the floor under our export."""
    from django.db.models import F

    from incidents.api.exports import EXPORT_FIELDS, OUTLETS_JSON, EpochSeconds, Round6
    from incidents.api.rows import X, Y, actors_json

    annotated = queryset.annotate(
        lon=Round6(X("location")),
        lat=Round6(Y("location")),
        updated_epoch=EpochSeconds(F("updated_at")),
        actors_json=actors_json(inter=True),
        outlets_json=OUTLETS_JSON,
    ).values_list(*EXPORT_FIELDS, "lon", "lat", "updated_epoch", "actors_json", "outlets_json")
    sql, params = annotated.query.sql_with_params()
    connection.ensure_connection()
    raw = connection.connection
    with raw.cursor() as cursor:
        query = cursor.mogrify(sql, params)
        began = time.perf_counter()
        # Our own compiled query, its values bound by psycopg.
        with cursor.copy(f"COPY ({query}) TO STDOUT WITH CSV") as copy:  # nosec B608
            for _ in copy:
                pass
        return time.perf_counter() - began


def _backend_cpu_seconds() -> float:
    """CPU time used so far by this process's PostgreSQL backend (same machine)."""
    from django.db import connection

    connection.ensure_connection()
    pid = connection.connection.info.backend_pid
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def bench_geojson(ctx: dict) -> list[dict]:
    from django.test import Client

    from bench.geojson_baselines import drf_gis_geojson, postgis_geojson
    from incidents.models import Incident

    client = Client(HTTP_AUTHORIZATION=f"Api-Key {ctx['secret']}")
    repeat = ctx["repeat"]
    ordered = Incident.objects.filter(status="published", merged_into__isnull=True).order_by(
        "-date", "-id"
    )
    total = ordered.count()

    def window(rows: int) -> str:
        return ordered.values_list("date", flat=True)[min(rows, total) - 1].isoformat()

    def ours(date_from: str) -> bytes:
        response = client.get("/api/v1/incidents/", {"format": "geojson", "date_from": date_from})
        return b"".join(response.streaming_content)

    figures = []
    full_from = window(POSTGIS_MAX_ROWS)
    bodies = {}
    runs: dict[str, list[float]] = {"ours": [], "postgis": []}
    cpu: dict[str, list[float]] = {"ours": [], "postgis": []}
    for _ in range(min(repeat, 3)):  # interleaved, so others' load weighs on both alike
        for name, function in (("ours", ours), ("postgis", postgis_geojson)):
            gc.collect()
            backend, process = _backend_cpu_seconds(), time.process_time()
            began = time.perf_counter()
            bodies[name] = function(full_from)
            runs[name].append(time.perf_counter() - began)
            cpu[name].append(time.process_time() - process + _backend_cpu_seconds() - backend)
    features = {name: len(json.loads(body)["features"]) for name, body in bodies.items()}
    assert features["ours"] == features["postgis"], features
    megabytes = len(bodies["ours"]) / 1e6
    bodies.clear()
    figures.append(
        figure(
            f"GeoJSON export, {features['ours']:,} features (streamed, in process)",
            statistics.median(runs["ours"]),
            "s",
            statistics.median(runs["postgis"]),
            "PostGIS json_agg(ST_AsGeoJSON(...)), same rows",
            target="<= 1.2x PostGIS",
            note=f"{megabytes:.0f} MB",
        )
    )
    # CPU seconds (this process + its PostgreSQL backend) do not count the time
    # spent waiting for a core, so they hold on a busy shared machine.
    figures.append(
        figure(
            f"GeoJSON export, {features['ours']:,} features, CPU (process + PostgreSQL)",
            statistics.median(cpu["ours"]),
            "s",
            statistics.median(cpu["postgis"]),
            "PostGIS json_agg(ST_AsGeoJSON(...)), same rows, CPU",
            target="<= 1.2x PostGIS",
        )
    )

    small_from = window(10_000)
    selection = ordered.filter(date__gte=small_from)
    ours_s = _timed(lambda: ours(small_from), repeat)
    plain_s = _timed(lambda: drf_gis_geojson(selection), 1)  # slow: once is enough
    figures.append(
        figure(
            f"GeoJSON export, {selection.count():,} features (streamed, in process)",
            statistics.median(ours_s),
            "s",
            statistics.median(plain_s),
            "djangorestframework-gis GeoFeatureModelSerializer",
            target=">= 10x faster (ratio <= 0.1)",
        )
    )
    return figures


def request_kinds(incident_id: int) -> dict[str, tuple[str, dict]]:
    return {
        "list (no filter)": ("/api/v1/incidents/", {}),
        "list (date+bbox+actor)": (
            "/api/v1/incidents/",
            {**LIST_FILTERS, "date_from": "2021-01-01", "date_to": "2022-12-31"},
        ),
        "list by toll": ("/api/v1/incidents/", {"ordering": "-killed"}),
        "sync page": ("/api/v1/incidents/", {"updated_since": "2000-01-01T00:00:00Z"}),
        "timeline (week, all)": ("/api/v1/incidents/timeline/", {"bucket": "week"}),
        "timeline (week, actor)": ("/api/v1/incidents/timeline/", {"actor": "jnim"}),
        "detail": (f"/api/v1/incidents/{incident_id}/", {}),
        "route incidents": ("/api/v1/routes/gao-ansongo/incidents/", {}),
    }


def explain_requests(ctx: dict) -> tuple[dict, dict]:
    """Queries per request kind, and the EXPLAIN of each incident query."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from incidents.models import Incident

    client = Client(HTTP_AUTHORIZATION=f"Api-Key {ctx['secret']}")
    incident_id = Incident.objects.filter(status="published").values_list("pk", flat=True)[0]
    counts, plans = {}, {}
    for name, (path, params) in request_kinds(incident_id).items():
        client.get(path, params)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, params)
        assert response.status_code == 200, (name, response.content[:200])
        counts[name] = len(queries)
        explained = []
        statements = [q["sql"] for q in queries.captured_queries]
        for index, sql in enumerate(statements):
            if not sql.lstrip().upper().startswith("SELECT") or "incidents_incident" not in sql:
                continue
            serial = index > 0 and "max_parallel_workers_per_gather = 0" in statements[index - 1]
            with connection.cursor() as cursor:
                cursor.execute("BEGIN")
                if serial:
                    cursor.execute("SET LOCAL max_parallel_workers_per_gather = 0")
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
                plan = "\n".join(row[0] for row in cursor.fetchall())
                cursor.execute("ROLLBACK")
            explained.append({"sql": sql, "serial_plan": serial, "plan": plan})
        plans[name] = explained
    return counts, plans


def run(ctx: dict) -> dict:
    figures = []
    for bench in (bench_list, bench_timeline, bench_csv, bench_geojson_http, bench_geojson):
        began = time.perf_counter()
        results = bench(ctx)
        for row in results:
            row["bench_s"] = round(time.perf_counter() - began, 1)
        figures.extend(results)
    counts, plans = explain_requests(ctx)
    return {"figures": figures, "queries_per_request": counts, "explain": plans}
