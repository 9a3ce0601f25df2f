"""/healthz reports the database and Redis honestly, and tells the details
only to staff and to holders of the health token."""

import socket

import pytest

pytestmark = pytest.mark.django_db

TOKEN = "monitoring-token-for-tests"


@pytest.fixture
def redis_down(settings):
    # A port nobody listens on: bind one, note it, close it.
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{port}/0"


def test_healthz_ok_with_database_and_redis(client, settings):
    settings.HEALTHZ_TOKEN = TOKEN
    response = client.get("/healthz", headers={"X-Health-Token": TOKEN})
    assert response.status_code == 200
    body = response.json()
    assert body["ok"] is True
    assert body["checks"]["database"]["detail"].startswith("postgis")
    assert body["checks"]["redis"]["ok"] is True


def test_healthz_503_names_redis_when_unreachable(client, settings, redis_down):
    settings.HEALTHZ_TOKEN = TOKEN
    response = client.get("/healthz", headers={"X-Health-Token": TOKEN})
    assert response.status_code == 503
    body = response.json()
    assert body["ok"] is False
    assert body["checks"]["redis"]["ok"] is False
    assert "Connection" in body["checks"]["redis"]["detail"]
    assert body["checks"]["database"]["ok"] is True


@pytest.mark.parametrize("headers", [{}, {"X-Health-Token": "wrong"}, {"X-Health-Token": ""}])
def test_public_healthz_says_only_ok_or_fail(client, settings, redis_down, headers):
    settings.HEALTHZ_TOKEN = TOKEN
    response = client.get("/healthz", headers=headers)
    assert response.status_code == 503
    assert response.json() == {"ok": False}
    assert b"postgis" not in response.content and b"Connection" not in response.content


def test_no_token_configured_means_no_details_for_anyone_anonymous(client, settings):
    settings.HEALTHZ_TOKEN = ""
    response = client.get("/healthz", headers={"X-Health-Token": ""})
    assert response.json() == {"ok": True}


def test_staff_see_the_details(client, django_user_model):
    staff = django_user_model.objects.create_user("ops", password="x", is_staff=True)
    client.force_login(staff)
    assert "checks" in client.get("/healthz").json()
    analyst = django_user_model.objects.create_user("analyst", password="x")
    client.force_login(analyst)
    assert client.get("/healthz").json() == {"ok": True}
