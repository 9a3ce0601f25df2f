"""The dashboard's JSON endpoints and pages, through HTTP (no browser)."""

from datetime import date

import pytest
from django.contrib.gis.geos import Point
from django.urls import reverse

from incidents.demo import create_motivating_incident
from incidents.filters import IncidentFilterSet
from incidents.models import EventType, IncidentStatus, Route, SubEventType
from incidents.selectors import km_along_route, visible_incidents
from tests.factories import IncidentFactory, PublishedIncidentFactory

pytestmark = pytest.mark.django_db

DATA_URL = "/data/incidents.json"


def ids(response) -> set[int]:
    return set(response.json()["id"])


@pytest.fixture
def spread():
    """Published incidents of several types, tolls, dates and places, and a draft."""
    vac = EventType.objects.get(slug="violence-against-civilians")
    attack = SubEventType.objects.filter(event_type=vac).first()
    rows = {
        "gao_battle": PublishedIncidentFactory(
            date=date(2025, 2, 7), killed=32, location=Point(0.2, 15.95, srid=4326)
        ),
        "mopti_attack": PublishedIncidentFactory(
            date=date(2025, 3, 1),
            killed=4,
            admin1="Mopti",
            civilian_targeting=True,
            event_type=vac,
            sub_event_type=attack,
            location=Point(-4.2, 14.5, srid=4326),
            summary="Gunmen attacked a village market.",
        ),
        "old_battle": PublishedIncidentFactory(
            date=date(2024, 11, 2), killed=None, location=Point(-1.4, 17.0, srid=4326)
        ),
        "draft": IncidentFactory(status=IncidentStatus.DRAFT, killed=99),
    }
    return rows


def test_anonymous_is_redirected_to_sign_in(client):
    for url in ("/", DATA_URL, "/routes/gao-ansongo/", "/incidents/1/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("dashboard:login"))


def test_map_data_is_columnar_and_published_only_for_analysts(analyst_client, spread):
    response = analyst_client.get(DATA_URL)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    assert ids(response) == {spread[k].pk for k in ("gao_battle", "mopti_attack", "old_battle")}
    # Columns line up: one entry per incident, oldest first.
    i = body["id"].index(spread["gao_battle"].pk)
    assert (body["lon"][i], body["lat"][i], body["killed"][i]) == (0.2, 15.95, 32)
    assert body["day"][i] == (date(2025, 2, 7) - date(1970, 1, 1)).days
    assert body["day"] == sorted(body["day"])
    types = list(EventType.objects.order_by("order").values_list("slug", flat=True))
    assert types[body["type"][i]] == "battles"
    assert body["place"][i] == "near Gao"


def test_editors_see_drafts_on_their_map(editor_client, spread):
    assert spread["draft"].pk in ids(editor_client.get(DATA_URL))


@pytest.mark.parametrize(
    "query, expected",
    [
        ("min_killed=10", {"gao_battle"}),
        ("event_type=violence-against-civilians", {"mopti_attack"}),
        ("date_from=2025-01-01&date_to=2025-02-28", {"gao_battle"}),
        ("admin1=mopti", {"mopti_attack"}),
        ("civilian_targeting=true", {"mopti_attack"}),
        ("q=market", {"mopti_attack"}),
        ("route=gao-ansongo&within_km=10", {"gao_battle"}),
        ("bbox=-5,14,-3,15", {"mopti_attack"}),
    ],
)
def test_map_data_applies_the_shared_filterset(analyst_client, analyst, spread, query, expected):
    response = analyst_client.get(f"{DATA_URL}?{query}")
    assert response.status_code == 200
    assert ids(response) == {spread[k].pk for k in expected}
    # The same answer as the FilterSet used directly (one meaning for a filter).
    from django.http import QueryDict

    filterset = IncidentFilterSet(QueryDict(query), queryset=visible_incidents(analyst))
    assert filterset.is_valid(), filterset.errors
    assert ids(response) == set(filterset.qs.values_list("pk", flat=True))


def test_view_only_parameters_are_not_filters(analyst_client, spread):
    response = analyst_client.get(f"{DATA_URL}?brush=2025-01-01,2025-01-02&inview=1&map=7/16/0")
    assert response.json()["count"] == 3


@pytest.mark.parametrize(
    "query, parameter",
    [
        ("date_from=yesterday", "date_from"),
        ("min_killed=-3", "min_killed"),
        ("min_killed=lots", "min_killed"),
        ("bbox=1,2,3", "bbox"),
        ("event_type=not-a-type", "event_type"),
        ("route=nowhere", "route"),
        ("within_km=5000&route=gao-ansongo", "within_km"),
    ],
)
def test_bad_filter_is_a_400_naming_the_parameter(analyst_client, query, parameter):
    response = analyst_client.get(f"{DATA_URL}?{query}")
    assert response.status_code == 400
    body = response.json()
    assert parameter in body["errors"]
    assert parameter in body["detail"]


def test_map_data_query_count_does_not_grow_with_incidents(
    analyst_client, django_assert_max_num_queries
):
    for n in range(40):
        PublishedIncidentFactory(killed=n, location=Point(0.01 * n, 16, srid=4326))
    # session, user, permissions (2), actor and type validation, type index, the rows
    with django_assert_max_num_queries(9):
        response = analyst_client.get(f"{DATA_URL}?event_type=battles&actor=jnim")
    assert response.status_code == 200


def test_route_data_gives_km_along_the_road(analyst_client):
    incident = create_motivating_incident()
    PublishedIncidentFactory(location=Point(-4.0, 14.5, srid=4326))  # far from the road
    route = Route.objects.get(slug="gao-ansongo")
    response = analyst_client.get("/data/routes/gao-ansongo.json")
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == [incident.pk]
    assert body["km"][0] == pytest.approx(
        km_along_route(route=route, point=incident.location), abs=1.0
    )
    assert body["within_km"] == 10
    assert body["route"]["buffer"]["type"] == "Polygon"
    assert body["route"]["length_km"] == pytest.approx(90, abs=5)


def test_route_data_rejects_a_bad_buffer(analyst_client):
    response = analyst_client.get("/data/routes/gao-ansongo.json?within_km=wide")
    assert response.status_code == 400
    assert "within_km" in response.json()["errors"]
    assert analyst_client.get("/data/routes/nowhere.json").status_code == 404


def test_main_page_redisplays_filters_and_lists_options(analyst_client, spread):
    response = analyst_client.get("/?min_killed=20&event_type=battles&q=conv%22oy")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="min_killed" min="0" step="1" value="20"' in html
    assert 'value="battles" checked' in html
    assert 'value="conv&quot;oy"' in html  # escaped into the attribute
    assert "<option selected>Mopti</option>" not in html
    assert ">Mopti</option>" in html


def test_pages_query_counts_are_bounded(analyst_client, django_assert_max_num_queries):
    incident = create_motivating_incident()
    for _ in range(20):
        PublishedIncidentFactory()
    with django_assert_max_num_queries(15):
        assert analyst_client.get("/").status_code == 200
    with django_assert_max_num_queries(15):
        assert analyst_client.get(f"/incidents/{incident.pk}/").status_code == 200
    with django_assert_max_num_queries(12):
        assert analyst_client.get("/routes/gao-ansongo/").status_code == 200


def test_unpublished_incident_is_404_for_analysts_but_editable_by_editors(client, analyst, editor):
    draft = IncidentFactory(status=IncidentStatus.DRAFT)
    client.force_login(analyst)
    assert client.get(f"/incidents/{draft.pk}/").status_code == 404
    client.force_login(editor)
    response = client.get(f"/incidents/{draft.pk}/")
    assert response.status_code == 200
    assert reverse("admin:incidents_incident_change", args=[draft.pk]) in response.content.decode()


def test_incident_page_spells_out_precision_and_toll_history(analyst_client):
    incident = create_motivating_incident()
    html = analyst_client.get(f"/incidents/{incident.pk}/").content.decode()
    assert "10 → at least 32" in html
    assert "Day known" in html
    assert "On the road between two places" in html
    assert "Perpetrator" in html and "Escort / ally" in html
    assert "a provisional toll of 10 dead" in html
    assert "Edit in admin" not in html


def test_french_interface(analyst_client):
    analyst_client.cookies["django_language"] = "fr"
    html = analyst_client.get("/").content.decode()
    assert 'lang="fr"' in html
    assert "Filtres" in html


def test_no_match_gives_empty_columns(analyst_client, spread):
    body = analyst_client.get(f"{DATA_URL}?min_killed=1000").json()
    assert body == {
        "count": 0,
        "id": [],
        "day": [],
        "lon": [],
        "lat": [],
        "killed": [],
        "type": [],
        "place": [],
    }


def test_described_incidents_are_named_with_qualified_tolls_and_visibility(
    analyst_client, django_assert_max_num_queries
):
    convoy = create_motivating_incident()
    draft = IncidentFactory(killed=3)
    url = reverse("dashboard:incidents-described")
    with django_assert_max_num_queries(8):
        body = analyst_client.get(url, {"id": [convoy.pk, draft.pk]}).json()
    assert list(body) == [str(convoy.pk)]  # the draft is not the analyst's to see
    assert body[str(convoy.pk)] == {
        "name": "Armed clash on the Gao–Ansongo road (RN17), 45 km from Gao",
        "toll": "at least 32 killed",
        "reported": "between Gao and Ansongo",
    }
    french = analyst_client.get(url, {"id": convoy.pk}, HTTP_ACCEPT_LANGUAGE="fr").json()
    assert french[str(convoy.pk)]["toll"] == "au moins 32 tués"


@pytest.mark.parametrize("ids_", [["x"], [str(n) for n in range(201)]])
def test_described_rejects_bad_ids(analyst_client, ids_):
    response = analyst_client.get(reverse("dashboard:incidents-described"), {"id": ids_})
    assert response.status_code == 400
    assert "id" in response.json()["errors"]
