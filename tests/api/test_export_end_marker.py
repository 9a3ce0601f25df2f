"""Issue 12, failure 6: an export cannot be cut silently. The CSV is plain
CSV that any reader takes as it is (header and rows, no trailer row); an
export interrupted half-way (here the database connection is killed in the
middle of the stream) does not end cleanly: the error leaves the response's
iterator, so the server aborts the transfer, although its 200 status line
went out long before. A script may ask for an end-marker comment line."""

import csv
import io
import json

import psycopg
import pytest
from django.db import connection

from incidents.api import exports
from incidents.interchange.acled_codes import ACLED_COLUMNS
from tests.factories import PublishedIncidentFactory

URL = "/api/v1/incidents/"


def streamed(response) -> list[bytes]:
    assert response.status_code == 200
    return list(response.streaming_content)


@pytest.mark.django_db
def test_a_complete_csv_export_is_header_and_rows_only(partner):
    made = PublishedIncidentFactory.create_batch(3)
    body = b"".join(streamed(partner.get(URL, {"format": "csv"}))).decode()
    assert body.count("\r\n") == 1 + 3  # header, rows: nothing a reader would take as a row
    rows = list(csv.reader(io.StringIO(body, newline="")))
    assert rows[0][: len(ACLED_COLUMNS)] == ACLED_COLUMNS
    assert all(len(row) == len(rows[0]) for row in rows)
    assert sorted(int(r["event_id_cnty"][5:]) for r in csv.DictReader(io.StringIO(body))) == sorted(
        i.pk for i in made
    )


@pytest.mark.django_db
@pytest.mark.parametrize("detail", [True, False])
def test_asked_for_the_csv_ends_with_a_comment_line_with_the_count(partner, detail):
    PublishedIncidentFactory.create_batch(3)
    if detail:
        incident = PublishedIncidentFactory()
        url, count = f"{URL}{incident.pk}/", 1
    else:
        url, count = URL, 3
    body = b"".join(streamed(partner.get(url, {"format": "csv", "end_marker": "true"}))).decode()
    assert body.endswith(f"# end of export: {count} incidents\r\n")
    # a reader told to skip comment lines gets the rows alone
    lines = [line for line in io.StringIO(body, newline="") if not line.startswith("#")]
    assert len(list(csv.DictReader(lines))) == count


@pytest.mark.django_db
def test_a_wrong_end_marker_value_is_a_400_naming_it(partner):
    response = partner.get(URL, {"format": "csv", "end_marker": "yes"})
    assert response.status_code == 400
    assert "end_marker" in response.json()["errors"]


@pytest.mark.django_db
def test_a_complete_geojson_export_says_it_is_complete(partner):
    PublishedIncidentFactory.create_batch(2)
    collection = json.loads(b"".join(streamed(partner.get(URL, {"format": "geojson"}))))
    assert collection["complete"] is True and collection["count"] == 2
    assert len(collection["features"]) == 2


def kill_this_connection() -> None:
    pid = connection.connection.info.backend_pid
    settings = connection.settings_dict
    with psycopg.connect(
        host=settings["HOST"] or "127.0.0.1",
        port=settings["PORT"] or 5432,
        user=settings["USER"] or "postgres",
        dbname=settings["NAME"],
        autocommit=True,
    ) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])


def cut_half_way(partner, monkeypatch, params) -> tuple[bytes, Exception | None]:
    """Start the export, kill its database connection after two chunks and
    read on: what the client got, and what ended the stream (None: it ended
    cleanly)."""
    PublishedIncidentFactory.create_batch(6)
    monkeypatch.setattr(exports, "CHUNK_ROWS", 2)
    response = partner.get(URL, params)
    chunks = iter(response.streaming_content)
    got = [next(chunks), next(chunks)]
    kill_this_connection()
    ended = None
    try:
        got.extend(chunks)
    except Exception as exc:
        ended = exc
    connection.close()
    return b"".join(got), ended


@pytest.mark.django_db(transaction=True)
def test_a_csv_export_cut_by_a_database_failure_aborts_the_transfer(partner, monkeypatch):
    body, ended = cut_half_way(partner, monkeypatch, {"format": "csv"})
    assert isinstance(ended, exports.ExportInterrupted), "the stream must not end cleanly"
    assert not [line for line in body.decode().splitlines() if line.startswith("#")]  # no junk row
    assert len(list(csv.DictReader(io.StringIO(body.decode())))) < 6


@pytest.mark.django_db(transaction=True)
def test_a_cut_csv_export_asked_with_its_marker_says_so_before_the_abort(partner, monkeypatch):
    body, ended = cut_half_way(partner, monkeypatch, {"format": "csv", "end_marker": "true"})
    assert isinstance(ended, exports.ExportInterrupted)
    text = body.decode()
    assert "# end of export" not in text
    assert text.rstrip().splitlines()[-1].startswith("# ERROR: export interrupted after")


@pytest.mark.django_db(transaction=True)
def test_a_geojson_export_cut_by_a_database_failure_says_it_is_incomplete(partner, monkeypatch):
    body, ended = cut_half_way(partner, monkeypatch, {"format": "geojson"})
    assert ended is None
    collection = json.loads(body)
    assert collection["complete"] is False and "incomplete" in collection["error"]
    assert collection["count"] < 6
