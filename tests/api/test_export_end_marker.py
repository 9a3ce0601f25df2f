"""Issue 12, failure 6: an export cannot be cut silently. A complete CSV or
GeoJSON export ends with its end marker; one interrupted half-way (here the
database connection is killed in the middle of the stream) ends with an
error marker, although its 200 status line went out long before."""

import json

import psycopg
import pytest
from django.db import connection

from incidents.api import exports
from tests.factories import PublishedIncidentFactory

URL = "/api/v1/incidents/"


def streamed(response) -> list[bytes]:
    assert response.status_code == 200
    return list(response.streaming_content)


@pytest.mark.django_db
def test_a_complete_csv_export_ends_with_its_marker_and_count(partner):
    PublishedIncidentFactory.create_batch(3)
    body = b"".join(streamed(partner.get(URL, {"format": "csv"}))).decode()
    assert body.endswith("# end of export: 3 incidents\r\n")
    assert body.count("\r\n") == 1 + 3 + 1  # header, rows, marker


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


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("fmt", ["csv", "geojson"])
def test_an_export_cut_by_a_database_failure_ends_with_the_error_marker(partner, monkeypatch, fmt):
    PublishedIncidentFactory.create_batch(6)
    monkeypatch.setattr(exports, "CHUNK_ROWS", 2)
    response = partner.get(URL, {"format": fmt})
    chunks = iter(response.streaming_content)
    first = next(chunks) + next(chunks)
    kill_this_connection()
    rest = b"".join(chunks)
    connection.close()
    body = (first + rest).decode()
    if fmt == "csv":
        assert "# end of export" not in body
        assert body.rstrip().splitlines()[-1].startswith("# ERROR: export interrupted after")
    else:
        collection = json.loads(body)
        assert collection["complete"] is False and "incomplete" in collection["error"]
        assert collection["count"] < 6
