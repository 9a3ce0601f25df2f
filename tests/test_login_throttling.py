"""Sign-in throttling (django-axes) on both login pages: after too many wrong
passwords for one username from one address, even the right password is
refused for a while, with a page that says so; other addresses and other
users are not affected, and the block ends by itself."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.utils import timezone

pytestmark = pytest.mark.django_db

LOGIN_PAGES = ["/accounts/login/", "/admin/login/"]
ATTACKER = "203.0.113.7"
COLLEAGUE = "203.0.113.99"
PASSWORD = "correct horse battery staple"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user("editor", password=PASSWORD, is_staff=True)


def sign_in(client, url, username, password, address):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("url", LOGIN_PAGES)
def test_thirty_wrong_passwords_then_the_right_one_is_refused(client, editor, url):
    for _ in range(30):
        sign_in(client, url, "editor", "guess", ATTACKER)
    response = sign_in(client, url, "editor", PASSWORD, ATTACKER)
    assert response.status_code == 429
    text = response.content.decode()
    assert "Too many sign-in attempts" in text
    assert "15 minutes" in text
    assert not signed_in(client)


@pytest.mark.parametrize("url", LOGIN_PAGES)
def test_lockout_is_per_username_and_address(client, editor, django_user_model, settings, url):
    django_user_model.objects.create_user("analyst", password=PASSWORD, is_staff=True)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, url, "editor", "guess", ATTACKER)

    assert sign_in(client, url, "editor", PASSWORD, COLLEAGUE).status_code == 302
    assert signed_in(client)
    client.logout()
    assert sign_in(client, url, "analyst", PASSWORD, ATTACKER).status_code == 302
    assert signed_in(client)


@pytest.mark.parametrize("url", LOGIN_PAGES)
def test_block_ends_after_the_cool_off(client, editor, settings, url):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, url, "editor", "guess", ATTACKER)
    assert sign_in(client, url, "editor", PASSWORD, ATTACKER).status_code == 429

    # The wait passes: the recorded attempts age beyond the cool-off time.
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1)
    )
    assert sign_in(client, url, "editor", PASSWORD, ATTACKER).status_code == 302
    assert signed_in(client)


def test_a_few_mistakes_do_not_lock_anyone_out(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "/accounts/login/", "editor", "guess", ATTACKER).status_code == 200
    assert sign_in(client, "/accounts/login/", "editor", PASSWORD, ATTACKER).status_code == 302


def test_purge_keeps_live_lockouts_and_recent_logs_and_deletes_the_rest(client, editor, settings):
    from axes.models import AccessLog

    from incidents.tasks import purge_login_records

    settings.LOGIN_RECORD_RETENTION_DAYS = 30
    url = LOGIN_PAGES[0]
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, url, "editor", "guess", ATTACKER)  # a live lockout
    over = AccessAttempt.objects.create(
        username="other", ip_address=COLLEAGUE, failures_since_start=3, get_data="", post_data=""
    )
    recent, old = (AccessLog.objects.create(username=n, ip_address=COLLEAGUE) for n in "ab")
    now = timezone.now()
    AccessAttempt.objects.filter(pk=over.pk).update(
        attempt_time=now - settings.AXES_COOLOFF_TIME - timedelta(minutes=1)
    )
    AccessLog.objects.filter(pk=old.pk).update(attempt_time=now - timedelta(days=31))

    assert purge_login_records() == {"attempts": 1, "logs": 1, "failure_logs": 0}

    assert list(AccessLog.objects.all()) == [recent]
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["editor"]
    # the live lockout still holds after the purge
    assert sign_in(client, url, "editor", PASSWORD, ATTACKER).status_code == 429
