"""CSV (ACLED columns) and GeoJSON exports: parse them back."""

import json
from datetime import date, datetime

import pytest
from django.contrib.gis.geos import Point

from incidents.interchange.acled_codes import ACLED_COLUMNS
from incidents.models import Actor, IncidentActor, IncidentSource, Role
from tests.api.conftest import read_csv_export
from tests.factories import ArticleFactory, IncidentFactory, PublishedIncidentFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/incidents/"


def body_of(response) -> bytes:
    assert response.status_code == 200, response
    return b"".join(response.streaming_content)


@pytest.fixture
def ambush():
    incident = PublishedIncidentFactory(
        location=Point(0.2287, 15.9657, srid=4326),
        date=date(2025, 2, 7),
        killed=32,
        location_text="between Gao and Ansongo",
        geo_precision="between",
        admin2="Ansongo",
        summary='Convoy ambushed; "dozens" dead, commas, and\nnewlines.',
    )
    for key, role in (
        ("jnim", Role.PERPETRATOR),
        ("malian-armed-forces", Role.TARGET),
        ("wagner-group", Role.ESCORT),
        ("civilians", Role.VICTIM),
    ):
        IncidentActor.objects.create(incident=incident, actor=Actor.objects.get(key=key), role=role)
    IncidentSource.objects.create(incident=incident, article=ArticleFactory(outlet="RFI"))
    IncidentSource.objects.create(incident=incident, article=ArticleFactory(outlet="Studio Tamani"))
    return incident


def test_csv_has_acled_columns_and_maps_fields(partner, ambush):
    PublishedIncidentFactory(date=date(2024, 12, 1))
    IncidentFactory()  # draft: not exported to partners
    response = partner.get(URL, {"format": "csv", "date_from": "2025-01-01"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(read_csv_export(body_of(response)))
    assert list(rows[0]) == [
        *ACLED_COLUMNS,
        "fatalities_qualifier",
        "fatalities_low",
        "fatalities_high",
        "wounded",
    ]
    assert len(rows) == 1
    row = rows[0]
    assert row["event_id_cnty"] == f"MLICW{ambush.pk}"
    assert (row["event_date"], row["year"], row["time_precision"]) == ("2025-02-07", "2025", "1")
    assert (row["event_type"], row["sub_event_type"]) == ("Battles", "Armed clash")
    assert row["disorder_type"] == "Political violence"
    assert (row["actor1"], row["inter1"]) == ("JNIM", "2")
    assert (row["actor2"], row["inter2"]) == ("Malian Armed Forces", "1")
    assert row["assoc_actor_2"] == "Wagner Group; Civilians"
    assert row["interaction"] == "12"
    assert (row["iso"], row["region"], row["country"]) == ("466", "Western Africa", "Mali")
    assert (row["latitude"], row["longitude"]) == ("15.9657", "0.2287")
    assert row["geo_precision"] == "2"
    assert row["source"] == "RFI; Studio Tamani"
    assert row["notes"] == ambush.summary
    assert row["fatalities"] == "32"
    assert row["civilian_targeting"] == ""
    assert int(row["timestamp"]) == int(ambush.updated_at.timestamp())


def test_geojson_is_a_valid_feature_collection(partner, ambush):
    PublishedIncidentFactory(location=Point(2.4, 15.92, srid=4326))
    response = partner.get(URL, {"format": "geojson"})
    assert response["Content-Type"] == "application/geo+json"
    collection = json.loads(body_of(response))
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == 2
    feature = next(f for f in collection["features"] if f["id"] == ambush.pk)
    assert feature["geometry"] == {"type": "Point", "coordinates": [0.2287, 15.9657]}
    assert feature["properties"]["killed"] == 32
    assert {a["key"] for a in feature["properties"]["actors"]} == {
        "jnim",
        "malian-armed-forces",
        "wagner-group",
        "civilians",
    }


def test_formats_by_accept_header(partner, ambush):
    geo = partner.get(URL, HTTP_ACCEPT="application/geo+json")
    assert json.loads(body_of(geo))["type"] == "FeatureCollection"
    table = partner.get(URL, HTTP_ACCEPT="text/csv")
    assert body_of(table).decode().startswith("event_id_cnty,")


@pytest.mark.parametrize(
    "accept", ["text/plain, application/json", "application/json", "text/html", "application/xml"]
)
@pytest.mark.parametrize(
    "fmt, starts", [("geojson", b'{"type":"FeatureCollection"'), ("csv", b"event_id_cnty,")]
)
def test_explicit_format_wins_over_accept_header(partner, ambush, accept, fmt, starts):
    # GDAL sends "text/plain, application/json"; urllib callers often "application/json".
    response = partner.get(URL, {"format": fmt}, HTTP_ACCEPT=accept)
    assert body_of(response).startswith(starts)


def test_explicit_json_format_wins_over_accept_header(partner, ambush):
    response = partner.get(f"{URL}{ambush.pk}/", {"format": "json"}, HTTP_ACCEPT="text/csv")
    assert response.status_code == 200
    assert response.json()["id"] == ambush.pk


def test_unknown_format_is_still_a_400_naming_it(partner, ambush):
    response = partner.get(URL, {"format": "xlsx"}, HTTP_ACCEPT="text/plain, application/json")
    assert response.status_code == 400
    assert "format" in response.content.decode()


def test_qualifier_travels_with_the_figure_in_every_format(partner, ambush):
    ambush.killed_qualifier = "at_least"
    ambush.save()
    assert partner.get(f"{URL}{ambush.pk}/").json()["toll"]["qualifier"] == "at_least"
    assert partner.get(URL).json()["results"][0]["toll"] == {
        "killed": 32,
        "qualifier": "at_least",
        "low": None,
        "high": None,
        "wounded": None,
    }
    feature = json.loads(body_of(partner.get(URL, {"format": "geojson"})))["features"][0]
    assert feature["properties"]["killed_qualifier"] == "at_least"
    row = next(iter(read_csv_export(body_of(partner.get(URL, {"format": "csv"})))))
    assert (row["fatalities"], row["fatalities_qualifier"]) == ("32", "at_least")


def test_export_streams_chunk_by_chunk(partner, monkeypatch):
    from incidents.api import exports

    monkeypatch.setattr(exports, "CHUNK_ROWS", 2)
    made = [PublishedIncidentFactory() for _ in range(5)]
    response = partner.get(URL, {"format": "geojson"})
    assert response.streaming
    chunks = list(response.streaming_content)
    assert len(chunks) >= 4  # opening, three chunks of at most two features, closing
    assert len(json.loads(b"".join(chunks))["features"]) == len(made)


def test_session_user_exports_like_the_dashboard_button(analyst_client, ambush):
    response = analyst_client.get(URL, {"format": "csv", "actor": "jnim"})
    rows = list(read_csv_export(body_of(response)))
    assert [r["event_id_cnty"] for r in rows] == [f"MLICW{ambush.pk}"]


def test_export_streams_the_whole_selection_whatever_the_page_size(partner):
    made = [PublishedIncidentFactory() for _ in range(4)]
    response = partner.get(URL, {"format": "csv", "page_size": "2"})
    assert len(list(read_csv_export(body_of(response)))) == len(made)


def test_export_error_is_explained_in_json(partner):
    response = partner.get(URL, {"format": "csv", "bbox": "nonsense"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert "bbox" in response.json()["errors"]


def test_single_incident_as_geojson(partner, ambush):
    response = partner.get(f"{URL}{ambush.pk}/", {"format": "geojson"})
    assert json.loads(body_of(response))["features"][0]["id"] == ambush.pk


def test_geojson_with_filters_that_join_the_same_tables(partner):
    from incidents.models import Place, Route

    incident = PublishedIncidentFactory(
        place=Place.objects.get(key="ml-bara"), route=Route.objects.get(slug="gao-ansongo")
    )
    response = partner.get(
        URL, {"format": "geojson", "event_type": "battles", "sub_event_type": "armed-clash"}
    )
    features = json.loads(body_of(response))["features"]
    assert [f["id"] for f in features] == [incident.pk]
    properties = features[0]["properties"]
    assert (properties["place"], properties["route"]) == ("ml-bara", "gao-ansongo")
    assert (properties["event_type"], properties["sub_event_type_name"]) == (
        "battles",
        "Armed clash",
    )


def test_csv_cannot_carry_a_spreadsheet_formula(partner):
    PublishedIncidentFactory(
        summary='=HYPERLINK("http://evil.example","click")', location_text="-2+3", killed=4
    )
    response = partner.get("/api/v1/incidents/", {"format": "csv"})
    row = next(iter(read_csv_export(body_of(response))))
    assert row["notes"] == '\'=HYPERLINK("http://evil.example","click")'
    assert row["location"] == "'-2+3"
    assert row["fatalities"] == "4" and not row["longitude"].startswith("'")


def test_geojson_properties_are_the_list_rows_of_the_same_incidents(partner, ambush):
    """The export's properties are built by PostgreSQL, the list's rows in
    Python: for the same incidents they say the same thing."""
    from incidents.models import Place, Route

    ambush.killed_qualifier = "at_least"
    ambush.save()
    PublishedIncidentFactory(
        place=Place.objects.get(key="ml-bara"),
        route=Route.objects.get(slug="gao-ansongo"),
        killed=None,
        wounded=3,
        civilian_targeting=True,
        summary='Quotes "here", a backslash \\ and é',
    )
    PublishedIncidentFactory(killed_low=2, killed_high=9, admin1="Mopti")
    rows = {row["id"]: row for row in partner.get(URL, {"page_size": 100}).json()["results"]}
    features = json.loads(body_of(partner.get(URL, {"format": "geojson"})))["features"]
    assert len(features) == len(rows) == 3
    for feature in features:
        row, properties = rows[feature["id"]], feature["properties"]
        assert feature["geometry"] == {
            "type": "Point",
            "coordinates": [row["longitude"], row["latitude"]],
        }
        same_names = [
            "id", "status", "date", "date_precision", "geo_precision", "location_text",
            "country", "admin1", "admin2", "event_type", "event_type_name", "sub_event_type",
            "sub_event_type_name", "civilian_targeting", "summary", "place", "route",
        ]  # fmt: skip
        assert {n: properties[n] for n in same_names} == {n: row[n] for n in same_names}
        assert {
            "killed": properties["killed"],
            "qualifier": properties["killed_qualifier"],
            "low": properties["killed_low"],
            "high": properties["killed_high"],
            "wounded": properties["wounded"],
        } == row["toll"]
        assert datetime.fromisoformat(properties["updated_at"]) == datetime.fromisoformat(
            row["updated_at"]
        )
        # The export's actors also carry ACLED's inter code.
        assert [{k: a[k] for k in ("key", "name", "role")} for a in properties["actors"]] == [
            {k: a[k] for k in ("key", "name", "role")} for a in row["actors"]
        ]
    assert len(rows[ambush.pk]["actors"]) == 4
