"""The Prometheus endpoint (/metrics) and the JSON log lines."""

import json
import logging
import logging.config

import pytest

from incidents.models import Article, ArticleStatus

pytestmark = pytest.mark.django_db


def metric(text: str, name: str) -> float:
    for line in text.splitlines():
        head, _, value = line.rpartition(" ")
        if head == name:
            return float(value)
    raise AssertionError(f"{name} not in the metrics")


def test_metrics_count_articles_by_status_stuck_ones_and_requests(client, settings):
    settings.INGEST_STUCK_AFTER_SECONDS = 60
    Article.objects.create(url="https://news.example.org/a", status=ArticleStatus.FAILED)
    stuck = Article.objects.create(url="https://news.example.org/b")
    Article.objects.filter(pk=stuck.pk).update(created_at="2025-01-01T00:00:00Z")
    Article.objects.create(url="https://news.example.org/c")  # pending, but just stored

    client.get("/healthz")
    response = client.get("/metrics")
    assert response.status_code == 200
    text = response.content.decode()
    assert metric(text, 'conflictwatch_articles{status="failed"}') == 1
    assert metric(text, 'conflictwatch_articles{status="pending"}') == 2
    assert metric(text, "conflictwatch_articles_stuck") == 1
    assert metric(text, "conflictwatch_broker_up") == 1
    assert "conflictwatch_queue_depth " in text
    assert "django_http_requests_total_by_view_transport_method_total" in text


def test_metrics_need_the_token_when_one_is_set(client, settings):
    settings.METRICS_TOKEN = "scrape-secret"
    assert client.get("/metrics").status_code == 403
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer nope").status_code == 403
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer scrape-secret").status_code == 200


def test_metrics_refuse_other_hosts_without_a_token(client):
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.9").status_code == 403


def test_log_lines_are_json_objects_with_the_event_fields(settings, capsys):
    config = {**settings.LOGGING, "root": {"handlers": ["console"], "level": "INFO"}}
    config["handlers"] = {"console": {**config["handlers"]["console"], "formatter": "json"}}
    logging.config.dictConfig(config)
    try:
        logging.getLogger("incidents.tasks").warning(
            "article failed", extra={"article": 7, "error": "HTTP 404"}
        )
    finally:
        logging.config.dictConfig(settings.LOGGING)
    line = capsys.readouterr().err.strip().splitlines()[-1]
    record = json.loads(line)
    assert record["message"] == "article failed"
    assert record["level"] == "WARNING" and record["logger"] == "incidents.tasks"
    assert record["article"] == 7 and record["error"] == "HTTP 404"
    assert "time" in record
