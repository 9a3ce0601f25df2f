"""/healthz reports the database and Redis honestly."""

import socket

import pytest

pytestmark = pytest.mark.django_db


def test_healthz_ok_with_database_and_redis(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["ok"] is True
    assert body["checks"]["database"]["detail"].startswith("postgis")
    assert body["checks"]["redis"]["ok"] is True


def test_healthz_503_names_redis_when_unreachable(client, settings):
    # A port nobody listens on: bind one, note it, close it.
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{port}/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["ok"] is False
    assert body["checks"]["redis"]["ok"] is False
    assert "Connection" in body["checks"]["redis"]["detail"]
    assert body["checks"]["database"]["ok"] is True
