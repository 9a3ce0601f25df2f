"""What can be checked of the production set-up without a Docker engine:
docker-compose.yml is well-formed, configures the app only through variables
that settings.py reads, and runs commands that exist."""

import importlib
import re
import subprocess
import sys
from pathlib import Path

import yaml
from django.core.management import get_commands

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SETTINGS_TEXT = (ROOT / "conflictwatch" / "settings.py").read_text()
APP_SERVICES = ["web", "worker", "beat", "migrate"]


def test_compose_has_the_production_services():
    assert {"postgis", "redis", "web", "worker", "beat"} <= set(COMPOSE["services"])
    assert COMPOSE["services"]["postgis"]["image"].startswith("postgis/postgis:15")


def test_app_services_use_only_variables_settings_reads():
    read_by_settings = set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z_]+)"', SETTINGS_TEXT))
    for name in APP_SERVICES:
        environment = COMPOSE["services"][name]["environment"]
        unknown = set(environment) - read_by_settings
        assert not unknown, f"{name} sets variables settings.py never reads: {unknown}"
    assert "DJANGO_SECRET_KEY" in COMPOSE["services"]["web"]["environment"]


def test_app_commands_exist():
    web = COMPOSE["services"]["web"]["command"]
    assert web[0] == "gunicorn"
    module, attribute = web[1].split(":") if ":" in web[1] else (web[1], "application")
    assert callable(getattr(importlib.import_module(module), attribute))

    for name in ("worker", "beat"):
        command = COMPOSE["services"][name]["command"]
        assert command[:3] == ["celery", "-A", "conflictwatch"]
    assert importlib.import_module("conflictwatch").celery_app.main == "conflictwatch"

    migrate = " ".join(COMPOSE["services"]["migrate"]["command"])
    for command in re.findall(r"manage\.py (\w+)", migrate):
        assert command in get_commands(), command


def test_gunicorn_accepts_the_web_command():
    web = COMPOSE["services"]["web"]["command"]
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--check-config", *web[1:]],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


def test_gunicorn_picks_up_the_garbage_collection_hooks():
    """The web command runs from the project folder, where gunicorn finds
    gunicorn.conf.py by itself (the Dockerfile copies it to /app)."""
    web = COMPOSE["services"]["web"]["command"]
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--print-config", *web[1:]],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    settings = {
        name.strip(): value.strip()
        for name, _, value in (line.partition(" = ") for line in result.stdout.splitlines())
    }
    assert settings["config"] == "./gunicorn.conf.py"
    assert settings["post_request"] == "<post_request()>"
    assert settings["post_worker_init"] == "<post_worker_init()>"
    assert "WORKDIR /app" in (ROOT / "Dockerfile").read_text()


def test_production_refuses_to_start_without_secret_key():
    result = subprocess.run(
        [sys.executable, "-c", "import conflictwatch.settings"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "DJANGO_DEBUG": "false"},
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


def test_image_builds_front_end_translations_and_static_files():
    dockerfile = (ROOT / "Dockerfile").read_text()
    for step in ("npm ci", "npm run build", "compilemessages", "collectstatic"):
        assert step in dockerfile, step
    assert "package-lock.json" in dockerfile


def test_every_install_path_uses_the_hash_checked_lock():
    """The image installs production's lock, the scripts the dev lock; each
    with --require-hashes, then the project itself without resolving."""
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "pip install --require-hashes -r requirements.lock" in dockerfile
    assert "pip install --no-deps ." in dockerfile
    assert "COPY requirements.lock" in dockerfile
    lib = (ROOT / "scripts" / "lib.sh").read_text()
    assert "pip install -q --require-hashes -r requirements-dev.lock" in lib
    assert "pip install -q --no-deps -e ." in lib
    installs = re.findall(r"pip install [^\n]*", dockerfile + lib)
    assert all("--require-hashes" in line or "--no-deps" in line for line in installs), installs
