"""The main page's map feed (map.json, timeline.json, list.json) through HTTP:
clusters from PostGIS when many incidents are in view, the incidents once few
are, the one visibility rule, the dashboard's filters and brush, ETag and gzip."""

import gzip
from datetime import date

import pytest
from django.contrib.gis.geos import Point

from incidents.models import EventType, IncidentStatus, SubEventType
from incidents.views import mapfeed
from tests.factories import IncidentFactory, PublishedIncidentFactory

pytestmark = pytest.mark.django_db

MAP = "/data/map.json"
TIMELINE = "/data/timeline.json"
LIST = "/data/list.json"
SAHEL = "view=-12,9,16,24&zoom=5"
NEAR_GAO = "view=-0.5,15.9,0.5,16.6&zoom=10"


@pytest.fixture
def towns():
    """Seven published incidents around Gao, four around Mopti (one of them a
    different type), and incidents nobody may see on the map."""
    vac = EventType.objects.get(slug="violence-against-civilians")
    attack = SubEventType.objects.filter(event_type=vac).first()
    gao = [
        PublishedIncidentFactory(
            date=date(2025, 1, 1 + n), killed=n, location=Point(0.01 * n, 16.27, srid=4326)
        )
        for n in range(7)
    ]
    mopti = [
        PublishedIncidentFactory(
            date=date(2024, 6, 1 + n), killed=10, location=Point(-4.2 + 0.01 * n, 14.5, srid=4326)
        )
        for n in range(3)
    ]
    mopti.append(
        PublishedIncidentFactory(
            date=date(2024, 6, 9),
            killed=None,
            event_type=vac,
            sub_event_type=attack,
            location=Point(-4.15, 14.5, srid=4326),
        )
    )
    hidden = [
        IncidentFactory(status=IncidentStatus.DRAFT, location=Point(0.02, 16.27, srid=4326)),
        PublishedIncidentFactory(
            status=IncidentStatus.RETRACTED, killed=50, location=Point(0.03, 16.27, srid=4326)
        ),
        PublishedIncidentFactory(
            merged_into=gao[0], killed=60, location=Point(0.04, 16.27, srid=4326)
        ),
    ]
    return {"gao": gao, "mopti": mopti, "hidden": hidden}


@pytest.fixture
def few_points(monkeypatch):
    """Clusters from the server as soon as more than 3 incidents are in view."""
    monkeypatch.setattr(mapfeed, "MAX_POINTS", 3)


def clusters(body) -> list[dict]:
    c = body["clusters"]
    return [{key: c[key][n] for key in c} for n in range(len(c["count"]))]


def test_many_in_view_come_as_clusters_with_counts_and_deaths(analyst_client, towns, few_points):
    body = analyst_client.get(f"{MAP}?{SAHEL}").json()
    assert body["mode"] == "clusters"
    assert body["count"] == 11  # drafts, retracted and merged incidents are not counted
    by_size = sorted(clusters(body), key=lambda c: c["count"])
    assert [c["count"] for c in by_size] == [4, 7]
    mopti, gao = by_size
    assert gao["killed"] == sum(range(7))  # the merged duplicate's 60 and retracted 50 are gone
    assert mopti["killed"] == 30  # the unknown toll counts as 0
    types = list(EventType.objects.order_by("order").values_list("slug", flat=True))
    assert mopti["types"][types.index("battles")] == 3
    assert mopti["types"][types.index("violence-against-civilians")] == 1
    # Centroid and extent of each cluster's own incidents.
    assert (gao["west"], gao["east"], gao["south"], gao["north"]) == (0.0, 0.06, 16.27, 16.27)
    assert gao["lon"] == pytest.approx(0.03)
    assert body["points"]["id"] == []


def test_few_in_view_come_as_the_incidents_themselves(analyst_client, towns, few_points):
    body = analyst_client.get(f"{MAP}?view=-0.001,16.2,0.015,16.3&zoom=12").json()
    assert body["mode"] == "points"
    assert body["points"]["id"] == [i.pk for i in towns["gao"][:3]]  # oldest first
    assert body["points"]["place"] == ["near Gao"] * 3


def test_a_cell_of_one_incident_is_that_incident(analyst_client, towns, few_points):
    lone = PublishedIncidentFactory(killed=None, location=Point(10.5, 20.5, srid=4326))
    body = analyst_client.get(f"{MAP}?{SAHEL}").json()
    assert body["mode"] == "clusters"
    points = body["points"]
    assert points["id"] == [lone.pk]
    assert (points["lon"], points["lat"], points["killed"]) == ([10.5], [20.5], [None])
    assert body["count"] == 12


def test_editors_clusters_count_their_drafts(editor_client, towns, few_points):
    assert editor_client.get(f"{MAP}?{SAHEL}").json()["count"] == 12


@pytest.mark.parametrize(
    "query, count",
    [
        ("event_type=violence-against-civilians", 1),
        ("min_killed=5", 5),  # Gao's 5 and 6, Mopti's three 10s
        ("brush=2025-01-01,2025-01-03", 3),
        ("brush=2024-06-01,2025-01-01&min_killed=1", 3),
        ("date_from=2025-01-05", 3),
        ("bbox=-5,14,-3,15", 4),
    ],
)
def test_the_dashboards_filters_and_brush_narrow_the_map(
    analyst_client, towns, few_points, query, count
):
    assert analyst_client.get(f"{MAP}?{SAHEL}&{query}").json()["count"] == count


def test_the_view_bounds_what_is_sent(analyst_client, towns, few_points):
    body = analyst_client.get(f"{MAP}?{NEAR_GAO}").json()
    assert body["count"] == 7  # Gao's, not Mopti's
    assert sum(c["count"] for c in clusters(body)) + len(body["points"]["id"]) == 7


@pytest.mark.parametrize(
    "query, parameter",
    [
        ("view=1,2,3&zoom=5", "view"),
        ("zoom=99", "zoom"),
        ("zoom=5&brush=2025-02-01", "brush"),
        ("zoom=5&brush=2025-02-01,2025-01-01", "brush"),
        ("zoom=5&min_killed=lots", "min_killed"),
        ("", "zoom"),
    ],
)
def test_bad_view_parameters_are_a_400_naming_them(analyst_client, query, parameter):
    response = analyst_client.get(f"{MAP}?{query}")
    assert response.status_code == 400
    assert parameter in response.json()["errors"]


def test_an_unchanged_view_is_a_304_and_a_change_is_not(analyst_client, towns):
    first = analyst_client.get(f"{MAP}?{SAHEL}")
    etag = first["ETag"]
    assert first["Cache-Control"] == "private, no-cache"
    again = analyst_client.get(f"{MAP}?{SAHEL}", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    PublishedIncidentFactory(location=Point(1.0, 16.0, srid=4326))
    changed = analyst_client.get(f"{MAP}?{SAHEL}", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed.json()["count"] == 12
    for url in (TIMELINE, LIST):
        tag = analyst_client.get(url)["ETag"]
        assert analyst_client.get(url, HTTP_IF_NONE_MATCH=tag).status_code == 304


def test_feed_is_gzipped_for_browsers_that_accept_it(analyst_client, towns):
    for n in range(20):  # more days, so the timeline is worth compressing too
        PublishedIncidentFactory(date=date(2023, 3, 1 + n), location=Point(2, 13, srid=4326))
    for url in (f"{MAP}?{SAHEL}", TIMELINE, LIST):
        assert len(analyst_client.get(url).content) > 200  # Django leaves shorter ones as they are
        response = analyst_client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate")
        assert response["Content-Encoding"] == "gzip"
        assert gzip.decompress(response.content).startswith(b"{")
        # The weak ETag of the compressed body still matches the next time.
        again = analyst_client.get(
            url, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=response["ETag"]
        )
        assert again.status_code == 304


def test_timeline_counts_incidents_and_deaths_per_day(analyst_client, towns):
    body = analyst_client.get(f"{TIMELINE}?extent=1").json()
    assert body["count"] == 11
    epoch = date(1970, 1, 1)
    day = (date(2025, 1, 3) - epoch).days
    i = body["day"].index(day)
    assert (body["incidents"][i], body["killed"][i]) == (1, 2)
    assert body["day"] == sorted(body["day"])
    assert body["extent"] == [-4.2, 14.5, 0.06, 16.27]
    assert "extent" not in analyst_client.get(TIMELINE).json()
    assert analyst_client.get(f"{TIMELINE}?min_killed=5").json()["count"] == 5


def test_list_pages_newest_first_under_filters_brush_and_view(analyst_client, towns):
    first = analyst_client.get(f"{LIST}?limit=4").json()
    assert first["count"] == 11
    assert first["more"] is True
    newest = sorted(towns["gao"] + towns["mopti"], key=lambda i: (i.date, i.pk), reverse=True)
    assert first["id"] == [i.pk for i in newest[:4]]
    last = newest[3]
    rest = analyst_client.get(f"{LIST}?limit=20&before={last.date.isoformat()},{last.pk}").json()
    assert rest["id"] == [i.pk for i in newest[4:]]
    assert rest["more"] is False
    assert analyst_client.get(f"{LIST}?view=-5,14,-3,15").json()["count"] == 4
    assert analyst_client.get(f"{LIST}?count=0").json()["count"] is None  # the page sums days
    brushed = analyst_client.get(f"{LIST}?brush=2025-01-01,2025-01-02").json()
    assert brushed["id"] == [towns["gao"][1].pk, towns["gao"][0].pk]
    assert analyst_client.get(f"{LIST}?before=yesterday").status_code == 400


def test_map_feed_query_count_does_not_grow_with_incidents(
    analyst_client, few_points, django_assert_max_num_queries
):
    for n in range(40):
        PublishedIncidentFactory(killed=n, location=Point(0.3 * n, 16, srid=4326))
    # session, user, permissions (2), type validation, version, type index,
    # the pyramid, the lone incidents
    with django_assert_max_num_queries(9):
        body = analyst_client.get(f"{MAP}?{SAHEL}&event_type=battles").json()
    assert body["mode"] == "clusters"


def test_an_unchanged_view_answers_304_without_reading_the_incidents(
    analyst_client, towns, few_points
):
    """The validator is known before the answer: a repeat reads the feed
    version, not the incidents or the pyramid."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for url in (f"{MAP}?{SAHEL}&brush=2024-06-03,2025-01-04", f"{TIMELINE}?extent=1", LIST):
        etag = analyst_client.get(url)["ETag"]
        with CaptureQueriesContext(connection) as queries:
            again = analyst_client.get(url, HTTP_IF_NONE_MATCH=etag)
        assert again.status_code == 304
        assert again["ETag"] == etag
        read = " ".join(q["sql"] for q in queries.captured_queries)
        assert 'incidents_incident"' not in read and "incidents_incidentcell" not in read
        assert "incidents_incidentday" not in read


def test_the_validator_changes_with_what_the_answer_depends_on(analyst_client, editor, towns):
    from django.test import Client

    from incidents import services
    from incidents.models import Actor, Role

    url = f"{MAP}?{SAHEL}&actor=jnim"
    etag = analyst_client.get(url)["ETag"]
    assert analyst_client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    # Another order of the same parameters is the same view.
    swapped = f"{MAP}?actor=jnim&zoom=5&view=-12,9,16,24"
    assert analyst_client.get(swapped, HTTP_IF_NONE_MATCH=etag).status_code == 304
    # A new actor link changes which incidents the filter keeps.
    services.link_actor(
        incident=towns["gao"][0], actor=Actor.objects.get(key="jnim"), role=Role.PERPETRATOR
    )
    changed = analyst_client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed.json()["count"] == 1
    # An editor, who also sees drafts, never gets an analyst's answer.
    etag = analyst_client.get(f"{MAP}?{SAHEL}")["ETag"]
    editor_client = Client()  # the fixtures' clients are one client
    editor_client.force_login(editor)
    assert editor_client.get(f"{MAP}?{SAHEL}", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_a_brushed_cluster_view_costs_the_same_queries_at_any_size(
    analyst_client, few_points, django_assert_max_num_queries
):
    for n in range(40):
        PublishedIncidentFactory(
            date=date(2024, 1 + n % 12, 1 + n % 28),
            killed=n,
            location=Point(0.3 * n, 16, srid=4326),
        )
    # session, user, permissions (2), type validation, version, type index,
    # the pyramid, the two partial months, the lone incidents
    with django_assert_max_num_queries(11):
        body = analyst_client.get(
            f"{MAP}?{SAHEL}&event_type=battles&brush=2024-02-10,2024-11-20"
        ).json()
    assert body["mode"] == "clusters"
    assert body["count"] == sum(
        1
        for n in range(40)
        if date(2024, 2, 10) <= date(2024, 1 + n % 12, 1 + n % 28) <= date(2024, 11, 20)
    )
