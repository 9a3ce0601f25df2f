"""API keys, roles and per-key throttling (counted in the real Redis cache)."""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from incidents.models import Article
from partners.models import PartnerAPIKey
from tests.api.conftest import KeyClient, make_key
from tests.factories import PublishedIncidentFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/incidents/"


def test_key_is_stored_hashed(partner_key):
    api_key, secret = partner_key
    stored = PartnerAPIKey.objects.get(pk=api_key.pk)
    assert secret.split(".")[1] not in stored.hashed_key
    assert secret not in stored.pk


def test_revoked_key_is_refused(partner_key, django_capture_on_commit_callbacks):
    api_key, secret = partner_key
    client = KeyClient(secret)
    assert client.get(URL).status_code == 200  # the key is now cached
    with django_capture_on_commit_callbacks(execute=True):
        api_key.revoked = True
        api_key.save()
    response = client.get(URL)
    assert response.status_code == 401
    assert "revoked" in response.json()["detail"]


def test_expired_key_and_suspended_partner_are_refused(
    partner_key, django_capture_on_commit_callbacks
):
    api_key, secret = partner_key
    assert KeyClient(secret).get(URL).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        api_key.expiry_date = timezone.now() - timedelta(days=1)
        api_key.save()
    assert "expired" in KeyClient(secret).get(URL).json()["detail"]
    other, other_secret = make_key(name="Suspended NGO")
    assert KeyClient(other_secret).get(URL).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        other.partner.active = False
        other.partner.save()
    assert KeyClient(other_secret).get(URL).status_code == 401


def test_key_is_looked_up_in_the_cache_not_the_database(partner_key, django_assert_num_queries):
    api_key, secret = partner_key
    client = KeyClient(secret)
    client.get(URL)
    with django_assert_num_queries(0):
        from partners.lookup import key_by_prefix

        assert key_by_prefix(api_key.prefix).pk == api_key.pk


@pytest.mark.django_db(transaction=True)
def test_copy_cached_by_a_request_racing_a_revocation_is_never_used():
    """A request that read the key just before it was revoked stores its
    copy just after: that copy carries the old generation and is ignored."""
    from django.core.cache import cache

    from partners.lookup import key_by_prefix

    api_key, secret = make_key(name="Racing partner")
    before = key_by_prefix(api_key.prefix)  # read while still valid
    revoked = PartnerAPIKey.objects.get(pk=api_key.pk)
    revoked.revoked = True
    revoked.save()  # committed at once: the generation moves on
    cache.set(f"partner-key:{api_key.prefix}", (before.cache_generation, before), 300)
    assert key_by_prefix(api_key.prefix).revoked
    assert KeyClient(secret).get(URL).status_code == 401


def test_wrong_secret_with_a_real_prefix_is_refused(partner_key):
    api_key, secret = partner_key
    response = KeyClient(f"{api_key.prefix}.wrongsecret").get(URL)
    assert response.status_code == 401
    assert response.json()["code"] == "invalid_key"


def test_partner_cannot_write(partner):
    response = partner.post(
        "/api/v1/articles/", {"url": "https://news.example.org/a"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert not Article.objects.exists()
    assert partner.post(URL, {}, content_type="application/json").status_code in (403, 405)


def test_trusted_partner_submits_a_url_and_follows_its_status(trusted_partner):
    response = trusted_partner.post(
        "/api/v1/articles/",
        {"url": "HTTPS://News.Example.org/2025/02/gao#top"},
        content_type="application/json",
    )
    assert response.status_code == 202, response.content
    body = response.json()
    assert body["status"] == "pending" and body["created"] is True
    assert body["url"] == "https://news.example.org/2025/02/gao"
    status = trusted_partner.get(body["status_url"])
    assert status.status_code == 200 and status.json()["id"] == body["id"]
    again = trusted_partner.post(
        "/api/v1/articles/",
        {"url": "https://news.example.org/2025/02/gao"},
        content_type="application/json",
    )
    assert again.status_code == 200 and again.json()["id"] == body["id"]
    assert Article.objects.count() == 1


def test_submission_needs_url_or_text_and_refuses_other_schemes(trusted_partner):
    empty = trusted_partner.post("/api/v1/articles/", {}, content_type="application/json")
    assert empty.status_code == 400 and "url" in empty.json()["errors"]
    ftp = trusted_partner.post(
        "/api/v1/articles/", {"url": "ftp://example.org/x"}, content_type="application/json"
    )
    assert ftp.status_code == 400 and "url" in ftp.json()["errors"]


def test_editor_submits_pasted_text(editor_client):
    text = "Des hommes armés ont attaqué un convoi entre Gao et Ansongo, au moins 32 morts."
    response = editor_client.post(
        "/api/v1/articles/", {"text": text, "language": "fr"}, content_type="application/json"
    )
    assert response.status_code == 202, response.content
    article = Article.objects.get(pk=response.json()["id"])
    assert article.text == text and article.content_hash


def test_analyst_session_reads_but_cannot_submit(analyst_client):
    PublishedIncidentFactory()
    assert analyst_client.get(URL).status_code == 200
    response = analyst_client.post(
        "/api/v1/articles/", {"url": "https://news.example.org/b"}, content_type="application/json"
    )
    assert response.status_code == 403


def test_signed_in_user_without_view_permission_is_refused(client, django_user_model):
    nobody = django_user_model.objects.create_user("nobody", password="pw-for-tests-only")
    client.force_login(nobody)
    assert client.get(URL).status_code == 403


def test_key_over_its_rate_gets_429_with_retry_after():
    _, secret = make_key(name="Busy partner", rate=3)
    client = KeyClient(secret)
    codes = [client.get(URL).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    response = client.get(URL)
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert response.json()["code"] == "throttled"
    assert response.json()["retry_after"] == int(response["Retry-After"])
    # Another partner's key has its own budget.
    _, other = make_key(name="Quiet partner", rate=3)
    assert KeyClient(other).get(URL).status_code == 200


def test_throttle_counts_live_in_redis():
    import redis
    from django.conf import settings

    from incidents.api.throttles import redis_key

    api_key, secret = make_key(name="Counted partner", rate=5)
    KeyClient(secret).get(URL)
    KeyClient(secret).get(URL)
    server = redis.Redis.from_url(settings.CACHES["default"]["LOCATION"])
    assert server.zcard(redis_key(f"key:{api_key.prefix}")) == 2
    assert 0 < server.pttl(redis_key(f"key:{api_key.prefix}")) <= 60_000


def test_concurrent_requests_never_exceed_the_limit():
    """Forty requests at once against a budget of ten: exactly ten get in, on
    the real Redis (a read-then-write counter lets more through)."""
    from concurrent.futures import ThreadPoolExecutor
    from threading import Barrier

    from incidents.api.throttles import hit

    name = f"concurrency-{uuid.uuid4().hex}"
    start = Barrier(40)

    def one(_):
        start.wait()
        return hit(name, limit=10, seconds=60)

    with ThreadPoolExecutor(40) as pool:
        decisions = list(pool.map(one, range(40)))
    assert sum(d.allowed for d in decisions) == 10
    refused = [d for d in decisions if not d.allowed]
    assert all(0 < d.wait_seconds <= 60 for d in refused)


def test_signed_in_user_is_throttled_at_the_user_rate(analyst, analyst_client, settings):
    import redis

    from incidents.api.throttles import redis_key

    # User ids restart with each test database; forget an earlier run's count.
    server = redis.Redis.from_url(settings.CACHES["default"]["LOCATION"])
    server.delete(redis_key(f"user:{analyst.pk}"))
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"user": "2/min"},
    }
    codes = [analyst_client.get(URL).status_code for _ in range(3)]
    assert codes == [200, 200, 429]


def test_browsable_api_renders_for_signed_in_user(editor_client):
    PublishedIncidentFactory()
    response = editor_client.get(URL, HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert b"Incident" in response.content and b"<html" in response.content
