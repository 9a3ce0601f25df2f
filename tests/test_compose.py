"""docker-compose.yml holds in production, checked as far as it can be without
a Docker engine: every service has a healthcheck and a restart policy, Redis
keeps its queue on disk, the database lives on a volume, migrations run once
before the app; the healthcheck commands themselves are run here against real
processes; .env.example lists every setting the code reads."""

import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone
from django_celery_beat.models import IntervalSchedule, PeriodicTask

ROOT = Path(__file__).resolve().parent.parent
COMPOSE_TEXT = (ROOT / "docker-compose.yml").read_text()
COMPOSE = yaml.safe_load(COMPOSE_TEXT)
SERVICES = COMPOSE["services"]
APP_SERVICES = ["web", "worker", "beat", "migrate"]
COMPOSE_ONLY = {"POSTGRES_PASSWORD", "WEB_PORT", "GUNICORN_WORKERS", "GUNICORN_THREADS"}
COMPOSE_ONLY |= {"PROMETHEUS_MULTIPROC_DIR"}  # read by gunicorn.conf.py and prometheus_client


def test_every_long_running_service_has_a_healthcheck_and_restarts():
    for name, service in SERVICES.items():
        if name == "migrate":
            assert service["restart"] == "no"
            continue
        assert service["restart"] == "unless-stopped", name
        assert service["healthcheck"]["test"], name
        assert service["healthcheck"]["retries"] >= 3, name


def test_state_lives_on_volumes_and_redis_appends_to_disk():
    assert "pgdata:/var/lib/postgresql/data" in SERVICES["postgis"]["volumes"]
    assert "redisdata:/data" in SERVICES["redis"]["volumes"]
    assert {"pgdata", "redisdata"} <= set(COMPOSE["volumes"])
    command = SERVICES["redis"]["command"]
    assert command[command.index("--appendonly") + 1] == "yes"


def test_migrations_run_once_before_the_app_starts():
    migrating = [
        name
        for name, service in SERVICES.items()
        if "migrate" in " ".join(service.get("command", []))
    ]
    assert migrating == ["migrate"]
    for name in ("web", "worker", "beat"):
        assert SERVICES[name]["depends_on"]["migrate"]["condition"] == (
            "service_completed_successfully"
        ), name
    assert "migrate" not in SERVICES["migrate"]["depends_on"]


def settings_reads() -> set[str]:
    """Every environment variable conflictwatch/settings.py reads, recorded
    while it is imported (django-environ's reads go through Env.get_value)."""
    script = (
        "import environ\n"
        "seen = []\n"
        "original = environ.Env.get_value\n"
        "def spy(self, var, *args, **kwargs):\n"
        "    seen.append(var)\n"
        "    return original(self, var, *args, **kwargs)\n"
        "environ.Env.get_value = spy\n"
        "import conflictwatch.settings\n"
        "print(' '.join(sorted(set(seen))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SECRET_KEY": "x" * 50,
            "DJANGO_BEHIND_TLS_PROXY": "true",
            "DJANGO_TRUSTED_PROXY_COUNT": "1",
        },
    )
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split())


def env_example() -> set[str]:
    text = (ROOT / ".env.example").read_text()
    return set(re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", text, re.M))


def test_env_example_lists_every_setting_the_code_reads():
    reads = settings_reads()
    assert {"DJANGO_SECRET_KEY", "DATABASE_URL", "HEALTHZ_TOKEN"} <= reads  # the spy works
    listed = env_example()
    assert reads - listed == set(), "add these to .env.example"
    assert listed - reads - COMPOSE_ONLY == set(), "nothing reads these"


def test_compose_interpolates_only_documented_variables():
    used = set(re.findall(r"(?<!\$)\$\{([A-Z][A-Z0-9_]*)", COMPOSE_TEXT))  # $$ is escaped
    assert used <= env_example() | COMPOSE_ONLY


def test_gunicorn_runs_threaded_workers():
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--print-config", *SERVICES["web"]["command"][1:]],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    config = {
        name.strip(): value.strip()
        for name, _, value in (line.partition(" = ") for line in result.stdout.splitlines())
    }
    assert config["worker_class"] == "gthread"
    assert int(config["threads"]) >= 4
    assert int(config["workers"]) >= 2


def shell_healthcheck(service: str, *, port: int, env: dict) -> subprocess.CompletedProcess:
    kind, command = SERVICES[service]["healthcheck"]["test"][:2]
    assert kind == "CMD-SHELL"
    command = command.replace("$$", "$").replace(":8000/", f":{port}/")
    return subprocess.run(
        ["sh", "-c", command], env=env, capture_output=True, text=True, timeout=60, cwd=ROOT
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url() -> str:
    db = connection.settings_dict
    return f"postgis://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def production_env(**extra: str) -> dict[str, str]:
    return {
        "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "conflictwatch.settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "conflictwatch.example.org,www.conflictwatch.example.org",
        "DJANGO_BEHIND_TLS_PROXY": "true",
        "DJANGO_MANIFEST_STATIC": "false",
        "DATABASE_URL": database_url(),
        "LOG_LEVEL": "WARNING",
        **extra,
    }


def start_web(env: dict, port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "conflictwatch.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return server
        time.sleep(0.2)
    os.killpg(server.pid, signal.SIGKILL)
    raise RuntimeError("gunicorn did not start")


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


@pytest.mark.django_db
def test_web_healthcheck_passes_on_production_settings_and_fails_without_redis():
    """The web healthcheck command, run as compose runs it, against gunicorn
    with production settings (HTTPS redirect on, a public host name)."""
    port = free_port()
    env = production_env()
    server = start_web(env, port)
    try:
        result = shell_healthcheck("web", port=port, env=env)
        assert result.returncode == 0, result.stderr
    finally:
        stop(server)

    dead = free_port()
    env = production_env(REDIS_URL=f"redis://127.0.0.1:{dead}/0")
    server = start_web(env, port)
    try:
        result = shell_healthcheck("web", port=port, env=env)
        assert result.returncode != 0
        assert "503" in result.stderr
    finally:
        stop(server)


@pytest.mark.worker
@pytest.mark.django_db
def test_worker_healthcheck_pings_the_running_worker_only():
    name = f"cwprobe-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "conflictwatch.test_settings",
        "DATABASE_URL": database_url(),
        "CELERY_QUEUE": name,
        "HOSTNAME": name,
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
    }
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "conflictwatch",
            "worker",
            "--pool",
            "solo",
            "--loglevel=WARNING",
            "--without-mingle",
            "--without-gossip",
            "--hostname",
            SERVICES["worker"]["command"][-1].replace("%h", name),
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            result = shell_healthcheck("worker", port=0, env=env)
            if result.returncode == 0 or time.monotonic() > deadline:
                break
        assert result.returncode == 0, result.stdout + result.stderr
    finally:
        stop(worker)
    assert shell_healthcheck("worker", port=0, env=env).returncode != 0


@pytest.mark.django_db
def test_beat_healthcheck_wants_a_recent_feed_poll():
    command = SERVICES["beat"]["healthcheck"]["test"]
    assert command[:4] == ["CMD", "python", "manage.py", "check_beat"]
    max_age = int(command[command.index("--max-age") + 1])

    with pytest.raises(CommandError, match="never sent"):
        call_command("check_beat", "--max-age", str(max_age))
    every_minute, _ = IntervalSchedule.objects.get_or_create(every=60, period="seconds")
    task = PeriodicTask.objects.create(
        name="poll-due-feeds",
        interval=every_minute,
        task="incidents.tasks.poll_due_feeds",
        last_run_at=timezone.now() - timedelta(seconds=90),
    )
    call_command("check_beat", "--max-age", str(max_age))
    task.last_run_at = timezone.now() - timedelta(seconds=max_age + 60)
    task.save()
    with pytest.raises(CommandError, match="s ago"):
        call_command("check_beat", "--max-age", str(max_age))
