"""Write synthetic incidents with PostgreSQL's COPY, a batch per transaction.

Each batch takes its incident and article ids from the tables' own
sequences, builds every row in memory (a batch of 10,000 incidents is a few
MB) and streams each table through one ``COPY ... FROM STDIN``: every
constraint, foreign key and trigger of the schema applies as for any insert,
so data the models would refuse fails the batch instead of landing. Memory
stays flat whatever the count; a run stopped half-way leaves whole batches.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from incidents.models import Actor, EventType, SubEventType
from incidents.synthetic.mix import Mix, Place, Route
from incidents.synthetic.rows import COLUMNS, Ids, incident_rows, moments_for

BATCH = 10_000
COUNTRIES = ("ML", "BF", "NE")
WAYPOINT_METRES = 5_000


@dataclass
class Generated:
    incidents: int = 0
    articles: int = 0
    revisions: int = 0
    actor_links: int = 0


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


def _reserve(cursor, table: str, count: int) -> list[int]:
    cursor.execute(
        "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
        [table, count],
    )
    return [row[0] for row in cursor.fetchall()]


def _copy(cursor, table: str, lines: list[str]) -> None:
    if not lines:
        return
    columns = ", ".join(COLUMNS[table])
    # Table and column names are the constants of rows.COLUMNS.
    with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:  # nosec B608
        for start in range(0, len(lines), 2000):
            copy.write("\n".join(lines[start : start + 2000]) + "\n")


def _write(out: dict[str, list[str]]) -> None:
    """One batch, every table, in one transaction of this thread's connection."""
    with transaction.atomic(), connection.connection.cursor() as cursor:
        for table in COLUMNS:
            _copy(cursor, table, out[table])


def _write_in_thread(out: dict[str, list[str]]) -> None:
    try:
        _write(out)
    finally:
        connection.close()  # this thread's own connection


def generate(
    count: int,
    *,
    seed: int = 1,
    batch: int = BATCH,
    progress: Callable[[int], None] | None = None,
    background: bool = True,
) -> Generated:
    """Add ``count`` published incidents (with their articles, sources, toll
    revisions, actor links and first history record); ``progress(n)`` is
    called after each batch with the incidents it wrote.

    With ``background`` a second thread (its own connection) writes each
    batch while the next one is built, so Python and PostgreSQL work at the
    same time; at most two batches are in memory. Without it, everything
    happens on the caller's connection and inside its transaction (tests)."""
    mix, ids = _world(seed)
    rng = random.Random(seed * 7919 + 1)
    done = Generated()
    now = timezone.now()
    pending: tuple[Future, int] | None = None

    def finished(future: Future | None, size: int) -> None:
        if future is not None:
            future.result()  # raises the writer's error, if any
        done.incidents += size
        if progress is not None:
            progress(size)

    with ThreadPoolExecutor(max_workers=1) as writer:
        built = 0
        while built < count:
            size = min(batch, count - built)
            draws = [mix.draw() for _ in range(size)]
            moments = [moments_for(draw, rng, now) for draw in draws]
            with connection.cursor() as cursor:
                incident_ids = _reserve(cursor, "incidents_incident", size)
                article_ids = iter(
                    _reserve(cursor, "incidents_article", sum(len(m) for m in moments))
                )
            out: dict[str, list[str]] = {table: [] for table in COLUMNS}
            for draw, its_moments, incident_id in zip(draws, moments, incident_ids, strict=True):
                incident_rows(
                    draw,
                    its_moments,
                    incident_id=incident_id,
                    article_ids=article_ids,
                    ids=ids,
                    rng=rng,
                    out=out,
                )
            built += size
            done.articles += len(out["incidents_article"])
            done.revisions += len(out["incidents_tollrevision"])
            done.actor_links += len(out["incidents_incidentactor"])
            if pending is not None:
                finished(*pending)
                pending = None
            if background:
                pending = (writer.submit(_write_in_thread, out), size)
            else:
                _write(out)
                finished(None, size)
        if pending is not None:
            finished(*pending)
    return done
