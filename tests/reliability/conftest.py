"""Fault scenarios against services of their own (tests/throwaway.py): a
PostgreSQL cluster and a Redis started for the test, restarted or wiped by
it, and removed after. The machine's shared PostgreSQL and Redis are never
touched."""

from __future__ import annotations

import pytest
from django.db import connection

from incidents.demo_corpus import CorpusServer, load_labels
from tests.throwaway import Stack

pytestmark = pytest.mark.faults


def test_database_url() -> str:
    db = connection.settings_dict
    return (
        f"postgresql://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )


@pytest.fixture
def stack(transactional_db):
    """A throwaway cluster holding a copy of the test database (schema and
    reference data) and a throwaway Redis; workers are started by the test."""
    with Stack(copy_of=test_database_url()) as services:
        yield services


@pytest.fixture
def small_site():
    """Three articles of the sample corpus served over HTTP/1.1 with a feed."""
    items = [item for item in load_labels() if item["kind"] == "incident"][:3]
    server = CorpusServer(("127.0.0.1", 0), items=items)
    server.start_in_thread()
    yield server
    server.shutdown()
    server.server_close()


def insert_article(stack: Stack, url: str, *, age_seconds: int = 0) -> int:
    """A pending article as a feed poll stores it, written straight into the
    throwaway database."""
    return stack.scalar(
        "INSERT INTO incidents_article (url, outlet, title, language, text, status, error,"
        " attempts, created_at) VALUES (%s, '', '', '', '', 'pending', '', 0,"
        " now() - make_interval(secs => %s)) RETURNING id",
        (url, age_seconds),
    )


def article_state(stack: Stack, article_id: int) -> tuple[str, str]:
    return tuple(
        stack.sql("SELECT status, error FROM incidents_article WHERE id = %s", (article_id,))[0]
    )


def statuses(stack: Stack) -> dict[str, int]:
    return dict(stack.sql("SELECT status, count(*) FROM incidents_article GROUP BY status"))
