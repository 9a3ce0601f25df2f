"""Throwaway services for fault scenarios: a PostgreSQL cluster of our own
(pg_createcluster on a free port), a Redis server of our own, and Celery
worker and beat processes pointed at them.

Fault tests restart, kill and wipe these, never the machine's own PostgreSQL
(5432) or Redis (6379), which other people's tests are using at the same
moment. Used by tests/reliability/ and bench/faults.py; everything started
here is stopped and removed by ``close()`` (or the context manager).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
PG_VERSION = os.environ.get("THROWAWAY_PG_VERSION", "15")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(condition, timeout: float, what: str, interval: float = 0.1):
    """Poll ``condition`` until it returns something truthy (a state change we
    are waiting for, not a sleep hiding a race)."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(interval)


def _run(*args: str) -> None:
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


class ThrowawayPostgres:
    """A PostgreSQL cluster with trust authentication on 127.0.0.1:<port>."""

    def __init__(self, prefix: str = "cwfault"):
        self.name = f"{prefix}{uuid.uuid4().hex[:8]}"
        self.port = free_port()
        self._create()
        self.start()

    def _create(self) -> None:
        self._create_cluster()

    def _create_cluster(self, *settings: str) -> None:
        # fsync off: the data is thrown away, and clean restarts lose nothing.
        options = [
            arg
            for setting in ("fsync=off", "max_connections=200", *settings)
            for arg in ("-o", setting)
        ]
        _run(
            "pg_createcluster",
            PG_VERSION,
            self.name,
            "--port",
            str(self.port),
            *options,
            "--",
            "--auth-host=trust",
            "--auth-local=trust",
        )

    def url(self, database: str) -> str:
        return f"postgis://postgres@127.0.0.1:{self.port}/{database}"

    def connect(self, database: str = "postgres") -> psycopg.Connection:
        return psycopg.connect(
            host="127.0.0.1", port=self.port, user="postgres", dbname=database, autocommit=True
        )

    def is_up(self) -> bool:
        try:
            with self.connect():
                return True
        except psycopg.OperationalError:
            return False

    def start(self) -> None:
        _run("pg_ctlcluster", "--skip-systemctl-redirect", PG_VERSION, self.name, "start")
        wait_for(self.is_up, 30, f"cluster {self.name} to accept connections")

    def stop(self, mode: str = "fast") -> None:
        _run(
            "pg_ctlcluster", "--skip-systemctl-redirect", PG_VERSION, self.name, "stop", "-m", mode
        )

    def restart(self, mode: str = "fast") -> None:
        """Every open connection to the cluster dies, as in a real restart."""
        self.stop(mode)
        self.start()

    def create_database(self, database: str, *, copy_of: str | None = None) -> str:
        """Create ``database`` with PostGIS and return its URL. ``copy_of``
        (a libpq URL) is dumped into it, schema and rows; otherwise it is
        migrated and given the reference data by manage.py."""
        with self.connect() as conn:
            conn.execute(f'CREATE DATABASE "{database}"')
        with self.connect(database) as conn:
            conn.execute("CREATE EXTENSION IF NOT EXISTS postgis")
        if copy_of:
            dump = subprocess.Popen(
                ["pg_dump", "--no-owner", "-Fc", copy_of], stdout=subprocess.PIPE
            )
            subprocess.run(
                [
                    "pg_restore",
                    "--no-owner",
                    "-h",
                    "127.0.0.1",
                    "-p",
                    str(self.port),
                    "-U",
                    "postgres",
                    "-d",
                    database,
                ],
                stdin=dump.stdout,
                check=False,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            if dump.wait() != 0:
                raise RuntimeError(f"pg_dump of {copy_of} failed")
        else:
            env = {**os.environ, "DATABASE_URL": self.url(database)}
            for command in (["migrate", "--no-input", "-v", "0"], ["load_reference_data"]):
                subprocess.run(
                    [sys.executable, "manage.py", *command],
                    cwd=ROOT,
                    env=env,
                    check=True,
                    stdout=subprocess.DEVNULL,
                )
        return self.url(database)

    def query(self, database: str, sql: str, params=()) -> list[tuple]:
        with self.connect(database) as conn:
            cursor = conn.execute(sql, params)
            return cursor.fetchall() if cursor.description else []

    def drop(self) -> None:
        subprocess.run(
            ["pg_dropcluster", "--stop", PG_VERSION, self.name],
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )


class ThrowawayReplica(ThrowawayPostgres):
    """A hot-standby streaming replica of ``primary``: a cluster of its own
    whose data directory is a ``pg_basebackup`` of the primary, following its
    WAL over a replication connection, as a production replica does."""

    def __init__(self, primary: ThrowawayPostgres):
        self.primary = primary
        super().__init__(prefix="cwreplica")

    def _create(self) -> None:
        self._create_cluster("hot_standby=on")
        data = Path(f"/var/lib/postgresql/{PG_VERSION}/{self.name}")
        for entry in data.iterdir():
            _run("rm", "-rf", str(entry))
        as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        _run(
            *as_owner,
            "pg_basebackup",
            "-h",
            "127.0.0.1",
            "-p",
            str(self.primary.port),
            "-U",
            "postgres",
            "-D",
            str(data),
            "-R",  # standby.signal + primary_conninfo: start as a streaming standby
            "-c",  # checkpoint now, instead of waiting out a spread one (minutes)
            "fast",
            "-X",
            "stream",
        )

    def caught_up(self) -> bool:
        """Whether the replica has replayed everything the primary has written."""
        with self.primary.connect() as conn:
            (written,) = conn.execute("SELECT pg_current_wal_lsn()").fetchone()
        with self.connect() as conn:
            (behind,) = conn.execute(
                "SELECT pg_wal_lsn_diff(%s::pg_lsn, pg_last_wal_replay_lsn())", [written]
            ).fetchone()
        return behind <= 0

    def pause_replay(self) -> None:
        """Stop applying the primary's changes (they keep arriving): from now on
        the replica shows the data as it was, which tells its reads apart."""
        with self.connect() as conn:
            conn.execute("SELECT pg_wal_replay_pause()")

    def resume_replay(self) -> None:
        with self.connect() as conn:
            conn.execute("SELECT pg_wal_replay_resume()")


class ThrowawayRedis:
    """A redis-server on a free port, without persistence: a restart empties
    it, like a Redis whose disk was lost."""

    def __init__(self):
        self.port = free_port()
        self.dir = tempfile.mkdtemp(prefix="cw-redis-")
        self.process: subprocess.Popen | None = None
        self.start()

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self):
        import redis

        return redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=5)

    def is_up(self) -> bool:
        import redis

        try:
            return bool(self.client().ping())
        except redis.ConnectionError:
            return False

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                self.dir,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        wait_for(self.is_up, 20, f"redis on port {self.port}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None

    def restart(self) -> None:
        """Everything in it (queued messages, caches, counters) is lost."""
        self.stop()
        self.start()


class CeleryProcess:
    """``celery worker`` (or ``beat``) of this project, with its own settings."""

    def __init__(
        self,
        kind: str,
        env: dict[str, str],
        *,
        concurrency: int = 1,
        queue: str = "celery",
        log: Path | None = None,
    ):
        self.kind = kind
        args = [sys.executable, "-m", "celery", "-A", "conflictwatch", kind, "--loglevel=WARNING"]
        if kind == "worker":
            args += [
                f"--concurrency={concurrency}",
                "--without-mingle",
                "--without-gossip",
                "-Q",
                queue,
                "-n",
                f"{queue}-{uuid.uuid4().hex[:6]}@%h",
            ]
        else:
            self.schedule_dir = tempfile.mkdtemp(prefix="cw-beat-")
            args += ["--schedule", os.path.join(self.schedule_dir, "schedule")]
        self.log = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115
        self.process = subprocess.Popen(
            args,
            cwd=ROOT,
            env={**os.environ, **env},
            start_new_session=True,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    @property
    def pid(self) -> int:
        return self.process.pid

    def kill(self, sig: int = signal.SIGKILL) -> None:
        """Kill the whole process group (main process and pool children)."""
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, sig)
            except ProcessLookupError:
                pass
            self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
        if self.log is not subprocess.DEVNULL:
            self.log.close()


class _Process(CeleryProcess):
    """Any process of ours, stopped like a Celery one."""

    def __init__(self, process: subprocess.Popen):
        self.kind, self.process, self.log = "process", process, subprocess.DEVNULL


class Stack:
    """A throwaway PostgreSQL cluster with one database, a throwaway Redis,
    and the workers started on them. ``settings_env`` is the environment a
    Celery process (or manage.py) of this project needs to use them."""

    def __init__(self, *, copy_of: str | None = None, extra_env: dict[str, str] | None = None):
        self.postgres = ThrowawayPostgres()
        self.redis = None
        self.processes: list[CeleryProcess] = []
        try:
            self.database = "conflictwatch"
            self.database_url = self.postgres.create_database(self.database, copy_of=copy_of)
            self.redis = ThrowawayRedis()
        except BaseException:
            self.close()
            raise
        self.queue = f"cw-fault-{uuid.uuid4().hex[:6]}"
        self.settings_env = {
            "DJANGO_SETTINGS_MODULE": "conflictwatch.test_settings",
            "DATABASE_URL": self.database_url,
            "REDIS_URL": self.redis.url,
            "CELERY_BROKER_URL": self.redis.url,
            "CELERY_RESULT_BACKEND": self.redis.url,
            "CACHE_URL": self.redis.url,
            "CELERY_QUEUE": self.queue,
            "FETCH_ALLOW_LOOPBACK": "true",
            **(extra_env or {}),
        }

    def __enter__(self) -> Stack:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def sql(self, query: str, params=()) -> list[tuple]:
        return self.postgres.query(self.database, query, params)

    def scalar(self, query: str, params=()):
        rows = self.sql(query, params)
        return rows[0][0] if rows else None

    def worker(self, *, concurrency: int = 1, log: Path | None = None, **env: str) -> CeleryProcess:
        process = CeleryProcess(
            "worker",
            {**self.settings_env, **env},
            concurrency=concurrency,
            queue=self.queue,
            log=log,
        )
        self.processes.append(process)
        return process

    def beat(self, *, log: Path | None = None, **env: str) -> CeleryProcess:
        process = CeleryProcess("beat", {**self.settings_env, **env}, log=log)
        self.processes.append(process)
        return process

    def web(self, **env: str) -> str:
        """Start the web app (gunicorn, as in production) on a free port;
        returns its base URL once it answers."""
        import urllib.error
        import urllib.request

        port = free_port()
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "conflictwatch.wsgi",
                "-b",
                f"127.0.0.1:{port}",
                "-w",
                "1",
                "--threads",
                "4",
                "--timeout",
                "60",
            ],
            cwd=ROOT,
            env={**os.environ, **self.settings_env, **env},
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.processes.append(_Process(process))
        base = f"http://127.0.0.1:{port}"

        def answers():
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2)
            except urllib.error.HTTPError:
                return True
            except OSError:
                return False
            return True

        wait_for(answers, 60, "the web server")
        return base

    def send(self, task: str, *args) -> None:
        """Queue a task by name on this stack's broker and queue."""
        from celery import Celery

        app = Celery(broker=self.redis.url, set_as_current=False)
        try:
            app.send_task(task, args=list(args), queue=self.queue)
        finally:
            app.close()

    def manage(self, *args: str, **env: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            check=True,
            env={**os.environ, **self.settings_env, **env},
            capture_output=True,
            text=True,
        )

    def close(self) -> None:
        for process in self.processes:
            process.stop()
        self.processes.clear()
        if self.redis is not None:
            self.redis.stop()
        self.postgres.drop()
