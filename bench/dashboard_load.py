"""Time to interactive of the dashboard's main page with 50,000 incidents.

    .venv/bin/python bench/dashboard_load.py [--incidents 50000] [--baseline 1000] [--runs 5]

1. A separate database, ``conflictwatch_bench`` (``BENCH_DATABASE_URL`` to change
   it), is created if missing, migrated and given the shipped reference data. Its
   synthetic incidents carry the summary ``[bench] synthetic`` and are replaced on
   every run (COPY), so the run is repeatable and never touches the dev database.
2. The app runs under gunicorn (3 sync workers as in docker-compose.yml, whitenoise
   for static files, DEBUG off) on a free loopback port.
3. Headless Chromium (Debian's) opens the main page, as a signed-in analyst, with
   every request to another host refused (no map tiles): time to interactive is
   ``window.cwReadyAt`` — set by the page once the markers are clustered and drawn,
   the timeline drawn and the list filled — measured from navigation start.
4. Baseline in the same run: the same page filtered to the latest ~1,000 incidents
   (``date_from``), and the raw map-data request (server time + bytes) for both.

Results go to bench/results/dashboard_load.json. Target: 50,000 within 3 s.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import random
import statistics
import subprocess
import sys
import time
import urllib.request
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.db import create_database  # noqa: E402
from bench.server import (  # noqa: E402
    analyst_session,
    free_port,
    production_env,
    signed_in_page,
    start_gunicorn,
    stop,
)

BENCH_DB = os.environ.get(
    "BENCH_DATABASE_URL", "postgis://postgres@127.0.0.1:5432/conflictwatch_bench"
)
MARKER = "[bench] synthetic"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
FIRST_DAY = date(2023, 1, 1)
SPAN_DAYS = 730

ENV = production_env(BENCH_DB, "conflictwatch-bench-static")
os.environ.update(
    {
        k: ENV[k]
        for k in (
            "DATABASE_URL",
            "DJANGO_DEBUG",
            "DJANGO_SECRET_KEY",
            "DJANGO_MANIFEST_STATIC",
            "DJANGO_STATIC_ROOT",
            "LOG_LEVEL",
            "DJANGO_SSL_REDIRECT",
            "DJANGO_SECURE_COOKIES",
        )
    }
)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflictwatch.settings")


def ensure_database() -> None:
    create_database(BENCH_DB, fresh=False)
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "-v", "0"], env=ENV, check=True, cwd=ROOT)
    subprocess.run(
        [*manage, "collectstatic", "--noinput", "-v", "0"], env=ENV, check=True, cwd=ROOT
    )


def load_incidents(count: int, seed: int = 7) -> None:
    """Replace the synthetic incidents with ``count`` new ones (COPY)."""
    from django.db import connection

    from incidents.models import Place, SubEventType
    from incidents.seeding import load_reference_data

    if not Place.objects.exists():
        load_reference_data()
    rng = random.Random(seed)
    sub_types = list(SubEventType.objects.values_list("id", "event_type_id"))
    places = list(
        Place.objects.filter(country_code__in=["ML", "BF", "NE"]).values_list(
            "name", "admin1", "country", "point"
        )
    )
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM incidents_incident WHERE summary = %s", [MARKER])
        buffer = io.StringIO()
        for _ in range(count):
            name, admin1, country, point = rng.choice(places)
            sub_id, type_id = rng.choice(sub_types)
            lon = point.x + rng.gauss(0, 0.15)
            lat = point.y + rng.gauss(0, 0.15)
            day = FIRST_DAY + timedelta(days=rng.randrange(SPAN_DAYS))
            killed = int(rng.expovariate(1 / 6)) if rng.random() > 0.1 else r"\N"
            buffer.write(
                "\t".join(
                    map(
                        str,
                        (
                            day.isoformat(),
                            "day",
                            f"SRID=4326;POINT({lon:.5f} {lat:.5f})",
                            "near",
                            f"near {name}",
                            country,
                            admin1,
                            "",
                            "f",
                            MARKER,
                            "published",
                            killed,
                            1,
                            "2025-01-01 00:00:00+00",
                            "2025-01-01 00:00:00+00",
                            type_id,
                            sub_id,
                        ),
                    )
                )
                + "\n"
            )
        columns = (
            "date, date_precision, location, geo_precision, location_text, country, "
            "admin1, admin2, civilian_targeting, summary, status, killed, version, "
            "created_at, updated_at, event_type_id, sub_event_type_id"
        )
        with cursor.cursor.copy(f"COPY incidents_incident ({columns}) FROM STDIN") as copy:
            copy.write(buffer.getvalue())
        cursor.execute("ANALYZE incidents_incident")


def fetch_data(base: str, session: str, query: str) -> dict:
    request = urllib.request.Request(
        f"{base}/data/incidents.json?{query}", headers={"Cookie": f"sessionid={session}"}
    )
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:
        body = response.read()
    elapsed = time.perf_counter() - started
    return {
        "seconds": round(elapsed, 3),
        "bytes": len(body),
        "gzip_bytes": len(gzip.compress(body, 6)),
        "count": json.loads(body)["count"],
    }


def page_load(browser, base: str, session: str, query: str) -> dict:
    context, page = signed_in_page(browser, base, session)
    page.goto(f"{base}/?{query}")
    page.wait_for_function("() => window.cwReadyAt !== undefined", timeout=60_000)
    result = page.evaluate("""() => ({
        ready: window.cwReadyAt,
        data: performance.getEntriesByType('resource')
              .filter(e => e.name.includes('/data/incidents.json'))
              .map(e => e.responseEnd - e.startTime)[0],
        listed: Number(document.querySelector('#incident-list').dataset.count),
        markers: Number(document.querySelector('#map').dataset.markers),
        bars: Number(document.querySelector('#timeline').dataset.bars),
        resources: performance.getEntriesByType('resource').map(
            e => [e.name.split('/').pop().split('?')[0], Math.round(e.startTime),
                  Math.round(e.responseEnd)]),
        domReady: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
        html: performance.getEntriesByType('navigation')[0].responseEnd,
        timings: window.cwTimings,
    })""")
    page.wait_for_function("() => window.cwBasemapAt !== undefined", timeout=60_000)
    result["basemap"] = page.evaluate("window.cwBasemapAt")
    if os.environ.get("BENCH_VERBOSE"):
        print(
            query or "(all)",
            "ready",
            round(result["ready"]),
            "html",
            round(result["html"]),
            "domReady",
            round(result["domReady"]),
            "basemap",
            round(result["basemap"]),
            result["timings"],
            [r for r in result["resources"] if ".png" not in r[0]],
        )
    # Interaction after load: brush the first third of the timeline and time the redraw.
    box = page.locator("#timeline .brush .overlay").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + 2, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 3, y, steps=3)
    started = time.perf_counter()
    page.mouse.up()
    page.wait_for_function("() => new URLSearchParams(location.search).has('brush')")
    result["brush_seconds"] = round(time.perf_counter() - started, 3)
    context.close()
    return result


def summarise(runs: list[dict]) -> dict:
    return {
        "ready_seconds_median": round(statistics.median(r["ready"] for r in runs) / 1000, 3),
        "ready_seconds_runs": [round(r["ready"] / 1000, 3) for r in runs],
        "data_request_seconds_median": round(statistics.median(r["data"] for r in runs) / 1000, 3),
        "brush_redraw_seconds_median": statistics.median(r["brush_seconds"] for r in runs),
        "basemap_drawn_seconds_median": round(
            statistics.median(r["basemap"] for r in runs) / 1000, 3
        ),
        "html_seconds_median": round(statistics.median(r["html"] for r in runs) / 1000, 3),
        "listed": runs[0]["listed"],
        "markers_drawn": runs[0]["markers"],
        "timeline_bars": runs[0]["bars"],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--incidents", type=int, default=50_000)
    parser.add_argument("--baseline", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", default=str(ROOT / "bench/results/dashboard_load.json"))
    args = parser.parse_args()

    ensure_database()
    import django

    django.setup()
    from playwright.sync_api import sync_playwright

    from incidents.models import Incident

    started = time.perf_counter()
    load_incidents(args.incidents)
    load_seconds = time.perf_counter() - started
    published = Incident.objects.filter(status="published").count()
    # The baseline: the latest days holding about --baseline incidents.
    dates = list(
        Incident.objects.filter(status="published")
        .order_by("-date")
        .values_list("date", flat=True)[: args.baseline]
    )
    baseline_query = f"date_from={dates[-1].isoformat()}"
    session = analyst_session()

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_gunicorn(port, ENV)
    try:
        endpoint = {
            "all": fetch_data(base, session, ""),
            "baseline": fetch_data(base, session, baseline_query),
        }
        endpoint = {
            "all": fetch_data(base, session, ""),  # warm, second request
            "baseline": fetch_data(base, session, baseline_query),
        }
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM,
                args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
            )
            baseline_runs = [
                page_load(browser, base, session, baseline_query) for _ in range(args.runs)
            ]
            full_runs = [page_load(browser, base, session, "") for _ in range(args.runs)]
            browser.close()
    finally:
        stop(server)

    full = summarise(full_runs)
    baseline = summarise(baseline_runs)
    results = {
        "benchmark": "dashboard main page, time to interactive in headless Chromium",
        "machine": {"cpus": os.cpu_count()},
        "database": BENCH_DB.rsplit("/", 1)[-1],
        "published_incidents": published,
        "synthetic_load_seconds": round(load_seconds, 2),
        "target_seconds": 3.0,
        "full": {
            "incidents": endpoint["all"]["count"],
            **full,
            "payload_bytes": endpoint["all"]["bytes"],
            "payload_gzip_bytes": endpoint["all"]["gzip_bytes"],
            "endpoint_seconds": endpoint["all"]["seconds"],
        },
        "baseline": {
            "incidents": endpoint["baseline"]["count"],
            "query": baseline_query,
            **baseline,
            "payload_bytes": endpoint["baseline"]["bytes"],
            "payload_gzip_bytes": endpoint["baseline"]["gzip_bytes"],
            "endpoint_seconds": endpoint["baseline"]["seconds"],
        },
        "within_target": full["ready_seconds_median"] <= 3.0,
    }
    results["full_over_baseline"] = round(
        full["ready_seconds_median"] / baseline["ready_seconds_median"], 2
    )
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")

    print(
        f"{'':24}{'incidents':>10}{'ready (s)':>11}{'data req (s)':>14}"
        f"{'endpoint (s)':>14}{'payload':>12}{'gzip':>10}{'brush (s)':>11}"
    )
    for name in ("baseline", "full"):
        r = results[name]
        print(
            f"{name:24}{r['incidents']:>10,}{r['ready_seconds_median']:>11.3f}"
            f"{r['data_request_seconds_median']:>14.3f}{r['endpoint_seconds']:>14.3f}"
            f"{r['payload_bytes']:>12,}{r['payload_gzip_bytes']:>10,}"
            f"{r['brush_redraw_seconds_median']:>11.3f}"
        )
    print(
        f"full / baseline: {results['full_over_baseline']}x; target 3 s: "
        f"{'met' if results['within_target'] else 'MISSED'}; written to {args.out}"
    )


if __name__ == "__main__":
    main()
