"""The main page's map feed at 10k / 100k / 1M incidents, against the full feed.

    .venv/bin/python bench/map_feed.py --incidents 10000 100000 [--runs 3] [--port 8481]

For each scale, in one database of its own (``BENCH_MAP_DATABASE_URL``, default
``cw_mapfeed_bench``): ``manage.py generate_incidents``'s synthetic incidents
(bench/dataset.py: kept when the database already holds that many), vacuumed
and analysed; the app runs under gunicorn (3 workers, DEBUG off, whitenoise)
on a loopback port; then:

- **baseline, same run**: ``/data/incidents.json`` with no filter (every
  incident as columns, which the page loaded before this change): median
  seconds over ``--runs`` requests and bytes as sent;
- **map requests**: a fixed tour of views (Sahel at zoom 4–6, then zooming
  into Gao, Mopti and Ouagadougou to zoom 12, panning at zoom 8), each view
  twice: a first request, then the same with the ETag it got (304 expected);
  median and p95 seconds of first requests, gzip bytes, 304 share;
- **headless Chromium**: the page opened ``--runs`` times (no map in the URL,
  so it fits the data), ``window.cwReadyAt`` from navigation start, the bytes
  of every data request (transfer size, compressed) and of the whole load; then
  a brush over the first third of the timeline and the page's own measure of
  its redraw (``window.cwRedraw``: from the brush's end until the map's markers
  for the new period are drawn, and until the list is too).

Figures go to bench/results/map_feed.json and bench/results/map_feed.md.
Targets at 1,000,000: ready ≤ 2 s, brush ≤ 150 ms, bytes on load ≤ 2 MB,
median map request ≤ 50 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.db import create_database  # noqa: E402
from bench.server import (  # noqa: E402
    analyst_session,
    production_env,
    signed_in_page,
    start_gunicorn,
    stop,
)

BENCH_DB = os.environ.get(
    "BENCH_MAP_DATABASE_URL", "postgis://postgres@127.0.0.1:5432/cw_mapfeed_bench"
)
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
TARGETS = {"ready_s": 2.0, "brush_ms": 150, "load_bytes": 2_000_000, "map_request_ms": 50}

ENV = production_env(BENCH_DB, "cw-mapfeed-bench-static")
for key in (
    "DATABASE_URL",
    "DJANGO_DEBUG",
    "DJANGO_SECRET_KEY",
    "DJANGO_MANIFEST_STATIC",
    "DJANGO_STATIC_ROOT",
    "LOG_LEVEL",
    "DJANGO_SSL_REDIRECT",
    "DJANGO_SECURE_COOKIES",
):
    os.environ[key] = ENV[key]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflictwatch.settings")

# (zoom, lat, lon): the whole Sahel, then into three towns, then a pan.
TOUR = [
    (4, 15.0, -2.0),
    (5, 15.0, -2.0),
    (6, 15.5, -1.0),
    *[(z, 16.27, -0.04) for z in (7, 8, 9, 10, 11, 12)],  # Gao
    *[(z, 14.49, -4.19) for z in (7, 9, 11)],  # Mopti
    *[(z, 12.37, -1.52) for z in (7, 9, 11)],  # Ouagadougou
    *[(8, 15.0, lon) for lon in (-3.0, -2.0, -1.0, 0.0, 1.0)],  # pan east at zoom 8
]
VIEW_PX = (1000, 900)  # the map's size on a 1400 × 900 desktop page, about


def manage(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args], env=ENV, check=True, cwd=ROOT
    )


def load(count: int) -> dict:
    """``count`` synthetic incidents (``manage.py generate_incidents``'s
    generator through bench/dataset.py, kept when already there), vacuumed."""
    from bench.dataset import prepare

    started = time.perf_counter()
    done = prepare(BENCH_DB, count, progress=False)
    return {**done, "seconds": round(time.perf_counter() - started, 1)}


def get(url: str, session: str, etag: str | None = None) -> tuple[int, float, int, str]:
    """(status, seconds, bytes as sent, ETag), asking for gzip like a browser."""
    headers = {"Cookie": f"sessionid={session}", "Accept-Encoding": "gzip"}
    if etag:
        headers["If-None-Match"] = etag
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as response:
            body = response.read()
            status, tag = response.status, response.headers.get("ETag", "")
    except urllib.error.HTTPError as error:  # 304 arrives as an "error"
        body, status, tag = error.read(), error.code, error.headers.get("ETag", "")
    return status, time.perf_counter() - started, len(body), tag


def view_query(zoom: int, lat: float, lon: float) -> str:
    """The map.json query of a VIEW_PX map centred there (Web Mercator, as
    Leaflet computes its bounds, near enough at Sahel latitudes)."""
    degrees_per_px = 360 / (256 * 2**zoom)
    half_w, half_h = VIEW_PX[0] / 2 * degrees_per_px, VIEW_PX[1] / 2 * degrees_per_px
    box = [lon - half_w, lat - half_h, lon + half_w, lat + half_h]
    box = [max(-180, box[0]), max(-85, box[1]), min(180, box[2]), min(85, box[3])]
    return f"view={','.join(f'{v:.4f}' for v in box)}&zoom={zoom}"


def measure_requests(base: str, session: str, runs: int) -> dict:
    full = [get(f"{base}/data/incidents.json", session) for _ in range(runs + 1)][1:]
    first, repeat, modes = [], [], {}
    for zoom, lat, lon in TOUR:
        url = f"{base}/data/map.json?{view_query(zoom, lat, lon)}"
        status, seconds, size, etag = get(url, session)
        assert status == 200, (url, status)
        first.append((seconds, size))
        repeat.append(get(url, session, etag))
    for zoom, lat, lon in TOUR[:3]:
        url = f"{base}/data/map.json?{view_query(zoom, lat, lon)}"
        with urllib.request.urlopen(
            urllib.request.Request(url, headers={"Cookie": f"sessionid={session}"})
        ) as response:
            modes[zoom] = json.loads(response.read())["mode"]
    timeline = [get(f"{base}/data/timeline.json", session) for _ in range(runs)]
    seconds = sorted(s for s, _ in first)
    return {
        "baseline_full_feed": {
            "seconds_median": round(statistics.median(s for _, s, _, _ in full), 3),
            "bytes": full[0][2],
        },
        "map_requests": len(first),
        "map_request_ms_median": round(statistics.median(seconds) * 1000, 1),
        "map_request_ms_p95": round(seconds[int(0.95 * (len(seconds) - 1))] * 1000, 1),
        "map_request_ms_max": round(seconds[-1] * 1000, 1),
        "map_bytes_median": int(statistics.median(b for _, b in first)),
        "map_bytes_max": max(b for _, b in first),
        "repeat_304_share": sum(1 for r in repeat if r[0] == 304) / len(repeat),
        "repeat_ms_median": round(statistics.median(r[1] for r in repeat) * 1000, 1),
        "repeat_bytes_max": max(r[2] for r in repeat),
        "modes_at_low_zoom": modes,
        "timeline_ms_median": round(statistics.median(t[1] for t in timeline) * 1000, 1),
        "timeline_bytes": timeline[0][2],
    }


def measure_cells(runs: int) -> dict:
    """The tour's cells computed in this process, as map.json computes them
    (``selectors.map_cells_aggregated``, from the grid pyramid), against
    counting the incidents in view (``selectors.map_cells``, what every
    cluster request did before the pyramid): fastest of ``runs`` per view,
    then the median over the tour, undated and with a five-year range."""
    import math
    from datetime import date
    from functools import partial

    from incidents.models import EventType
    from incidents.selectors import map_cells, map_cells_aggregated, visible_incidents
    from incidents.views.mapfeed import cell_degrees, in_columns

    type_ids = list(EventType.objects.order_by("order").values_list("pk", flat=True))

    def fastest(call) -> float:
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            call()
            times.append(time.perf_counter() - started)
        return min(times) * 1000

    figures: dict[str, list[float]] = {"pyramid": [], "incidents": [], "pyramid_5y": []}
    figures["incidents_5y"] = []
    for zoom, lat, lon in TOUR:
        view = dict(part.split("=") for part in view_query(zoom, lat, lon).split("&"))
        side = cell_degrees(zoom)
        columns = tuple(math.floor(float(v) / side) for v in view["view"].split(","))
        for key, first, last in (("", None, None), ("_5y", date(2012, 1, 1), date(2016, 12, 31))):
            queryset = in_columns(visible_incidents(None), columns, side)
            if first:
                queryset = queryset.filter(date__gte=first, date__lte=last)

            args = {"cell_degrees": side, "type_ids": type_ids}
            pyramid = partial(
                map_cells_aggregated,
                queryset,
                statuses=["published"],
                event_type_ids=None,
                first=first,
                last=last,
                zoom=zoom,
                columns=columns,
                type_ids=type_ids,
            )
            counted = partial(map_cells, queryset, **args)
            if pyramid() is None:  # no level fine enough: map.json counts them too
                pyramid = counted
            figures["pyramid" + key].append(fastest(pyramid))
            figures["incidents" + key].append(fastest(counted))
    return {f"{name}_ms_median": round(statistics.median(v), 1) for name, v in figures.items()}


PAGE_FIGURES = """() => {
  const data = performance.getEntriesByType('resource').filter(e => e.name.includes('/data/'));
  const all = performance.getEntriesByType('resource');
  const nav = performance.getEntriesByType('navigation')[0];
  return {
    ready: window.cwReadyAt,
    dataBytes: data.reduce((n, e) => n + e.transferSize, 0),
    dataDecodedBytes: data.reduce((n, e) => n + e.decodedBodySize, 0),
    loadBytes: all.reduce((n, e) => n + e.transferSize, 0) + nav.transferSize,
    requests: data.map(e => e.name.split('/data/')[1].split('?')[0]),
    markers: Number(document.querySelector('#map').dataset.markers),
    mode: document.querySelector('#map').dataset.mode,
  };
}"""


def page_run(browser, base: str, session: str) -> dict:
    context, page = signed_in_page(browser, base, session)
    page.goto(f"{base}/")
    page.wait_for_function("() => window.cwReadyAt !== undefined", timeout=120_000)
    result = page.evaluate(PAGE_FIGURES)
    box = page.locator("#timeline .brush .overlay").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + 2, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 3, y, steps=3)
    page.evaluate("window.cwRedraw = null")
    page.mouse.up()
    page.wait_for_function("() => window.cwRedraw && window.cwRedraw.list", timeout=60_000)
    redraw = page.evaluate("window.cwRedraw")
    result["brush_map_ms"] = redraw["map"]
    result["brush_list_ms"] = redraw["list"]
    context.close()
    return result


def measure_pages(base: str, session: str, runs: int) -> dict:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
        )
        page_run(browser, base, session)  # warm the server's caches and workers
        results = [page_run(browser, base, session) for _ in range(runs)]
        browser.close()
    return {
        "ready_s_median": round(statistics.median(r["ready"] for r in results) / 1000, 3),
        "ready_s_runs": [round(r["ready"] / 1000, 3) for r in results],
        "brush_map_ms_median": round(statistics.median(r["brush_map_ms"] for r in results)),
        "brush_list_ms_median": round(statistics.median(r["brush_list_ms"] for r in results)),
        "data_bytes_on_load": results[0]["dataBytes"],
        "data_bytes_decoded": results[0]["dataDecodedBytes"],
        "all_bytes_on_load": results[0]["loadBytes"],
        "data_requests": results[0]["requests"],
        "markers": results[0]["markers"],
        "mode": results[0]["mode"],
    }


def report(results: dict) -> str:
    lines = [
        "# Map feed: figures per scale",
        "",
        "`.venv/bin/python bench/map_feed.py --incidents "
        + " ".join(str(s["incidents"]) for s in results["scales"])
        + "` — one run on the shared 2-core machine; baseline = the full feed "
        "(`/data/incidents.json`, every incident, what the page loaded before) in the same run.",
        "",
        "| figure | " + " | ".join(f"{s['incidents']:,}" for s in results["scales"]) + " |",
        "|---|" + "---|" * len(results["scales"]),
    ]

    def req(s: dict) -> dict:
        return s["requests"]

    def pg(s: dict) -> dict:
        return s["page"]

    rows = [
        ("full feed request, baseline (s)",
         lambda s: req(s)["baseline_full_feed"]["seconds_median"]),
        ("full feed bytes, baseline", lambda s: f"{req(s)['baseline_full_feed']['bytes']:,}"),
        ("data bytes on load (sent, gzip)", lambda s: f"{pg(s)['data_bytes_on_load']:,}"),
        ("all bytes on load (page, scripts, data)", lambda s: f"{pg(s)['all_bytes_on_load']:,}"),
        ("map request median / p95 (ms)",
         lambda s: f"{req(s)['map_request_ms_median']} / {req(s)['map_request_ms_p95']}"),
        ("map request bytes median / max",
         lambda s: f"{req(s)['map_bytes_median']:,} / {req(s)['map_bytes_max']:,}"),
        ("repeat request: 304 share, median ms",
         lambda s: f"{req(s)['repeat_304_share']:.0%}, {req(s)['repeat_ms_median']}"),
        ("timeline request median (ms)", lambda s: req(s)["timeline_ms_median"]),
        ("map cells in process, pyramid / counting the incidents (ms, tour median)",
         lambda s: f"{s['cells']['pyramid_ms_median']} / {s['cells']['incidents_ms_median']}"),
        ("the same with a five-year range (ms)",
         lambda s: f"{s['cells']['pyramid_5y_ms_median']} / "
         f"{s['cells']['incidents_5y_ms_median']}"),
        ("dashboard ready, median (s)", lambda s: pg(s)["ready_s_median"]),
        ("brush redraw: map / list (ms)",
         lambda s: f"{pg(s)['brush_map_ms_median']} / {pg(s)['brush_list_ms_median']}"),
        ("load average (1, 5, 15 min) before / after",
         lambda s: f"{s['load'].get('load_average_before')} / {s.get('load_average_after')}"),
    ]  # fmt: skip
    for name, value in rows:
        lines.append(f"| {name} | " + " | ".join(str(value(s)) for s in results["scales"]) + " |")
    lines += [
        "",
        "Targets at 1,000,000: ready ≤ 2 s, brush ≤ 150 ms, bytes on load ≤ 2 MB, "
        "median map request ≤ 50 ms.",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--incidents", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--port", type=int, default=8481)
    parser.add_argument("--out", default=str(ROOT / "bench/results/map_feed.json"))
    args = parser.parse_args()

    create_database(BENCH_DB, fresh=False)
    manage("migrate", "-v", "0")
    manage("collectstatic", "--noinput", "-v", "0")
    import django

    django.setup()
    session = analyst_session()
    base = f"http://127.0.0.1:{args.port}"
    results: dict = {"benchmark": "map feed", "targets_at_1m": TARGETS, "scales": []}
    for count in args.incidents:
        loaded = load(count)
        loaded["load_average_before"] = [round(v, 1) for v in os.getloadavg()]
        print(f"{count:,} incidents ready ({loaded})", flush=True)
        server = start_gunicorn(args.port, ENV, startup_seconds=180)  # a busy machine starts slowly
        try:
            requests = measure_requests(base, session, args.runs)
            page = measure_pages(base, session, args.runs)
        finally:
            stop(server)
        cells = measure_cells(args.runs)
        scale = {"incidents": count, "load": loaded, "requests": requests, "page": page}
        scale["cells"] = cells
        scale["load_average_after"] = [round(v, 1) for v in os.getloadavg()]
        print(json.dumps(scale, indent=1), flush=True)
        results["scales"].append(scale)
    Path(args.out).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    Path(args.out).with_suffix(".md").write_text(report(results), encoding="utf-8")
    print(report(results))


if __name__ == "__main__":
    main()
