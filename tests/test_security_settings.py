"""Production settings are HTTPS-only and pass Django's deployment checks.

The settings module is read in a process of its own with a production
environment (no DJANGO_DEBUG, a real secret key, a public host name): the
test suite's own settings turn the HTTPS redirect off for its plain-HTTP
servers."""

import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def production_env(**extra: str) -> dict[str, str]:
    return {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "conflictwatch.settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "conflictwatch.example.org",
        "DJANGO_BEHIND_TLS_PROXY": "true",
        **extra,
    }


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_is_clean_with_production_settings():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env())
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_catches_a_weakened_setting():
    """The check is the guard: switching HSTS off is reported."""
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        production_env(DJANGO_HSTS_SECONDS="0"),
    )
    assert result.returncode != 0
    assert "security.W004" in result.stderr


def test_production_defaults_are_https_only():
    script = (
        "from django.conf import settings as s; import django; django.setup(); "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.SECURE_PROXY_SSL_HEADER)"
    )
    result = run(["-c", script], production_env())
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[-2] == (
        "True 31536000 True True ('HTTP_X_FORWARDED_PROTO', 'https')"
    )
    # Without a proxy that sets the header, clients cannot claim HTTPS.
    env = production_env()
    del env["DJANGO_BEHIND_TLS_PROXY"]
    result = run(["-c", script], env)
    assert result.stdout.split("\n")[-2].endswith("None")


@pytest.fixture
def https_only(settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")


@pytest.mark.django_db
def test_plain_http_is_redirected_and_https_gets_hsts(client, https_only):
    response = client.get("/accounts/login/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/accounts/login/"

    response = client.get("/accounts/login/", headers={"X-Forwarded-Proto": "https"})
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")


@pytest.mark.django_db
def test_health_probes_over_plain_http_are_not_redirected(client, https_only):
    assert client.get("/healthz").status_code == 200
