"""The pipeline on a real Celery worker process, killed with SIGKILL in the
middle of a batch and restarted: every article ends processed exactly once,
with no duplicate incidents, sources or toll revisions."""

import os
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection

from incidents.demo_environment import DEMO_ENVIRONMENT
from incidents.models import Article, ArticleStatus, ExtractionCandidate, Incident, TollRevision
from incidents.tasks import process_article
from tests.ingest.conftest import LABELS, article_url

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


class SlowSite:
    """Each article takes a moment to download, like a slow news site, so the
    kill lands while the batch is still running."""

    def __init__(self, server, delay):
        handler = server.RequestHandlerClass
        original = handler.do_GET

        def slow_get(request_handler):
            if request_handler.path.startswith("/articles/"):
                time.sleep(delay)
            return original(request_handler)

        handler.do_GET = slow_get
        self.restore = lambda: setattr(handler, "do_GET", original)


def start_worker(queue: str) -> subprocess.Popen:
    db = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "conflictwatch.test_settings",
        "DATABASE_URL": f"postgis://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
        f"/{db['NAME']}",
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "CELERY_VISIBILITY_TIMEOUT": "3",
        # As the demo runs: incidents published, later figures accepted.
        **DEMO_ENVIRONMENT,
        "CELERY_QUEUE": queue,
    }
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "conflictwatch",
            "worker",
            "--concurrency=2",
            "--loglevel=WARNING",
            "--without-mingle",
            "--without-gossip",
            "-n",
            f"{queue}@%h",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def kill_hard(worker: subprocess.Popen) -> None:
    os.killpg(worker.pid, signal.SIGKILL)
    worker.wait(timeout=10)


def wait_for(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)  # polling for a state change, not waiting out a race
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def processed_count() -> int:
    return Article.objects.filter(status=ArticleStatus.PROCESSED).count()


@pytest.fixture
def queue():
    """A queue of this test's own; its Redis keys are removed afterwards."""
    name = f"cw-test-{uuid.uuid4().hex[:8]}"
    yield name
    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    client.delete(name, f"_kombu.binding.{name}", f"_kombu.binding_permanent.{name}")
    client.close()


def test_killed_worker_mid_batch_loses_and_duplicates_nothing(news_site, queue, demo_settings):
    slow = SlowSite(news_site, delay=0.3)
    articles = [Article.objects.create(url=article_url(news_site, slug)) for slug in LABELS]
    worker = start_worker(queue)
    try:
        for article in articles:
            process_article.apply_async(args=[article.pk], queue=queue)
        wait_for(lambda: processed_count() >= 3, 60, "the first articles")
        kill_hard(worker)
        done_before_kill = processed_count()
        assert done_before_kill < len(articles), "the kill must land mid-batch"

        worker = start_worker(queue)
        wait_for(lambda: processed_count() == len(articles), 120, "every article")
    finally:
        slow.restore()
        if worker.poll() is None:
            kill_hard(worker)

    assert set(Article.objects.values_list("status", flat=True)) == {ArticleStatus.PROCESSED}
    events = {i["event"] for label in LABELS.values() for i in label["incidents"]}
    assert Incident.objects.count() == len(events), "one incident per real-world event"
    assert ExtractionCandidate.objects.count() == len(
        set(ExtractionCandidate.objects.values_list("article", "sequence"))
    )
    claims = Counter(
        TollRevision.objects.values_list(
            "incident", "article", "killed", "wounded", "said_by", "reported_at"
        )
    )
    assert not [claim for claim, n in claims.items() if n > 1], "a figure recorded twice"
    convoy = Incident.objects.get(sources__article__url__contains="01-gao-ansongo")
    assert convoy.sources.count() == 2
    assert convoy.killed == 32
