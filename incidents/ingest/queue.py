"""What counts as "the queue is unreachable" when publishing a task, and
what we do about it: log it and count it. The article itself is already
stored as pending, so the sweeper (incidents.tasks.requeue_stuck_articles)
queues it once the broker is back."""

from __future__ import annotations

import logging

import kombu.exceptions
import redis

logger = logging.getLogger(__name__)

BROKER_ERRORS = (
    kombu.exceptions.OperationalError,
    redis.ConnectionError,
    redis.TimeoutError,
    ConnectionError,
    TimeoutError,
)


def publish_failed(article_id: int, exc: BaseException) -> None:
    from incidents.metrics import QUEUE_PUBLISH_FAILURES

    QUEUE_PUBLISH_FAILURES.inc()
    logger.warning(
        "queue unreachable; the sweeper will queue the article later",
        extra={"article": article_id, "error": str(exc)},
    )
