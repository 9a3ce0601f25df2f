"""Fault-injection run: ingestion through two worker processes while they are
SIGKILLed, Redis restarts empty and PostgreSQL restarts, idle and busy.

    .venv/bin/python bench/faults.py [--articles 500] [--timeout 1200]

Everything runs on services of its own (tests/throwaway.py): a PostgreSQL
cluster on a free port and a Redis without persistence, both removed at the
end; the machine's own PostgreSQL and Redis are never touched.

A local news site serves ``--articles`` distinct reports (one attack each: its
own town, day and toll) with an RSS feed; beat polls it and two Celery worker
processes (concurrency 1 each) ingest it through the real pipeline, with the
sweeper on. Two phases, each on a fresh copy of the same migrated database:

- baseline: no fault; what the pipeline makes of each article;
- faults: the feed first lists half the articles; once they are processed and
  the workers idle, PostgreSQL is restarted (idle); then the feed lists the
  rest and, while they are processed, a worker is SIGKILLed (and started
  again), Redis is restarted without persistence (every queued message lost)
  and PostgreSQL is restarted while the workers are busy.

Per article, the incidents, sources and toll revisions of the fault phase are
compared with the baseline's: "lost" counts what the baseline has and the
fault phase lacks, "duplicated" what the fault phase has twice or more than
the baseline. Target: 0 lost, 0 duplicated, and every article processed
within a bounded time after the last fault (the sweeper's stuck-after time
plus the processing time; printed). Results: bench/results/faults.json.
Figures are noisy while other work runs on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from incidents.demo_environment import DEMO_ENVIRONMENT  # noqa: E402
from tests.throwaway import Stack, wait_for  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "faults.json"
TOWNS = [  # (name, country, region): gazetteer places far enough apart
    ("Gao", "Mali", "the Gao region"),
    ("Ménaka", "Mali", "the Ménaka region"),
    ("Ansongo", "Mali", "the Gao region"),
    ("Mopti", "Mali", "central Mali"),
    ("Douentza", "Mali", "the Mopti region"),
    ("Niono", "Mali", "the Ségou region"),
    ("Kidal", "Mali", "northern Mali"),
    ("Djibo", "Burkina Faso", "the Sahel region"),
    ("Dori", "Burkina Faso", "the Sahel region"),
    ("Bandiagara", "Mali", "central Mali"),
]
SWEEP = {
    "INGEST_POLL_SECONDS": "2",
    "INGEST_SWEEP_SECONDS": "5",
    "INGEST_STUCK_AFTER_SECONDS": "30",
    "CELERY_VISIBILITY_TIMEOUT": "30",
    **DEMO_ENVIRONMENT,  # as the demo runs: incidents published, later figures accepted
    "LOG_FORMAT": "json",
    "LOG_LEVEL": "WARNING",
}


def article_html(n: int) -> tuple[dict, bytes]:
    """One distinct report: its own town, day (three days apart, so no two
    are the same incident) and toll."""
    town, country, region = TOWNS[n % len(TOWNS)]
    day = date(2019, 1, 7) + timedelta(days=3 * n)
    published = day + timedelta(days=1)
    killed = 3 + n % 37
    title = f"Gunmen kill {killed} civilians near {town}"
    html = f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{title}</title><meta property="og:site_name" content="Fault Wire">
<meta property="article:published_time" content="{published.isoformat()}T08:00:00+00:00">
</head><body><nav><a href="/">Front page</a> <a href="/sahel/">Sahel</a></nav><article>
<h1>{title}</h1>
<p>{town.upper()}, {country} (Fault Wire) — Gunmen on motorcycles killed {killed} civilians
on {day.day} {day:%B %Y} in a village near {town}, in {region}, a local official said.</p>
<p>The attackers arrived in the early afternoon, fired on people gathered at the market and
set fire to shops before leaving, the official told Fault Wire by telephone. Residents
buried the dead the next morning, and several families have left for the town.</p>
<p>No group has claimed the attack. Dispatch {n:05d}.</p>
</article><footer>Fault Wire</footer></body></html>"""
    item = {
        "slug": f"report-{n:05d}",
        "title": title,
        "published": f"{published.isoformat()}T08:00:00+00:00",
    }
    return item, html.encode()


class Site:
    """The reports over HTTP/1.1 with an RSS feed listing ``visible`` of them."""

    def __init__(self, count: int):
        from incidents.demo_corpus import CorpusServer

        self.items, self.server = [], CorpusServer(("127.0.0.1", 0), items=[])
        for n in range(count):
            item, body = article_html(n)
            self.items.append(item)
            self.server.extra_routes[f"/articles/{item['slug']}.html"] = (
                200,
                {"Content-Type": "text/html; charset=utf-8"},
                body,
            )
        self.server.start_in_thread()

    def show(self, count: int) -> None:
        self.server.items = self.items[:count]

    @property
    def feed_url(self) -> str:
        return self.server.base_url + "/feed.xml"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class Phase:
    """One database, two workers and beat on the stack."""

    def __init__(self, stack: Stack, database: str, logs: Path):
        self.stack, self.database, self.logs = stack, database, logs
        self.env = {**SWEEP, "DATABASE_URL": stack.postgres.url(database)}
        self.workers = [self.start_worker(i) for i in range(2)]
        self.beat = stack.beat(log=logs / f"{database}-beat.log", **self.env)

    def start_worker(self, index: int):
        return self.stack.worker(
            concurrency=1, log=self.logs / f"{self.database}-w{index}.log", **self.env
        )

    def sql(self, query: str, params=()):
        return self.stack.postgres.query(self.database, query, params)

    def count(self, status: str = "processed") -> int:
        return self.sql("SELECT count(*) FROM incidents_article WHERE status = %s", (status,))[0][0]

    def unfinished(self) -> int:
        return self.sql(
            "SELECT count(*) FROM incidents_article WHERE status IN ('pending', 'fetched')"
        )[0][0]

    def add_feed(self, url: str) -> None:
        self.sql(
            "INSERT INTO incidents_feed (url, title, language, active,"
            " poll_interval_minutes, etag, last_modified, last_error, created_at)"
            " VALUES (%s, 'Fault Wire', '', true, 1, '', '', '', now())",
            (url,),
        )

    def poll_now(self) -> None:
        self.sql("UPDATE incidents_feed SET last_polled_at = NULL")

    def wait_done(self, total: int, timeout: float) -> float:
        """Seconds until ``total`` articles exist and none is unfinished."""
        started = time.monotonic()

        def done():
            stored = self.sql("SELECT count(*) FROM incidents_article")[0][0]
            return stored >= total and self.unfinished() == 0

        wait_for(done, timeout, f"{total} articles processed", interval=0.5)
        return time.monotonic() - started

    def outcome(self) -> dict[str, dict]:
        """Per article URL: its status and the incidents, sources and toll
        revisions filed from it."""
        rows = {
            url: {"status": status, "incidents": 0, "sources": 0, "revisions": 0}
            for url, status in self.sql("SELECT url, status FROM incidents_article")
        }
        for url, incidents, sources in self.sql(
            "SELECT a.url, count(DISTINCT s.incident_id), count(*)"
            " FROM incidents_incidentsource s JOIN incidents_article a ON a.id = s.article_id"
            " GROUP BY a.url"
        ):
            rows[url].update(incidents=incidents, sources=sources)
        for url, revisions in self.sql(
            "SELECT a.url, count(*) FROM incidents_tollrevision r"
            " JOIN incidents_article a ON a.id = r.article_id GROUP BY a.url"
        ):
            rows[url]["revisions"] = revisions
        return rows

    def totals(self) -> dict:
        one = lambda q: self.sql(q)[0][0]  # noqa: E731
        return {
            "articles": one("SELECT count(*) FROM incidents_article"),
            "incidents": one("SELECT count(*) FROM incidents_incident"),
            "sources": one("SELECT count(*) FROM incidents_incidentsource"),
            "revisions": one("SELECT count(*) FROM incidents_tollrevision"),
            "duplicate_sources": one(
                "SELECT count(*) FROM (SELECT 1 FROM incidents_incidentsource"
                " GROUP BY incident_id, article_id HAVING count(*) > 1) d"
            ),
            "duplicate_revisions": one(
                "SELECT count(*) FROM (SELECT 1 FROM incidents_tollrevision"
                " GROUP BY incident_id, article_id, killed, killed_min, killed_max, wounded,"
                " said_by HAVING count(*) > 1) d"
            ),
            "by_status": dict(
                self.sql("SELECT status, count(*) FROM incidents_article GROUP BY status")
            ),
        }

    def stop(self) -> None:
        for process in [*self.workers, self.beat]:
            process.stop()


def run_baseline(stack: Stack, site: Site, count: int, logs: Path, timeout: float) -> dict:
    site.show(count)
    phase = Phase(stack, "baseline", logs)
    try:
        phase.add_feed(site.feed_url)
        seconds = phase.wait_done(count, timeout)
        return {"seconds": round(seconds, 1), "outcome": phase.outcome(), "totals": phase.totals()}
    finally:
        phase.stop()


def run_faults(stack: Stack, site: Site, count: int, logs: Path, timeout: float) -> dict:
    events: list[dict] = []
    clock = time.monotonic()

    def note(what: str, **extra) -> None:
        events.append({"at_s": round(time.monotonic() - clock, 1), "fault": what, **extra})
        print(f"  {events[-1]['at_s']:7.1f}s  {what} {extra or ''}", flush=True)

    half = count // 2
    site.show(half)
    phase = Phase(stack, "faults", logs)
    try:
        phase.add_feed(site.feed_url)
        phase.wait_done(half, timeout)
        wait_for(lambda: stack.redis.client().llen(stack.queue) == 0, 60, "an empty queue")
        note("postgres restart (idle)", processed=phase.count())
        stack.postgres.restart()

        site.show(count)
        phase.poll_now()
        wait_for(lambda: phase.count() >= half + count // 10, timeout, "the second half")
        note("SIGKILL worker 0", processed=phase.count())
        phase.workers[0].kill()
        phase.workers[0] = phase.start_worker(0)

        wait_for(lambda: phase.count() >= half + count // 4, timeout, "more progress")
        note(
            "redis restart without persistence",
            processed=phase.count(),
            queued=stack.redis.client().llen(stack.queue),
        )
        stack.redis.restart()

        wait_for(lambda: phase.count() >= half + count * 3 // 10, timeout, "progress again")
        note("postgres restart (busy)", processed=phase.count(), unfinished=phase.unfinished())
        stack.postgres.restart()
        last_fault = time.monotonic()

        phase.wait_done(count, timeout)
        after_last = time.monotonic() - last_fault
        note("all processed", processed=phase.count())
        return {
            "events": events,
            "seconds_after_last_fault": round(after_last, 1),
            "outcome": phase.outcome(),
            "totals": phase.totals(),
        }
    finally:
        phase.stop()


def compare(baseline: dict[str, dict], faults: dict[str, dict]) -> dict:
    figures = {}
    for what in ("incidents", "sources", "revisions"):
        lost = sum(
            max(0, row[what] - faults.get(url, {}).get(what, 0)) for url, row in baseline.items()
        )
        duplicated = sum(
            max(0, row[what] - baseline.get(url, {}).get(what, 0)) for url, row in faults.items()
        )
        figures[what] = {
            "expected": sum(r[what] for r in baseline.values()),
            "got": sum(r[what] for r in faults.values()),
            "lost": lost,
            "duplicated": duplicated,
        }
    figures["articles"] = {
        "expected": len(baseline),
        "got": len(faults),
        "lost": len(set(baseline) - set(faults)),
        "duplicated": 0,
        "not_processed": sorted(url for url, r in faults.items() if r["status"] != "processed"),
        "status_differs": sorted(
            url for url, r in faults.items() if baseline.get(url, {}).get("status") != r["status"]
        ),
    }
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument(
        "--timeout",
        type=float,
        default=1200,
        help="seconds any one wait may take before the run is called failed",
    )
    args = parser.parse_args()
    random.seed(12)
    logs = Path(tempfile.mkdtemp(prefix="cw-faults-"))
    print(f"Throwaway PostgreSQL cluster and Redis; logs in {logs}", flush=True)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflictwatch.test_settings")
    os.environ["DJANGO_DEBUG"] = "true"
    started = time.monotonic()
    with Stack() as stack:
        for name in ("baseline", "faults"):
            stack.postgres.query(
                "postgres", f'CREATE DATABASE "{name}" TEMPLATE "{stack.database}"'
            )
        site = Site(args.articles)
        try:
            print(f"Baseline: {args.articles} articles, no fault", flush=True)
            baseline = run_baseline(stack, site, args.articles, logs, args.timeout)
            print(f"  done in {baseline['seconds']} s", flush=True)
            print("Faults:", flush=True)
            faults = run_faults(stack, site, args.articles, logs, args.timeout)
        finally:
            site.close()
    figures = compare(baseline["outcome"], faults["outcome"])
    ok = (
        all(
            figures[w]["lost"] == 0 and figures[w]["duplicated"] == 0
            for w in ("articles", "incidents", "sources", "revisions")
        )
        and not (figures["articles"]["not_processed"])
    )
    result = {
        "articles_sent": args.articles,
        "workers": "2 processes, concurrency 1 each; beat with the sweeper",
        "settings": SWEEP,
        "baseline": {"seconds": baseline["seconds"], "totals": baseline["totals"]},
        "faults": {k: v for k, v in faults.items() if k != "outcome"},
        "comparison": figures,
        "target_met": ok,
        "total_seconds": round(time.monotonic() - started, 1),
        "note": "one run on a shared 2-core machine; timings are noisy",
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    print()
    print(f"{'':12}{'expected':>10}{'got':>8}{'lost':>7}{'duplicated':>12}")
    for what in ("articles", "incidents", "sources", "revisions"):
        f = figures[what]
        print(f"{what:12}{f['expected']:>10}{f['got']:>8}{f['lost']:>7}{f['duplicated']:>12}")
    print(
        f"processed {faults['totals']['by_status']}; all processed "
        f"{faults['seconds_after_last_fault']} s after the last fault"
    )
    print(f"target (0 lost, 0 duplicated, all processed): {'met' if ok else 'NOT met'}")
    print(f"written to {RESULTS.relative_to(ROOT)}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
