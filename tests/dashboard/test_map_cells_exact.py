"""The map's grid pyramid (IncidentCell) stays exact through every write —
a COPY of generated incidents, creation, publication, a date or toll
correction, a move, a merge and its undo, retraction, a statement moving
many rows, deletion, TRUNCATE — and the map's cells summed from it equal the
cells counted from the incidents themselves, for every zoom, view, date
range, status and event type the map asks for."""

import math
from collections import defaultdict
from datetime import UTC, date, datetime

import pytest
from django.contrib.gis.db.models import Extent
from django.contrib.gis.geos import Point
from django.db import connection
from django.db.models.functions import Coalesce

from incidents import services
from incidents.models import (
    EntryKind,
    EventType,
    FeedVersion,
    Incident,
    IncidentCell,
    IncidentStatus,
)
from incidents.models.mapcells import CELL_LEVELS, MONTH_LEVELS
from incidents.selectors import (
    WITHDRAWN,
    counted_statuses,
    extent_aggregated,
    map_cells,
    map_cells_aggregated,
    visible_incidents,
)
from incidents.synthetic.copy import generate
from incidents.views.mapfeed import cell_degrees, in_columns
from tests.editorial.helpers import convoy
from tests.factories import PublishedIncidentFactory

pytestmark = pytest.mark.django_db


def from_scratch() -> dict:
    """The pyramid computed in Python from the counted incidents."""
    cells: dict = defaultdict(lambda: [0, 0, 0.0, 0.0, math.inf, -math.inf, math.inf, -math.inf])
    first: dict = {}
    rows = Incident.objects.exclude(WITHDRAWN).values_list(
        "id", "status", "event_type_id", "date", "location", Coalesce("killed", 0)
    )
    for pk, status, type_id, day, point, killed in rows:
        grains = [(level, None) for level in CELL_LEVELS]
        grains += [(level, day.replace(day=1)) for level in MONTH_LEVELS]
        for level, month in grains:
            side = 90 / 2**level
            key = (level, month, math.floor(point.x / side), math.floor(point.y / side))
            key += (status, type_id)
            c = cells[key]
            c[0] += 1
            c[1] += killed
            c[2] += point.x
            c[3] += point.y
            c[4], c[5] = min(c[4], point.x), max(c[5], point.x)
            c[6], c[7] = min(c[6], point.y), max(c[7], point.y)
            first[key] = min(first.get(key, pk), pk)
    return {key: (*c, first[key]) for key, c in cells.items()}


def kept() -> dict:
    return {
        (c.level, c.month, c.x, c.y, c.status, c.event_type_id): (
            c.incidents,
            c.killed,
            c.lon_sum,
            c.lat_sum,
            c.west,
            c.east,
            c.south,
            c.north,
            c.first_id,
        )
        for c in IncidentCell.objects.all()
    }


def assert_pyramid_exact():
    expected, got = from_scratch(), kept()
    assert got.keys() == expected.keys()
    for key, want in expected.items():
        have = got[key]
        assert have[:2] == tuple(want[:2]), key  # incidents, killed
        assert have[2:4] == pytest.approx(want[2:4], rel=1e-12, abs=1e-9), key  # sums
        assert have[4:] == tuple(want[4:]), key  # extent, smallest id


RANGES = [
    (None, None),
    (date(2019, 3, 14), date(2023, 6, 2)),  # partial months at both ends
    (date(2020, 1, 1), date(2020, 12, 31)),  # whole months only
    (date(2021, 5, 3), date(2021, 5, 20)),  # inside one month
    (date(2021, 5, 3), date(2021, 6, 20)),  # two partial months, none whole
    (None, date(2018, 2, 10)),
    (date(2022, 7, 9), None),
]
SAHEL = (-12.0, 9.0, 16.0, 24.0)


def normalised(cells, zoom: int) -> dict:
    side = cell_degrees(zoom)
    out = {}
    for c in cells:
        key = (math.floor(c.west / side), math.floor(c.south / side))
        alone = (c.only_day, c.only_killed, c.only_type_id) if c.count == 1 else None
        out[key] = (c.count, c.killed, c.west, c.east, c.south, c.north, tuple(c.type_counts))
        out[key] += (c.only_id, alone)
    return out


def centroids(cells, zoom: int) -> dict:
    side = cell_degrees(zoom)
    return {(math.floor(c.west / side), math.floor(c.south / side)): (c.lon, c.lat) for c in cells}


def assert_answers_equal(user):
    """The pyramid's answer equals the incidents' own, filter by filter."""
    type_ids = list(EventType.objects.order_by("order").values_list("pk", flat=True))
    battles = [EventType.objects.get(slug="battles").pk]
    asked = 0
    for zoom in (1, 3, 5, 7, 8, 10, 12):
        side = cell_degrees(zoom)
        for view in (None, SAHEL):
            columns = None
            if view is not None:
                columns = tuple(math.floor(v / side) for v in view)
            for first, last in RANGES:
                for types in (None, battles):
                    for status in (None, IncidentStatus.DRAFT):
                        queryset = visible_incidents(user)
                        if status:
                            queryset = queryset.filter(status=status)
                        if first:
                            queryset = queryset.filter(date__gte=first)
                        if last:
                            queryset = queryset.filter(date__lte=last)
                        if types:
                            queryset = queryset.filter(event_type_id__in=types)
                        if columns is not None:
                            queryset = in_columns(queryset, columns, side)
                        aggregated = map_cells_aggregated(
                            queryset,
                            statuses=counted_statuses(user, status),
                            event_type_ids=types,
                            first=first,
                            last=last,
                            zoom=zoom,
                            columns=columns,
                            type_ids=type_ids,
                        )
                        dated = first is not None or last is not None
                        if zoom > (MONTH_LEVELS if dated else CELL_LEVELS)[-1]:
                            assert aggregated is None
                            continue
                        assert aggregated is not None
                        direct = map_cells(queryset, cell_degrees=side, type_ids=type_ids)
                        got, want = centroids(aggregated, zoom), centroids(direct, zoom)
                        assert got.keys() == want.keys()
                        for key, point in want.items():  # sums in another order
                            assert got[key] == pytest.approx(point, rel=1e-12, abs=1e-9)
                        assert normalised(aggregated, zoom) == normalised(direct, zoom), (
                            zoom,
                            view,
                            first,
                            last,
                            types,
                            status,
                        )
                        asked += bool(direct)
    assert asked > 100  # most combinations hold incidents
    for types in (None, battles):
        queryset = visible_incidents(user)
        if types:
            queryset = queryset.filter(event_type_id__in=types)
        box = queryset.aggregate(box=Extent("location"))["box"]
        assert box is not None
        assert extent_aggregated(statuses=counted_statuses(user, None), event_type_ids=types) == (
            pytest.approx(box, abs=1e-12)
        )


def test_the_pyramid_follows_every_write_and_answers_like_the_incidents(editor):
    generate(400, seed=11, batch=150, background=False)  # COPY, in three statements
    first, _ = convoy(killed=32, day=8)
    second, _ = convoy(killed=10, day=9)
    draft, _ = convoy(killed=5, day=9, publish=False)
    assert_pyramid_exact()

    services.update_incident(incident=first, changes={"date": date(2021, 5, 4)}, user=editor)
    services.update_incident(
        incident=second, changes={"location": Point(-4.19, 14.49, srid=4326)}, user=editor
    )
    services.record_toll_revision(
        incident=first,
        killed=41,
        said_by="NGO",
        reported_at=datetime(2025, 2, 12, tzinfo=UTC),
        entry_kind=EntryKind.EDITOR,
        entered_by=editor,
        reason="the NGO's later count",
    )
    services.update_incident(incident=first, changes={"summary": "Convoy ambush."}, user=editor)
    assert_pyramid_exact()

    merge = services.merge_incidents(duplicate=second, survivor=first, user=editor, reason="same")
    assert_pyramid_exact()
    services.undo_merge(merge=merge, user=editor, reason="not the same after all")
    services.publish_incident(incident=draft, user=editor)
    some = list(Incident.objects.order_by("pk").values_list("pk", flat=True)[:60])
    services.retract_incident(incident=Incident.objects.get(pk=some[0]), user=editor, reason="x")
    services.unpublish_incident(incident=Incident.objects.get(pk=some[1]), user=editor)
    # One statement moving many incidents (an import's correction), the
    # extremes of their cells among them.
    Incident.objects.filter(pk__in=some[2:40]).update(location=Point(2.11, 13.51, srid=4326))
    lone = PublishedIncidentFactory(location=Point(15.9, 23.9, srid=4326), killed=None)
    assert_pyramid_exact()
    Incident.objects.filter(pk=lone.pk).delete()
    assert_pyramid_exact()

    assert_answers_equal(None)  # a partner or analyst: published only
    assert_answers_equal(editor)  # an editor sees drafts too


def test_a_truncate_of_the_incidents_empties_the_pyramid_and_counts_as_a_change():
    PublishedIncidentFactory()
    assert IncidentCell.objects.exists()
    before = FeedVersion.objects.get(pk=1).version
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the test's own transaction
        cursor.execute("TRUNCATE incidents_incident CASCADE")
    assert not IncidentCell.objects.exists()
    assert FeedVersion.objects.get(pk=1).version > before


def test_the_database_keeps_the_levels_the_reads_expect():
    PublishedIncidentFactory(date=date(2020, 4, 9))
    levels = set(IncidentCell.objects.filter(month=None).values_list("level", flat=True))
    months = set(IncidentCell.objects.exclude(month=None).values_list("level", flat=True))
    assert (levels, months) == (set(CELL_LEVELS), set(MONTH_LEVELS))
    assert all(b - a == 2 for a, b in zip(CELL_LEVELS, CELL_LEVELS[1:], strict=False))
