"""Gunicorn settings and hooks for the web service. Gunicorn reads
./gunicorn.conf.py on its own, so docker-compose, the Dockerfile and the
benchmarks all get them; the bind address stays on their command lines.

Workers and threads: a sync worker serves one request at a time, so three
analysts loading the full map (or a partner's long export) held all three
workers and a partner's list request waited for one of them. gthread workers
serve GUNICORN_THREADS requests each, on threads that mostly wait on
PostgreSQL (the heavy JSON is built there), so a short request gets a thread
at once. With gthread, `timeout` only restarts a worker whose main loop hangs:
a long streamed export is not cut off by it (it keeps sending); slow clients
are bounded by `keepalive` and the proxy in front.

Garbage collection: a request leaves its objects in reference cycles (view,
request, response point at each other), which only Python's cycle collector
frees. Left to its defaults the collector runs in the middle of whichever
request crosses its threshold, and that request pays for freeing several
earlier ones (8-10 ms on a 100-row API page; 150+ ms when it walks the whole
heap). So each worker freezes what it loaded at start (never scanned again),
raises the threshold so a collection hardly ever starts inside a request, and
collects the young generations right after each response has been sent,
when no client is waiting on this worker; now and then it collects everything.
Measured in bench/api_endpoints.py: list page p95 56-79 ms with the defaults
or only some of these, 44-48 ms with all of them.

Metrics: each worker counts its own requests, so /metrics would show
whichever worker answered the scrape. The master gives the workers
PROMETHEUS_MULTIPROC_DIR (the setting's folder, emptied at start, or a fresh
temporary one) before they start; prometheus_client then keeps every
worker's counts in files there and /metrics sums them (incidents.metrics).
A worker that exits is marked dead, so its live gauges go; its counts stay.
"""

import gc
import os
import tempfile
from pathlib import Path

worker_class = "gthread"
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
threads = int(os.environ.get("GUNICORN_THREADS", "8"))
timeout = 60  # a worker silent this long (hung main loop) is restarted
graceful_timeout = 60  # on restart or deploy, running requests may finish
keepalive = 5

YOUNG_THRESHOLD = 100_000  # allocations before an automatic collection (default 700)
FULL_COLLECTION_EVERY = 1_000  # requests


def post_worker_init(worker):
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_THRESHOLD, 10, 10)


def post_request(worker, req, environ, resp):
    if getattr(worker, "nr", 0) % FULL_COLLECTION_EVERY == 0:
        gc.collect()
    else:
        gc.collect(1)


def on_starting(server):
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        for stale in Path(folder).glob("*.db"):  # a previous run's counts
            stale.unlink()
    else:
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="conflictwatch-metrics-")


def child_exit(server, worker):
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
