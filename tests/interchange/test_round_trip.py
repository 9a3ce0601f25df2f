"""Our ACLED-compatible CSV export, re-imported with import_acled, gives the
same incidents."""

import csv
import io
from datetime import date

import pytest
from django.contrib.gis.geos import Point

from incidents import services
from incidents.interchange.acled_codes import ACLED_COLUMNS
from incidents.interchange.loader import import_file
from incidents.interchange.models import ImportedEvent
from incidents.models import Actor, EntryKind, EventType, IncidentActor, Role, SubEventType
from tests.api.conftest import KeyClient, make_key, read_csv_export
from tests.factories import PublishedIncidentFactory

pytestmark = pytest.mark.django_db

# Columns that name the copy rather than describe the event.
IDENTITY_COLUMNS = {"event_id_cnty", "timestamp", "source"}


def export(client, **params) -> bytes:
    response = client.get("/api/v1/incidents/", {"format": "csv", **params})
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def comparable(content: bytes) -> list[dict]:
    rows = [
        {k: v for k, v in row.items() if k in ACLED_COLUMNS and k not in IDENTITY_COLUMNS}
        for row in csv.DictReader(io.StringIO(content.decode()))
        if not row["event_id_cnty"].startswith("#")
    ]
    return sorted(rows, key=lambda r: (r["event_date"], r["notes"]))


def link(incident, key, role):
    IncidentActor.objects.create(incident=incident, actor=Actor.objects.get(key=key), role=role)


@pytest.fixture
def originals():
    ambush = PublishedIncidentFactory(
        date=date(2025, 2, 7),
        location=Point(0.2287, 15.9657, srid=4326),
        geo_precision="near",
        location_text="near Bara",
        admin2="Ansongo",
        summary='Convoy ambushed, "at least" 32 dead; FAMa and Wagner escorted it.',
    )
    link(ambush, "jnim", Role.PERPETRATOR)
    link(ambush, "malian-armed-forces", Role.TARGET)
    link(ambush, "wagner-group", Role.ESCORT)
    link(ambush, "civilians", Role.VICTIM)
    services.record_toll_revision(
        incident=ambush, killed=32, said_by="local official", entry_kind=EntryKind.IMPORT
    )  # accepted, as imported tolls are

    attack = PublishedIncidentFactory(
        date=date(2025, 3, 15),
        date_precision="month",
        geo_precision="region",
        location=Point(2.4, 15.92, srid=4326),
        admin1="Ménaka",
        location_text="Ménaka region",
        event_type=EventType.objects.get(slug="violence-against-civilians"),
        sub_event_type=SubEventType.objects.get(slug="abduction-forced-disappearance"),
        civilian_targeting=True,
        summary="-- Villagers abducted (=8 per local sources).",
    )
    link(attack, "islamic-state-sahel", Role.PERPETRATOR)
    link(attack, "civilians", Role.VICTIM)

    PublishedIncidentFactory(
        date=date(2025, 4, 1),
        summary="A clash, toll unknown.",
        location=Point(-0.04472, 16.27167, srid=4326),
    )
    return ambush, attack


def test_export_then_import_gives_the_same_incidents(originals, tmp_path):
    _, secret = make_key(name="Round trip")
    client = KeyClient(secret)
    first = export(client)
    path = tmp_path / "export.csv"
    path.write_bytes(first)

    summary = import_file(path, dataset="acled", progress=False)
    assert (summary.created, summary.rejected) == (3, [])

    copies = [e.incident_id for e in ImportedEvent.objects.all()]
    originals_ids = [o.pk for o in originals]
    second = export(client, q="", ordering="date")
    ours = read_csv_export(first)
    again = [r for r in read_csv_export(second) if int(r["event_id_cnty"][5:]) in copies]
    columns = csv.DictReader(io.StringIO(second.decode())).fieldnames
    assert columns[: len(ACLED_COLUMNS)] == ACLED_COLUMNS
    assert comparable(_encode(again)) == comparable(_encode(ours))
    assert set(originals_ids).isdisjoint(copies)


def test_reimporting_the_same_export_adds_nothing(originals, tmp_path):
    _, secret = make_key(name="Round trip twice")
    path = tmp_path / "export.csv"
    path.write_bytes(export(KeyClient(secret)))
    import_file(path, dataset="acled", progress=False)
    again = import_file(path, dataset="acled", progress=False)
    assert (again.created, again.unchanged) == (0, 3)


def _encode(rows: list[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=ACLED_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode()
