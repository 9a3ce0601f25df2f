"""Write synthetic incidents with PostgreSQL's COPY, a batch per transaction.

Each batch is drawn from its own random stream (the seed and the batch's
number), takes its ids from the tables' own sequences, builds every row in
memory (a batch of 10,000 incidents is a few MB) and streams each table
through one ``COPY ... FROM STDIN``; the history records (django-simple-history's
"created" record of every incident, article, source, toll revision and actor
link) are copied from those rows by one ``INSERT ... SELECT`` per table.
Every constraint and trigger of the schema applies as for any insert — the
per-day counts (``IncidentDay``) are kept by their statement triggers, once
per batch — so data the models would refuse fails the batch instead of
landing. A run stopped half-way leaves whole batches.

A large load (``bulk``: the generated count at least doubles the incident
table) is written by one worker process per core, each with its own
connection, with the written tables' secondary indexes and foreign keys
dropped first and rebuilt at the end (``bulk_load``): building an index once
over sorted rows, and checking a foreign key by one join, costs a fraction
of maintaining them row by row. The dropped definitions are kept in a table
until they are rebuilt, so an interrupted load is repaired by the next one
(or ``restore_schema()``).
"""

from __future__ import annotations

import multiprocessing
import os
import random
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from django.db import connection, connections, transaction
from django.utils import timezone

from incidents.models import (
    Actor,
    Article,
    EventType,
    Incident,
    IncidentActor,
    IncidentSource,
    SubEventType,
    TollRevision,
)
from incidents.synthetic.mix import Mix, Place, Route
from incidents.synthetic.rows import COLUMNS, HISTORY_REASON, Ids, incident_rows, moments_for

BATCH = 10_000
COUNTRIES = ("ML", "BF", "NE")
WAYPOINT_METRES = 5_000
# Children first: the foreign keys are checked at commit, and the incident
# rows (whose statement trigger updates the per-day counts, locking those
# days until commit) go last, so parallel batches wait on each other least;
# then the history records (an actor link's is dated by its incident).
COPY_ORDER = (
    "incidents_article",
    "incidents_incidentsource",
    "incidents_tollrevision",
    "incidents_incidentactor",
    "incidents_incident",
)
MODELS = {
    "incidents_article": Article,
    "incidents_incidentsource": IncidentSource,
    "incidents_tollrevision": TollRevision,
    "incidents_incidentactor": IncidentActor,
    "incidents_incident": Incident,
}
PENDING_TABLE = "synthetic_dropped_schema"


@dataclass
class Generated:
    incidents: int = 0
    articles: int = 0
    revisions: int = 0
    actor_links: int = 0
    history: int = 0
    workers: int = 1
    bulk: bool = False
    rebuild_s: float = 0.0

    def add(self, other: Generated) -> None:
        self.incidents += other.incidents
        self.articles += other.articles
        self.revisions += other.revisions
        self.actor_links += other.actor_links
        self.history += other.history


def _world(seed: int) -> tuple[Mix, Ids]:
    """The gazetteer, roads, taxonomy and actors from the database, as the mix needs them."""
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT id, name, ST_X(point), ST_Y(point), country_code, country, admin1,
                      admin2, kind
               FROM incidents_place WHERE country_code = ANY(%s) ORDER BY id""",
            [list(COUNTRIES)],
        )
        places = [Place(*row) for row in cursor.fetchall()]
        if not places:
            raise RuntimeError("The gazetteer is empty: run `manage.py load_reference_data` first.")
        by_id = {p.id: p for p in places}
        cursor.execute(
            """SELECT r.id, ST_AsText(r.line), p.id, ST_LineLocatePoint(r.line, p.point)
               FROM incidents_route r JOIN incidents_place p
                 ON ST_DWithin(r.line::geography, p.point::geography, %s)
               WHERE p.kind <> 'admin1' AND p.id = ANY(%s)
               ORDER BY r.id, 4""",
            [WAYPOINT_METRES, list(by_id)],
        )
        lines: dict[int, tuple[str, list]] = {}
        for route_id, wkt, place_id, fraction in cursor.fetchall():
            lines.setdefault(route_id, (wkt, []))[1].append((fraction, by_id[place_id]))
    routes = [
        Route(route_id, _coords(wkt), tuple(waypoints))
        for route_id, (wkt, waypoints) in lines.items()
        if len(waypoints) >= 2
    ]
    sub_types: dict[str, set[str]] = {}
    for type_slug, slug in SubEventType.objects.values_list("event_type__slug", "slug"):
        sub_types.setdefault(type_slug, set()).add(slug)
    actors = dict(Actor.objects.values_list("key", "id"))
    mix = Mix(
        places=places,
        routes=routes,
        sub_types_by_type=sub_types,
        actor_keys=actors,
        today=timezone.localdate(),
        seed=seed,
    )
    ids = Ids(
        event_types=dict(EventType.objects.values_list("slug", "id")),
        sub_event_types=dict(SubEventType.objects.values_list("slug", "id")),
        actors=actors,
    )
    return mix, ids


def _coords(wkt: str) -> tuple[tuple[float, float], ...]:
    inner = wkt[wkt.index("(") + 1 : wkt.rindex(")")]
    return tuple((float(x), float(y)) for x, y in (pair.split() for pair in inner.split(",")))


def _reserve(cursor, table: str, count: int) -> range | list[int]:
    """``count`` ids from the table's sequence, safe beside any other writer:
    a range when they are consecutive (no one else took ids meanwhile, the
    usual case), else the list."""
    if not count:
        return []
    sequence = "pg_get_serial_sequence(%s, 'id')"
    cursor.execute(
        f"SELECT min(n), max(n) FROM (SELECT nextval({sequence}) AS n "  # nosec B608
        "FROM generate_series(1, %s)) AS taken",
        [table, count],
    )
    low, high = cursor.fetchone()
    if high - low + 1 == count:
        return range(low, high + 1)
    cursor.execute(  # interleaved with another writer: the ids actually taken
        f"SELECT n FROM (SELECT nextval({sequence}) AS n FROM generate_series(1, %s)) AS taken",  # nosec B608
        [table, count],
    )
    return [row[0] for row in cursor.fetchall()]


def _rows_of(taken: range | list[int]) -> tuple[str, list]:
    """A condition on ``b.id`` for the reserved ids, and its parameters."""
    if isinstance(taken, range):
        return "b.id BETWEEN %s AND %s", [taken.start, taken.stop - 1]
    return "b.id = ANY(%s)", [list(taken)]


def _copy(cursor, table: str, lines: list[str]) -> None:
    if not lines:
        return
    columns = ", ".join(COLUMNS[table])
    # Table and column names are the constants of rows.COLUMNS.
    with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        for start in range(0, len(lines), 2000):
            copy.write("\n".join(lines[start : start + 2000]) + "\n")


def history_sql(table: str) -> str:
    """The statement that files the "created" history record (as
    django-simple-history does on a save) of the given rows of ``table``:
    every tracked column copied, dated when the row was created. The
    condition on ``b.id`` (which rows) is appended."""
    model = MODELS[table]
    historical = model.history.model  # type: ignore[attr-defined]
    columns = [
        f.column for f in historical._meta.concrete_fields if not f.name.startswith("history_")
    ]
    base_columns = {f.column for f in model._meta.concrete_fields}
    when = (
        "b.created_at"
        if "created_at" in base_columns
        else "(SELECT i.created_at FROM incidents_incident i WHERE i.id = b.incident_id)"
    )
    names = ", ".join(columns)
    picked = ", ".join(f"b.{c}" for c in columns)
    # Names come from the models' metadata, values are parameters.
    return (
        f"INSERT INTO {historical._meta.db_table} ({names}, history_date, "  # nosec B608
        f"history_change_reason, history_type, history_user_id) "
        f"SELECT {picked}, {when}, %s, '+', NULL FROM {table} b WHERE "
    )


def _batch(
    cursor, mix: Mix, ids: Ids, *, seed: int, number: int, size: int, now: datetime
) -> Generated:
    """Draw batch ``number`` (its own random streams, so a batch is the same
    whichever process makes it), build its rows and write them, with their
    history, in one transaction of ``cursor``'s connection."""
    mix.rng = random.Random(seed * 1_000_003 + number)
    rng = random.Random((seed * 7919 + 1) * 1_000_003 + number)
    draws = [mix.draw() for _ in range(size)]
    moments = [moments_for(draw, rng, now) for draw in draws]
    needed = {
        "incidents_incident": size,
        "incidents_article": sum(len(m) for m in moments),
        "incidents_tollrevision": sum(len(figures) for m in moments for figures in m),
        "incidents_incidentactor": sum(len(draw.actors) for draw in draws),
    }
    needed["incidents_incidentsource"] = needed["incidents_article"]
    reserved = {table: _reserve(cursor, table, n) for table, n in needed.items()}
    next_ids = {table: iter(taken) for table, taken in reserved.items()}
    out: dict[str, list[str]] = {table: [] for table in COLUMNS}
    for draw, its_moments, incident_id in zip(
        draws, moments, reserved["incidents_incident"], strict=True
    ):
        incident_rows(
            draw, its_moments, incident_id=incident_id, next_ids=next_ids, ids=ids, rng=rng, out=out
        )
    with transaction.atomic():
        for table in COPY_ORDER:
            _copy(cursor, table, out[table])
        for table in COPY_ORDER:
            condition, params = _rows_of(reserved[table])
            cursor.execute(history_sql(table) + condition, [HISTORY_REASON, *params])
    return Generated(
        incidents=size,
        articles=needed["incidents_article"],
        revisions=needed["incidents_tollrevision"],
        actor_links=needed["incidents_incidentactor"],
        history=sum(needed.values()),
    )


# --- bulk load: secondary indexes and foreign keys rebuilt once -----------------------


def _bulk_tables() -> list[str]:
    return [*COPY_ORDER, *(MODELS[t].history.model._meta.db_table for t in COPY_ORDER)]  # type: ignore[attr-defined]


def drop_schema(cursor) -> int:
    """Drop the written tables' foreign keys and the indexes that back no
    constraint (primary and unique keys stay, so duplicates still fail),
    recording each definition first, in one transaction."""
    tables = _bulk_tables()
    cursor.execute(
        f"CREATE TABLE IF NOT EXISTS {PENDING_TABLE} "
        "(position serial PRIMARY KEY, name text NOT NULL, undo text NOT NULL, redo text NOT NULL)"
    )
    cursor.execute(
        """SELECT c.conname, format('ALTER TABLE %%I DROP CONSTRAINT %%I', t.relname, c.conname),
                  format('ALTER TABLE %%I ADD CONSTRAINT %%I %%s', t.relname, c.conname,
                         pg_get_constraintdef(c.oid))
           FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
           WHERE c.contype = 'f' AND t.relname = ANY(%s) ORDER BY t.relname, c.conname""",
        [tables],
    )
    foreign_keys = cursor.fetchall()
    cursor.execute(
        """SELECT i.relname, format('DROP INDEX %%I', i.relname), pg_get_indexdef(i.oid)
           FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
           JOIN pg_class t ON t.oid = x.indrelid
           WHERE t.relname = ANY(%s) AND NOT x.indisprimary
             AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid)
           ORDER BY t.relname, i.relname""",
        [tables],
    )
    indexes = cursor.fetchall()
    # Redone in this order: indexes first, then the keys (checked by one join each).
    for name, undo, redo in [*indexes, *foreign_keys]:
        cursor.execute(
            f"INSERT INTO {PENDING_TABLE} (name, undo, redo) VALUES (%s, %s, %s)",  # nosec B608
            [name, undo, redo],
        )
        cursor.execute(undo)
    return len(indexes) + len(foreign_keys)


def _redo(position: int, redo: str) -> None:
    """Rebuild one dropped index or key, on this thread's own connection."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            cursor.execute(redo)
            cursor.execute(f"DELETE FROM {PENDING_TABLE} WHERE position = %s", [position])  # nosec B608
    finally:
        connection.close()


def restore_schema(workers: int = 1) -> int:
    """Rebuild whatever a bulk load dropped (after it, or after one that was
    interrupted); returns how many indexes and keys were rebuilt. Indexes
    are built by ``workers`` connections at once (building indexes, even on
    one table, does not block another build); the foreign keys after them,
    one at a time (checking one locks both its tables)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s)", [PENDING_TABLE])
        if cursor.fetchone()[0] is None:
            return 0
        cursor.execute(f"SELECT position, undo, redo FROM {PENDING_TABLE} ORDER BY position")  # nosec B608
        pending = cursor.fetchall()
    indexes = [(p, redo) for p, undo, redo in pending if undo.startswith("DROP INDEX")]
    keys = [(p, redo) for p, undo, redo in pending if not undo.startswith("DROP INDEX")]
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        for future in [pool.submit(_redo, *index) for index in indexes]:
            future.result()
    with ThreadPoolExecutor(max_workers=1) as pool:  # a connection of its own, as above
        for key in keys:
            pool.submit(_redo, *key).result()
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {PENDING_TABLE}")
    return len(pending)


@contextmanager
def bulk_load(workers: int = 1) -> Iterator[None]:
    """Secondary indexes and foreign keys of the written tables dropped
    inside, rebuilt (and every key checked) on the way out."""
    restore_schema(workers)
    with transaction.atomic(), connection.cursor() as cursor:
        drop_schema(cursor)
    try:
        yield
    finally:
        connections.close_all()
        restore_schema(workers)


# --- worker processes -------------------------------------------------------------------

_WORK: dict = {}


def _work(task: tuple[int, int]) -> Generated:
    """One batch in a worker process (forked: the mix is inherited), on the
    process's own connection."""
    number, size = task
    with connection.cursor() as cursor:
        return _batch(cursor, _WORK["mix"], _WORK["ids"], seed=_WORK["seed"], number=number,
                      size=size, now=_WORK["now"])  # fmt: skip


def _forget_connections() -> None:
    # The parent's connections were closed before the fork; drop the
    # objects so this process opens its own.
    for alias in connections:
        connections[alias].connection = None


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def generate(
    count: int,
    *,
    seed: int = 1,
    batch: int = BATCH,
    progress: Callable[[int], None] | None = None,
    background: bool = True,
    workers: int | None = None,
    bulk: bool | None = None,
) -> Generated:
    """Add ``count`` published incidents (with their articles, sources, toll
    revisions, actor links and the history record of each); ``progress(n)``
    is called after each batch with the incidents it wrote.

    With ``background``, ``workers`` processes (one per core by default)
    build and write the batches in parallel, each on its own connection, and
    ``bulk`` (default: when ``count`` is at least the incidents already
    there) drops and rebuilds the indexes and keys around the load. Without
    it, everything happens on the caller's connection and inside its
    transaction (tests)."""
    mix, ids = _world(seed)
    now = timezone.now()
    tasks = [(n, min(batch, count - start)) for n, start in enumerate(range(0, count, batch))]
    done = Generated()

    def finished(part: Generated) -> None:
        done.add(part)
        if progress is not None:
            progress(part.incidents)

    if not background:
        with connection.cursor() as cursor:
            for number, size in tasks:
                finished(_batch(cursor, mix, ids, seed=seed, number=number, size=size, now=now))
        return done

    done.workers = workers or default_workers()
    done.bulk = bulk if bulk is not None else count >= Incident.objects.count()
    _WORK.update(mix=mix, ids=ids, seed=seed, now=now)
    loading = bulk_load(done.workers) if done.bulk else _nothing()
    with loading:
        connections.close_all()  # never shared with the forked workers
        context = multiprocessing.get_context("fork")
        with context.Pool(done.workers, initializer=_forget_connections) as pool:
            for part in pool.imap_unordered(_work, tasks):
                finished(part)
        rebuilt_from = time.perf_counter()
    done.rebuild_s = round(time.perf_counter() - rebuilt_from, 1) if done.bulk else 0.0
    return done


@contextmanager
def _nothing() -> Iterator[None]:
    yield
