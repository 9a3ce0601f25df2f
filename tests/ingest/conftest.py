"""The outside world for ingestion tests: the sample corpus served as a news
site with an RSS feed by a real HTTP server on 127.0.0.1."""

import pytest

from incidents.demo_corpus import CorpusServer, load_labels
from incidents.demo_environment import apply_to

LABELS = {item["slug"]: item for item in load_labels()}


@pytest.fixture
def news_site():
    server = CorpusServer(("127.0.0.1", 0))
    server.start_in_thread()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def demo_settings(settings):
    """The settings the demo runs with (incidents.demo_environment):
    incidents published without review, later figures accepted on arrival."""
    apply_to(settings)
    return settings


@pytest.fixture
def loopback_allowed(settings):
    settings.FETCH_ALLOW_LOOPBACK = True
    return settings


def article_url(server, slug):
    return f"{server.base_url}/articles/{slug}.html"
