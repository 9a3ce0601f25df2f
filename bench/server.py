"""Running the app under gunicorn for a benchmark, as docker-compose runs it
(./gunicorn.conf.py's workers, threads and hooks), on a free loopback port."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(
    port: int,
    env: dict,
    workers: int = 3,
    extra: list[str] | tuple[str, ...] = (),
    startup_seconds: float = 30,
) -> subprocess.Popen:
    """Start gunicorn and wait until it answers /healthz; ``extra`` options
    (e.g. ``--worker-class sync``) override gunicorn.conf.py."""
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "conflictwatch.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--timeout",
            "60",
            *extra,
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + startup_seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
            return server
        except urllib.error.HTTPError:
            return server  # answering (503 if Redis is down is fine for a benchmark)
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("gunicorn did not start: " + server.stderr.read().decode()[-2000:])


def stop(server: subprocess.Popen, timeout: float = 30) -> None:
    """Stop gunicorn: a graceful stop, killed if its workers are still busy
    after ``timeout`` seconds (a loaded machine finishing long responses)."""
    server.terminate()
    try:
        server.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=10)


def analyst_session() -> str:
    """A signed-in analyst's session id (Django must be set up on the
    benchmark's database): the dashboard's data is for signed-in users."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import Client

    user, _ = get_user_model().objects.get_or_create(username="bench-analyst")
    user.groups.set([Group.objects.get(name="Analysts")])
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def signed_in_page(browser, base: str, session: str):
    """A desktop-sized Chromium page (and its context, to close) signed in with
    ``session``, that may load nothing but ``base``: no tiles, no CDN."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.add_cookies([{"name": "sessionid", "value": session, "url": base}])
    page = context.new_page()
    page.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith(base) else route.abort(),
    )
    return context, page


def production_env(database_url: str, static_name: str) -> dict[str, str]:
    """The environment a benchmark's server runs with: production settings
    except HTTPS (the benchmark speaks plain HTTP to loopback)."""
    import os
    import tempfile

    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "false",
        "DJANGO_SSL_REDIRECT": "false",
        "DJANGO_SECURE_COOKIES": "false",
        "DJANGO_SECRET_KEY": "bench-only-secret-key",
        "DJANGO_MANIFEST_STATIC": "false",
        "DJANGO_STATIC_ROOT": str(Path(tempfile.gettempdir()) / static_name),
        "LOG_LEVEL": "WARNING",
    }
