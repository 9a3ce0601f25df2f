"""Incident detail, toll history, timeline, actors, places and routes."""

from datetime import UTC, date, datetime

import pytest
from django.contrib.gis.geos import Point

from incidents import services
from incidents.models import Actor, IncidentActor, IncidentSource, IncidentStatus, Place, Role
from tests.factories import ArticleFactory, IncidentFactory, PublishedIncidentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ambush():
    incident = IncidentFactory(summary="convoy ambush")
    first, second = ArticleFactory(outlet="Studio Tamani"), ArticleFactory(outlet="RFI")
    IncidentSource.objects.create(incident=incident, article=first, quote="10 morts")
    IncidentSource.objects.create(incident=incident, article=second, quote="au moins 32 morts")
    IncidentActor.objects.create(
        incident=incident, actor=Actor.objects.get(key="jnim"), role=Role.PERPETRATOR
    )
    services.record_toll_revision(
        incident=incident,
        killed=10,
        said_by="local official",
        article=first,
        quote="10 morts",
        reported_at=datetime(2025, 2, 8, tzinfo=UTC),
    )
    services.record_toll_revision(
        incident=incident,
        killed=32,
        qualifier="at_least",
        said_by="local official and NGO",
        article=second,
        quote="au moins 32 morts",
        reported_at=datetime(2025, 2, 9, tzinfo=UTC),
    )
    return services.publish_incident(incident=incident)


def test_detail_has_actors_sources_current_toll_and_history(partner, ambush):
    body = partner.get(f"/api/v1/incidents/{ambush.pk}/").json()
    assert body["toll"] == {
        "killed": 32,
        "qualifier": "at_least",
        "low": 32,
        "high": 32,
        "wounded": None,
    }
    assert [a["key"] for a in body["actors"]] == ["jnim"]
    assert body["actors"][0]["inter_code"] == 2
    assert [(s["outlet"], s["quote"]) for s in body["sources"]] == [
        ("Studio Tamani", "10 morts"),
        ("RFI", "au moins 32 morts"),
    ]
    history = body["toll_revisions"]
    assert [(r["killed"], r["current"]) for r in history] == [(10, False), (32, True)]
    assert history[1]["article_url"] == body["sources"][1]["url"]


def test_toll_endpoint_lists_every_revision(partner, ambush):
    body = partner.get(f"/api/v1/incidents/{ambush.pk}/tolls/").json()
    assert body["current"]["killed"] == 32
    assert [r["quote"] for r in body["revisions"]] == ["10 morts", "au moins 32 morts"]


def test_draft_detail_is_404_for_partner_but_visible_to_editor(partner, editor_client):
    draft = IncidentFactory()
    assert partner.get(f"/api/v1/incidents/{draft.pk}/").status_code == 404
    assert editor_client.get(f"/api/v1/incidents/{draft.pk}/").status_code == 200


def test_merged_incident_detail_is_410_pointing_to_survivor(partner):
    survivor = PublishedIncidentFactory()
    duplicate = PublishedIncidentFactory(status=IncidentStatus.RETRACTED, merged_into=survivor)
    response = partner.get(f"/api/v1/incidents/{duplicate.pk}/")
    assert response.status_code == 410
    assert response.json()["merged_into"] == survivor.pk


def test_huge_id_is_404_not_500(partner):
    assert partner.get("/api/v1/incidents/99999999999999999999999/").status_code == 404


def test_timeline_buckets_follow_filters(partner):
    for day, killed, admin1 in (
        (date(2025, 2, 3), 5, "Gao"),
        (date(2025, 2, 7), 32, "Gao"),
        (date(2025, 2, 12), None, "Gao"),
        (date(2025, 2, 4), 9, "Mopti"),
    ):
        PublishedIncidentFactory(
            date=day, killed=killed, admin1=admin1, location=Point(0, 16, srid=4326)
        )
    body = partner.get("/api/v1/incidents/timeline/", {"admin1": "Gao"}).json()
    assert body["bucket"] == "week"
    assert [(b["start"], b["incidents"], b["killed"]) for b in body["buckets"]] == [
        ("2025-02-03", 2, 37),
        ("2025-02-10", 1, 0),
    ]
    bad = partner.get("/api/v1/incidents/timeline/", {"bucket": "fortnight"})
    assert bad.status_code == 400 and "bucket" in bad.json()["errors"]


def test_actors_with_aliases_and_kind_filter(partner):
    body = partner.get("/api/v1/actors/", {"kind": "state"}).json()
    keys = {a["key"] for a in body["results"]}
    assert "malian-armed-forces" in keys and "jnim" not in keys
    jnim = partner.get("/api/v1/actors/jnim/").json()
    assert jnim["aliases"] and jnim["inter_code"] == 2


def test_places_filter_by_text_and_bbox(partner):
    body = partner.get("/api/v1/places/", {"q": "ansongo", "page_size": "50"}).json()
    assert "ml-ansongo" in {p["key"] for p in body["results"]}
    ansongo = Place.objects.get(key="ml-ansongo")
    box = (
        f"{ansongo.point.x - 0.01},{ansongo.point.y - 0.01},"
        f"{ansongo.point.x + 0.01},{ansongo.point.y + 0.01}"
    )
    inside = partner.get("/api/v1/places/", {"bbox": box}).json()["results"]
    assert "ml-ansongo" in {p["key"] for p in inside}


def test_places_page_through_all_with_cursor(partner):
    seen, url = [], "/api/v1/places/?page_size=100"
    while url:
        body = partner.get(url).json()
        seen += [p["key"] for p in body["results"]]
        url = body["next"]
    assert len(seen) == len(set(seen)) == Place.objects.count()


def test_route_incidents_carry_km_along_the_road(partner):
    bara = Place.objects.get(key="ml-bara").point
    on_road = PublishedIncidentFactory(location=bara)
    PublishedIncidentFactory(location=Point(2.4, 15.92, srid=4326))  # Ménaka, off the road
    routes = partner.get("/api/v1/routes/").json()
    assert "gao-ansongo" in {r["slug"] for r in routes}
    body = partner.get("/api/v1/routes/gao-ansongo/incidents/").json()
    assert [r["id"] for r in body["results"]] == [on_road.pk]
    assert 55 < body["results"][0]["route_km"] < 75
    assert partner.get("/api/v1/routes/nowhere/incidents/").status_code == 404


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/v1/actors/?kind=spaceship", "kind"),
        ("/api/v1/places/?kind=castle", "kind"),
        ("/api/v1/places/?bbox=1,2", "bbox"),
        ("/api/v1/routes/gao-ansongo/incidents/?within_km=-1", "within_km"),
        ("/api/v1/routes/gao-ansongo/incidents/?ordering=date", "ordering"),
        ("/api/v1/actors/?colour=red", "colour"),
    ],
)
def test_catalog_bad_parameters_are_400_naming_them(partner, url, parameter):
    response = partner.get(url)
    assert response.status_code == 400, response.content
    assert parameter in response.json()["errors"]
