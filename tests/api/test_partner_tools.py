"""Partners' own tools read the exports by URL from a live server: GDAL's
``ogrinfo``/``ogr2ogr`` (what QGIS, geopandas and R's sf use underneath),
Python's urllib with the csv module, and curl. Each sends the Accept header
its library defaults to, and the explicit ``?format=`` must win."""

import csv
import io
import json
import os
import shutil
import sqlite3
import subprocess
import urllib.request
from datetime import date

import pytest
from django.contrib.gis.geos import Point

from tests.api.conftest import make_key
from tests.factories import IncidentFactory, PublishedIncidentFactory

pytestmark = pytest.mark.skipif(
    shutil.which("ogr2ogr") is None, reason="gdal-bin is installed by scripts/lib.sh"
)


@pytest.fixture
def published(live_server):
    incidents = [
        PublishedIncidentFactory(
            location=Point(0.2287 + i / 100, 15.9657, srid=4326),
            date=date(2025, 2, 1 + i),
            killed=10 + i,
            killed_qualifier="at_least",
            location_text=f"place {i}",
        )
        for i in range(5)
    ]
    IncidentFactory(location_text="a draft partners must not get")
    return incidents


@pytest.fixture
def secret(published):
    return make_key(name="GIS desk")[1]


def gdal(*args, secret) -> str:
    env = {**os.environ, "GDAL_HTTP_HEADERS": f"Authorization: Api-Key {secret}"}
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr + done.stdout
    return done.stdout


def test_ogr2ogr_turns_the_geojson_export_into_a_geopackage(
    live_server, published, secret, tmp_path
):
    url = f"{live_server.url}/api/v1/incidents/?format=geojson"
    target = tmp_path / "incidents.gpkg"
    gdal("ogr2ogr", "-f", "GPKG", str(target), url, "-nln", "incidents", secret=secret)

    with sqlite3.connect(target) as db:
        rows = db.execute(
            "SELECT id, killed, killed_qualifier, location_text FROM incidents ORDER BY id"
        ).fetchall()
        srs = db.execute(
            "SELECT srs_id FROM gpkg_geometry_columns WHERE table_name = 'incidents'"
        ).fetchone()
    assert [row[0] for row in rows] == sorted(i.pk for i in published)
    assert {row[2] for row in rows} == {"at_least"}
    assert "a draft partners must not get" not in {row[3] for row in rows}
    assert srs == (4326,)


def test_ogrinfo_reads_the_geojson_and_csv_urls(live_server, published, secret):
    base = f"{live_server.url}/api/v1/incidents/"
    geojson = gdal("ogrinfo", "-ro", "-so", "-al", f"{base}?format=geojson", secret=secret)
    assert f"Feature Count: {len(published)}" in geojson
    assert "Point" in geojson

    # GDAL picks the CSV driver by a file's extension, so the URL gets it named;
    # a streamed export has no length, so it is read with /vsicurl_streaming/
    # (as the README tells partners).
    # The CSV is header and rows only: GDAL needs no filter.
    table = gdal(
        "ogrinfo",
        "-ro",
        "-al",
        "-oo",
        "X_POSSIBLE_NAMES=longitude",
        "-oo",
        "Y_POSSIBLE_NAMES=latitude",
        "-oo",
        "AUTODETECT_TYPE=YES",
        f"CSV:/vsicurl_streaming/{base}?format=csv",
        secret=secret,
    )
    assert f"Feature Count: {len(published)}" in table
    assert "Geometry: Point" in table
    assert "fatalities (Integer) = 14" in table
    assert "fatalities_qualifier (String) = at_least" in table


def test_ogrinfo_without_a_key_is_refused(live_server, published):
    done = subprocess.run(
        ["ogrinfo", "-ro", "-so", "-al", f"{live_server.url}/api/v1/incidents/?format=geojson"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0


def test_python_urllib_and_csv_module_read_the_csv_export(live_server, published, secret):
    request = urllib.request.Request(
        f"{live_server.url}/api/v1/incidents/?format=csv",
        headers={"Authorization": f"Api-Key {secret}", "Accept": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (test server)
        assert response.headers["Content-Type"].startswith("text/csv")
        text = response.read().decode("utf-8")
    assert not [line for line in text.splitlines() if line.startswith("#")]  # no marker row
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == len(published)
    assert sorted(int(r["fatalities"]) for r in rows) == [10, 11, 12, 13, 14]
    assert {r["fatalities_qualifier"] for r in rows} == {"at_least"}


def test_curl_reads_the_geojson_export(live_server, published, secret):
    done = subprocess.run(
        [
            "curl",
            "--silent",
            "--show-error",
            "--fail",
            "-H",
            f"Authorization: Api-Key {secret}",
            f"{live_server.url}/api/v1/incidents/?format=geojson",
        ],
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    collection = json.loads(done.stdout)
    assert len(collection["features"]) == len(published)
