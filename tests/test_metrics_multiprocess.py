"""/metrics under gunicorn with several workers: every scrape reports the
requests of all workers, including workers recycled since (max-requests), not
only those of the worker that happened to answer (PROMETHEUS_MULTIPROC_DIR,
set up by gunicorn.conf.py)."""

import os
import signal
import subprocess
import sys
import urllib.error
import urllib.request

import pytest
from django.db import connection

from tests.throwaway import ROOT, free_port, wait_for

COUNTER = "django_http_requests_before_middlewares_total"


def get(url: str) -> bytes | None:
    """The body of a response (any status), or None if nothing answered."""
    try:
        with urllib.request.urlopen(url, timeout=120) as response:  # noqa: S310 (our server)
            return response.read()
    except urllib.error.HTTPError as error:
        return error.read()
    except OSError:
        return None


@pytest.fixture
def gunicorn(transactional_db, tmp_path):
    db = connection.settings_dict
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "conflictwatch.test_settings",
        "DATABASE_URL": f"postgis://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}",
        "METRICS_TOKEN": "",
    }
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)  # gunicorn.conf.py makes one
    # Each worker is replaced after 4 requests: a count kept only in the
    # worker's memory is lost with it.
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "conflictwatch.wsgi", "-b", f"127.0.0.1:{port}"]
        + ["-w", "2", "--threads", "1", "--max-requests", "4"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def test_metrics_count_the_requests_of_every_worker_even_replaced_ones(gunicorn):
    answered = 0

    def up():
        nonlocal answered
        if get(f"{gunicorn}/healthz") is None:
            return False
        answered += 1
        return True

    wait_for(up, 60, "gunicorn")
    for _ in range(12):
        assert up()
    text = get(f"{gunicorn}/metrics").decode()
    counted = next(
        float(line.rpartition(" ")[2]) for line in text.splitlines() if line.startswith(COUNTER)
    )
    assert counted == answered + 1  # every request so far, and this scrape
