"""Listing incidents over HTTP: visibility, every filter, bad parameters."""

from datetime import date

import pytest
from django.contrib.gis.geos import Point

from incidents.models import Actor, IncidentActor, IncidentStatus, Role
from tests.factories import IncidentFactory, PublishedIncidentFactory

pytestmark = pytest.mark.django_db

GAO = Point(-0.04472, 16.27167, srid=4326)
MID_ROAD = Point(0.2287, 15.9657, srid=4326)
MENAKA = Point(2.4, 15.92, srid=4326)
URL = "/api/v1/incidents/"


def ids(response):
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


@pytest.fixture
def three():
    gao = PublishedIncidentFactory(location=GAO, date=date(2025, 1, 10), killed=3)
    road = PublishedIncidentFactory(
        location=MID_ROAD,
        date=date(2025, 2, 7),
        summary="convoy ambush",
        killed=32,
        admin2="Ansongo",
    )
    menaka = PublishedIncidentFactory(
        location=MENAKA, date=date(2025, 3, 1), admin1="Ménaka", civilian_targeting=True
    )
    IncidentActor.objects.create(
        incident=road, actor=Actor.objects.get(key="jnim"), role=Role.PERPETRATOR
    )
    IncidentActor.objects.create(
        incident=road, actor=Actor.objects.get(key="civilians"), role=Role.VICTIM
    )
    return gao, road, menaka


def test_partner_sees_published_only_and_no_drafts(partner):
    published = PublishedIncidentFactory()
    IncidentFactory(status=IncidentStatus.DRAFT)
    IncidentFactory(status=IncidentStatus.RETRACTED)
    assert ids(partner.get(URL)) == {published.pk}


def test_editor_session_sees_drafts_but_not_retracted(editor_client):
    made = {PublishedIncidentFactory().pk, IncidentFactory().pk}
    IncidentFactory(status=IncidentStatus.RETRACTED)
    assert ids(editor_client.get(URL)) == made
    draft_only = editor_client.get(URL, {"status": "draft"})
    assert len(ids(draft_only)) == 1


def test_anonymous_request_is_refused_with_401(client):
    response = client.get(URL)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Api-Key"


def test_row_carries_toll_actors_and_coordinates(partner, three):
    gao, road, menaka = three
    row = next(r for r in partner.get(URL).json()["results"] if r["id"] == road.pk)
    assert row["toll"]["killed"] == 32
    assert row["longitude"] == pytest.approx(0.2287) and row["latitude"] == pytest.approx(15.9657)
    assert {(a["key"], a["role"]) for a in row["actors"]} == {
        ("jnim", "perpetrator"),
        ("civilians", "victim"),
    }
    assert row["event_type"] == "battles" and row["sub_event_type"] == "armed-clash"
    assert row["url"].endswith(f"/api/v1/incidents/{road.pk}/")


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"date_from": "2025-02-01", "date_to": "2025-02-28"}, {"road"}),
        ({"bbox": "-0.5,15.5,1.0,16.5"}, {"gao", "road"}),
        ({"near": "-0.04,16.27", "radius_km": "5"}, {"gao"}),
        ({"near": "-0.04,16.27", "radius_km": "60"}, {"gao", "road"}),
        ({"route": "gao-ansongo", "within_km": "10"}, {"gao", "road"}),
        ({"country": "mali"}, {"gao", "road", "menaka"}),
        ({"admin1": "ménaka"}, {"menaka"}),
        ({"actor": "jnim"}, {"road"}),
        ({"actor": "jnim", "actor_role": "victim"}, set()),
        ({"actor": ["jnim", "civilians"], "actor_role": "victim"}, {"road"}),
        ({"event_type": "battles"}, {"gao", "road", "menaka"}),
        ({"event_type": "riots"}, set()),
        ({"sub_event_type": "armed-clash"}, {"gao", "road", "menaka"}),
        ({"min_killed": "30"}, {"road"}),
        ({"max_killed": "5"}, {"gao"}),
        ({"civilian_targeting": "true"}, {"menaka"}),
        ({"civilian_targeting": "false"}, {"gao", "road"}),
        ({"q": "CONVOY"}, {"road"}),
        ({"q": "ansongo"}, {"road"}),
        ({"date_precision": "day"}, {"gao", "road", "menaka"}),
        ({"geo_precision": "region"}, set()),
    ],
)
def test_each_filter_over_http(partner, three, params, expected):
    named = dict(zip(("gao", "road", "menaka"), three, strict=True))
    assert ids(partner.get(URL, params)) == {named[n].pk for n in expected}


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"date_from": "last tuesday"}, "date_from"),
        ({"bbox": "1,2,3"}, "bbox"),
        ({"bbox": "0,0,-1,-1"}, "bbox"),
        ({"near": "500,16"}, "near"),
        ({"radius_km": "-3"}, "radius_km"),
        ({"route": "no-such-road"}, "route"),
        ({"actor": "nobody"}, "actor"),
        ({"min_killed": "many"}, "min_killed"),
        ({"civilian_targeting": "perhaps"}, "civilian_targeting"),
        ({"updated_since": "yesterday"}, "updated_since"),
        ({"ordering": "summary"}, "ordering"),
        ({"page_size": "0"}, "page_size"),
        ({"page_size": "100000"}, "page_size"),
        ({"cursor": "not-a-cursor"}, "cursor"),
        ({"since": "garbage"}, "since"),
        ({"format": "xml"}, "format"),
        ({"date_form": "2025-01-01"}, "date_form"),
    ],
)
def test_bad_parameter_is_400_naming_it(partner, params, parameter):
    response = partner.get(URL, params)
    assert response.status_code == 400, response.content
    body = response.json()
    assert parameter in body["errors"]
    assert parameter in body["detail"]


def test_list_page_costs_a_fixed_number_of_queries(partner, django_assert_max_num_queries):
    for _ in range(30):
        incident = PublishedIncidentFactory()
        IncidentActor.objects.create(
            incident=incident, actor=Actor.objects.get(key="jnim"), role=Role.PERPETRATOR
        )
    # key, actor filter, page, actors of the page, taxonomy (+ places, routes if any)
    with django_assert_max_num_queries(7):
        response = partner.get(URL)
    assert len(response.json()["results"]) == 30
