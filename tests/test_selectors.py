"""Shared reads: visibility by role, km along a route, timeline buckets."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.gis.geos import Point

from incidents.models import IncidentStatus, Place, Route
from incidents.selectors import km_along_route, timeline, visible_incidents, with_route_km
from tests.factories import IncidentFactory, PublishedIncidentFactory

pytestmark = pytest.mark.django_db


def test_partners_and_analysts_see_only_published_editors_drafts_too_nobody_withdrawn(
    analyst, editor
):
    published = PublishedIncidentFactory()
    draft = IncidentFactory(status=IncidentStatus.DRAFT)
    IncidentFactory(status=IncidentStatus.RETRACTED)
    PublishedIncidentFactory(merged_into=published)
    assert list(visible_incidents(analyst)) == [published]
    assert list(visible_incidents(AnonymousUser())) == [published]
    assert set(visible_incidents(editor)) == {published, draft}


def test_route_km_annotation_matches_linear_referencing():
    route = Route.objects.get(slug="gao-ansongo")
    bara = Place.objects.get(key="ml-bara").point
    incident = PublishedIncidentFactory(location=bara)
    annotated = with_route_km(visible_incidents(), route=route).get(pk=incident.pk)
    assert annotated.route_km == pytest.approx(km_along_route(route=route, point=bara), abs=1.0)
    assert 55 < annotated.route_km < 75


def test_timeline_counts_incidents_and_deaths_per_week():
    for day, killed in ((date(2025, 2, 3), 5), (date(2025, 2, 7), 32), (date(2025, 2, 12), None)):
        PublishedIncidentFactory(date=day, killed=killed, location=Point(0, 16, srid=4326))
    rows = timeline(visible_incidents(), bucket="week")
    assert [(r["start"].isoformat(), r["incidents"], r["killed"]) for r in rows] == [
        ("2025-02-03", 2, 37),
        ("2025-02-10", 1, 0),
    ]
    with pytest.raises(ValueError):
        timeline(visible_incidents(), bucket="year")
