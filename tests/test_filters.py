"""The shared incident FilterSet, tested directly on real PostGIS."""

from datetime import date
from urllib.parse import urlencode

import pytest
from django.contrib.gis.geos import Point
from django.db import connection
from django.http import QueryDict

from incidents.filters import IncidentFilterSet
from incidents.models import Actor, IncidentActor, Role
from tests.factories import PublishedIncidentFactory

pytestmark = pytest.mark.django_db

GAO = Point(-0.04472, 16.27167, srid=4326)
MID_ROAD = Point(0.2287, 15.9657, srid=4326)
MENAKA = Point(2.4, 15.92, srid=4326)


def query(params):
    """Parameters as they arrive in a request's query string."""
    return QueryDict(urlencode(params, doseq=True))


def ids(params):
    filterset = IncidentFilterSet(query(params))
    assert filterset.is_valid(), filterset.errors
    return set(filterset.qs.values_list("pk", flat=True))


@pytest.fixture
def three():
    gao = PublishedIncidentFactory(location=GAO, date=date(2025, 1, 10), country="Mali")
    road = PublishedIncidentFactory(
        location=MID_ROAD, date=date(2025, 2, 7), summary="convoy ambush", killed=32
    )
    menaka = PublishedIncidentFactory(
        location=MENAKA, date=date(2025, 3, 1), admin1="Ménaka", civilian_targeting=True
    )
    IncidentActor.objects.create(
        incident=road, actor=Actor.objects.get(key="jnim"), role=Role.PERPETRATOR
    )
    return gao, road, menaka


def test_date_range(three):
    gao, road, menaka = three
    assert ids({"date_from": "2025-02-01", "date_to": "2025-02-28"}) == {road.pk}


def test_bbox_keeps_points_inside(three):
    gao, road, menaka = three
    assert ids({"bbox": "-0.5,15.5,1.0,16.5"}) == {gao.pk, road.pk}


def test_near_point_within_radius_in_km(three):
    gao, road, menaka = three
    assert ids({"near": "-0.04,16.27", "radius_km": "5"}) == {gao.pk}
    assert ids({"near": "-0.04,16.27", "radius_km": "60"}) == {gao.pk, road.pk}


def test_within_km_of_route(three):
    gao, road, menaka = three
    assert ids({"route": "gao-ansongo", "within_km": "10"}) == {gao.pk, road.pk}


def test_actor_role_toll_and_text(three):
    gao, road, menaka = three
    assert ids({"actor": "jnim"}) == {road.pk}
    assert ids({"actor": "jnim", "actor_role": "victim"}) == set()
    assert ids({"min_killed": "30"}) == {road.pk}
    assert ids({"q": "CONVOY"}) == {road.pk}
    assert ids({"civilian_targeting": "true"}) == {menaka.pk}
    assert ids({"admin1": "ménaka"}) == {menaka.pk}


def test_text_search_matches_actor_alias(three):
    gao, road, menaka = three
    alias = Actor.objects.get(key="jnim").aliases.first().text
    assert road.pk in ids({"q": alias})


@pytest.mark.parametrize(
    "params, parameter",
    [
        ({"bbox": "1,2,3"}, "bbox"),
        ({"bbox": "a,b,c,d"}, "bbox"),
        ({"bbox": "10,10,0,0"}, "bbox"),
        ({"near": "200,10"}, "near"),
        ({"near": "nan,1"}, "near"),
        ({"date_from": "2025-13-45"}, "date_from"),
        ({"min_killed": "-1"}, "min_killed"),
        ({"actor": "no-such-actor"}, "actor"),
        ({"route": "no-such-road"}, "route"),
        ({"civilian_targeting": "perhaps"}, "civilian_targeting"),
        ({"radius_km": "1e9", "near": "0,0"}, "radius_km"),
    ],
)
def test_bad_parameters_are_errors_naming_the_parameter(params, parameter):
    filterset = IncidentFilterSet(query(params))
    assert not filterset.is_valid()
    assert parameter in filterset.errors_by_parameter


def test_near_filter_uses_geography_index():
    filterset = IncidentFilterSet(query({"near": "0,16", "radius_km": "10"}))
    assert filterset.is_valid()
    sql, params = filterset.qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "incident_location_geog_gist" in plan, plan


@pytest.mark.django_db(transaction=True)
def test_filters_work_in_a_transactional_test_too():
    """Runs with a real commit; the base data must be there before and after."""
    PublishedIncidentFactory(location=MID_ROAD)
    assert len(ids({"route": "gao-ansongo"})) == 1
