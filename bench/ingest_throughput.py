"""End-to-end ingestion through the real worker: a local feed of N articles
(default 1,000) is polled by a Celery worker, which fetches, reads, extracts
and files every item. Baseline in the same run: the same pipeline functions
called one article after another in this process (no broker, no worker).

    .venv/bin/python bench/ingest_throughput.py [--articles 1000] [--baseline 1000]
                                                [--concurrency 2] [--workers 1,2,4]

--workers runs the worker phase again with 1, 2, 4 ... separate worker
processes (one task at a time each, named as if on separate machines) on a
fresh database and the same feed, to show how ingestion scales when workers
are added against the same broker; each run is compared to the first.

Uses its own database (cw_bench_ingest, created afresh and dropped at the
end) and its own Celery queue, so it never touches the dev database or a
running demo. Writes bench/results/ingest_throughput.json.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.db import create_database, drop_database  # noqa: E402
from incidents.demo_environment import DEMO_ENVIRONMENT  # noqa: E402

DB_NAME = os.environ.get("BENCH_INGEST_DATABASE", "cw_bench_ingest")
BASE_DB_URL = os.environ.get("BENCH_DB_SERVER", "postgis://postgres@127.0.0.1:5432")
os.environ.update(
    {
        "DJANGO_SETTINGS_MODULE": "conflictwatch.test_settings",
        "DATABASE_URL": f"{BASE_DB_URL}/{DB_NAME}",
        # As the demo runs: incidents published, later figures accepted.
        **DEMO_ENVIRONMENT,
        "CELERY_QUEUE": f"cw-bench-{uuid.uuid4().hex[:6]}",
    }
)


def manage(*args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, check=True, stdout=subprocess.DEVNULL
    )


def recreate_database() -> None:
    create_database(os.environ["DATABASE_URL"], fresh=True)
    manage("migrate", "--noinput", "-v", "0")
    manage("load_reference_data")


class VariantSite:
    """The sample corpus served N times over, each copy made distinct by a
    dispatch number (so none is skipped as a duplicate), with an RSS feed."""

    def __init__(self, count: int, prefix: str):
        from incidents.demo_corpus import CORPUS_DIR, CorpusServer, load_labels

        labels = load_labels()
        pages = {
            item["slug"]: (CORPUS_DIR / "articles" / f"{item['slug']}.html").read_text()
            for item in labels
        }
        self.server = CorpusServer(("127.0.0.1", 0), items=[])
        items = []
        for n in range(count):
            base = labels[n % len(labels)]
            slug = f"{prefix}-{n:05d}-{base['slug']}"
            page = re.sub(
                "</article>",
                f"<p>Dispatch reference {prefix}-{n}.</p></article>",
                pages[base["slug"]],
                count=1,
            )
            self.server.extra_routes[f"/articles/{slug}.html"] = (
                200,
                {"Content-Type": "text/html; charset=utf-8"},
                page.encode(),
            )
            items.append({**base, "slug": slug})
        self.server.items = items
        self.server.start_in_thread()

    def url(self, path: str) -> str:
        return self.server.base_url + path

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def forget_queue(name: str) -> None:
    """Remove the benchmark queue's keys from Redis."""
    import redis
    from django.conf import settings

    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    client.delete(name, f"_kombu.binding.{name}", f"_kombu.binding_permanent.{name}")
    client.close()


def terminal_count(ids: list[int]) -> int:
    from incidents.models import Article, ArticleStatus

    return (
        Article.objects.filter(pk__in=ids)
        .exclude(status__in=[ArticleStatus.PENDING, ArticleStatus.FETCHED])
        .count()
    )


def run_baseline(count: int) -> dict:
    from incidents.ingest.feeds import poll
    from incidents.models import Article, ArticleStatus, Feed
    from incidents.tasks import process_article

    site = VariantSite(count + 1, "inproc")
    try:
        feed = Feed.objects.create(url=site.url("/feed.xml"))
        *ids, warm_up = poll(feed).new_article_ids
        # Warm up once (language model, date parser locales), as a long-running
        # worker process is; the worker's own warm-up stays inside its timing.
        process_article.apply(args=[warm_up])
        started = time.perf_counter()
        for article_id in ids:
            process_article.apply(args=[article_id])
        elapsed = time.perf_counter() - started
    finally:
        site.close()
    processed = Article.objects.filter(pk__in=ids, status=ArticleStatus.PROCESSED).count()
    return {
        "articles": len(ids),
        "processed": processed,
        "seconds": round(elapsed, 2),
        "articles_per_second": round(len(ids) / elapsed, 1),
    }


def start_worker(concurrency: int, name: str) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "conflictwatch",
            "worker",
            f"--concurrency={concurrency}",
            "--loglevel=WARNING",
            "--without-mingle",
            "--without-gossip",
            "-n",
            f"{name}@%h",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def run_worker(count: int, concurrency: int, processes: int = 1) -> dict:
    from incidents.models import Article, ArticleStatus, Feed, Incident
    from incidents.tasks import poll_feed

    queue = os.environ["CELERY_QUEUE"]  # the workers inherit it, so every task goes there
    site = VariantSite(count, "worker")
    workers = [start_worker(concurrency, f"{queue}-{n}") for n in range(processes)]
    try:
        feed = Feed.objects.create(url=site.url("/feed.xml"))
        started = time.perf_counter()
        poll_feed.delay(feed.pk)
        deadline = started + 1800
        while time.perf_counter() < deadline:
            ids = list(Article.objects.filter(feed=feed).values_list("pk", flat=True))
            if len(ids) == count and terminal_count(ids) == count:
                break
            time.sleep(0.25)  # polling the database for progress
        elapsed = time.perf_counter() - started
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(timeout=30)
        site.close()
    statuses = dict.fromkeys(ArticleStatus.values, 0)
    for status in Article.objects.filter(feed=feed).values_list("status", flat=True):
        statuses[status] += 1
    return {
        "articles": count,
        "worker_processes": processes,
        "concurrency": concurrency,
        "seconds": round(elapsed, 2),
        "articles_per_second": round(count / elapsed, 1),
        "statuses": statuses,
        "incidents": Incident.objects.count(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--baseline", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument(
        "--workers",
        type=lambda text: [int(n) for n in text.split(",")],
        default=[],
        help="also run with these numbers of single-task worker processes, e.g. 1,2,4",
    )
    args = parser.parse_args()

    load_before = os.getloadavg()
    recreate_database()
    import django
    from django.db import connections

    django.setup()
    scaling = []
    try:
        baseline = run_baseline(args.baseline)
        worker = run_worker(args.articles, args.concurrency)
        for processes in args.workers:
            connections.close_all()
            recreate_database()  # the same feed again, into an empty database
            scaling.append(run_worker(args.articles, 1, processes))
    finally:
        drop_database(os.environ["DATABASE_URL"])
        forget_queue(os.environ["CELERY_QUEUE"])
    results = {
        "what": "feed -> fetch -> read -> extract -> match/file, sample corpus variants",
        "baseline_in_process": baseline,
        "worker": worker,
        "worker_vs_in_process": round(
            worker["articles_per_second"] / baseline["articles_per_second"], 2
        ),
        "cpu_count": os.cpu_count(),
        "command": "bench/ingest_throughput.py " + " ".join(sys.argv[1:]),
        "load_average": {
            "before": [round(n, 1) for n in load_before],
            "after": [round(n, 1) for n in os.getloadavg()],
        },
    }
    if scaling:
        first = scaling[0]["articles_per_second"]
        for run in scaling:
            run["vs_first"] = round(run["articles_per_second"] / first, 2)
        results["scaling_by_worker_processes"] = scaling
    out = ROOT / "bench" / "results" / "ingest_throughput.json"
    out.write_text(json.dumps(results, indent=2) + "\n")
    print(
        f"in-process baseline: {baseline['articles_per_second']} articles/s "
        f"({baseline['articles']} articles, {baseline['seconds']} s)"
    )
    print(
        f"real worker x{args.concurrency}: {worker['articles_per_second']} articles/s "
        f"({worker['articles']} articles, {worker['seconds']} s), statuses {worker['statuses']}"
    )
    for run in scaling:
        print(
            f"{run['worker_processes']} worker process(es): {run['articles_per_second']} "
            f"articles/s, x{run['vs_first']} of the first"
        )
    print(f"written to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
