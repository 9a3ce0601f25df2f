"""Issue 12, failure 1: a PostgreSQL restart while a worker is idle (or busy)
must not leave the worker failing on a dead connection, beat's feed polls
must keep running, and an article must still be processed or record why not."""

import pytest

from tests.ingest.conftest import article_url
from tests.reliability.conftest import article_state, insert_article, statuses
from tests.throwaway import wait_for

pytestmark = [pytest.mark.faults, pytest.mark.worker]


def processed(stack, article_id):
    return article_state(stack, article_id)[0] == "processed"


def test_idle_worker_processes_the_next_article_after_a_restart(stack, small_site):
    slugs = sorted(small_site.slugs)
    stack.worker()
    first = insert_article(stack, article_url(small_site, slugs[0]))
    stack.send("incidents.tasks.process_article", first)
    wait_for(lambda: processed(stack, first), 90, "the first article")

    stack.postgres.restart()  # the worker is idle; its connection is now dead

    second = insert_article(stack, article_url(small_site, slugs[1]))
    stack.send("incidents.tasks.process_article", second)
    wait_for(lambda: processed(stack, second), 30, "the article queued after the restart")
    assert article_state(stack, second) == ("processed", "")


def test_beat_keeps_polling_feeds_after_a_restart(stack, small_site):
    # Celery's own fix-up drops connections every CELERY_DB_REUSE_MAX tasks;
    # set far above what this test runs, so only our check can save the worker.
    stack.worker(CELERY_DB_REUSE_MAX="100000")
    stack.beat(INGEST_POLL_SECONDS="1")
    feed = stack.scalar(
        "INSERT INTO incidents_feed (url, title, language, active, poll_interval_minutes,"
        " etag, last_modified, last_error, created_at)"
        " VALUES (%s, 'site', '', true, 1, '', '', '', now()) RETURNING id",
        (small_site.base_url + "/feed.xml",),
    )

    def polled():
        return stack.scalar(
            "SELECT last_polled_at IS NOT NULL FROM incidents_feed WHERE id = %s", (feed,)
        )

    wait_for(polled, 60, "beat's first poll of the feed")
    # The poll's articles are processed; then the worker only runs beat's
    # ticks, which find no feed due: it is idle when the database restarts.
    wait_for(
        lambda: statuses(stack) == {"processed": len(small_site.slugs)}, 90, "the feed's articles"
    )
    stack.postgres.restart()
    stack.sql("UPDATE incidents_feed SET last_polled_at = NULL, etag = '' WHERE id = %s", (feed,))
    wait_for(polled, 30, "a poll after the restart")
    assert stack.scalar("SELECT last_error FROM incidents_feed WHERE id = %s", (feed,)) == ""
