"""Each benchmark's own PostGIS database, named by a database URL, so a run
never touches the dev database or a running demo."""

from __future__ import annotations


def server_params(url: str) -> tuple[str, dict]:
    """(database name, psycopg connection settings for its server)."""
    import environ

    cfg = environ.Env.db_url_config(url)
    return cfg["NAME"], dict(
        host=cfg["HOST"] or "127.0.0.1",
        port=cfg["PORT"] or 5432,
        user=cfg["USER"] or "postgres",
        password=cfg["PASSWORD"] or None,
    )


def create_database(url: str, *, fresh: bool) -> None:
    """Create the database with PostGIS; ``fresh`` drops an existing one first,
    otherwise an existing one is kept."""
    import psycopg

    name, params = server_params(url)
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
        if fresh:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    with psycopg.connect(dbname=name, autocommit=True, **params) as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS postgis")


def drop_database(url: str) -> None:
    """Drop it, closing this process's Django connections to it first."""
    import psycopg
    from django.db import connections

    connections.close_all()
    name, params = server_params(url)
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
