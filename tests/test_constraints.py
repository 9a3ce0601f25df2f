"""Impossible values are refused: with a clear message by model validation, and
by the database itself whatever path writes."""

from datetime import date, timedelta

import pytest
from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError
from django.db import IntegrityError, InternalError, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from incidents import services
from incidents.models import EntryKind, Incident, SubEventType, TollRevision, TollStatus
from tests.factories import IncidentFactory, TollRevisionFactory

pytestmark = pytest.mark.django_db


def messages_of(excinfo, field):
    return " ".join(excinfo.value.message_dict.get(field, []))


def test_future_incident_date_gets_a_clear_message():
    incident = IncidentFactory.build(date=timezone.localdate() + timedelta(days=3))
    with pytest.raises(ValidationError) as excinfo:
        incident.full_clean()
    assert "future" in messages_of(excinfo, "date")


def test_point_off_the_globe_gets_a_clear_message():
    incident = IncidentFactory.build(location=Point(200.0, 16.0, srid=4326))
    with pytest.raises(ValidationError) as excinfo:
        incident.full_clean()
    assert "off the globe" in messages_of(excinfo, "location")


def test_point_off_the_globe_refused_by_database():
    with pytest.raises(IntegrityError, match="incident_location_on_globe"), transaction.atomic():
        IncidentFactory(location=Point(0.0, 95.0, srid=4326))


def test_sub_type_of_another_type_is_refused():
    incident = IncidentFactory.build(sub_event_type=SubEventType.objects.get(slug="attack"))
    with pytest.raises(ValidationError) as excinfo:
        incident.full_clean()
    assert "not a sub-type" in messages_of(excinfo, "sub_event_type")


@pytest.mark.parametrize(
    "figures, field, words",
    [
        ({"killed": -1}, "killed", "greater than or equal to 0"),
        ({"killed": 10, "killed_min": 12}, "killed_min", "above the best"),
        ({"killed": 10, "killed_max": 8}, "killed_max", "below the best"),
        ({"killed": 10, "killed_min": 20, "killed_max": 5}, "killed_max", "below the minimum"),
        ({"killed": 10, "qualifier": "range", "killed_min": 10}, "qualifier", "range needs"),
        ({"killed": None}, "killed", "killed or of wounded"),
        ({"killed": 250_000}, "killed", "less than or equal to 100000"),
    ],
)
def test_impossible_toll_gets_a_clear_message(figures, field, words):
    revision = TollRevision(incident=IncidentFactory(), said_by="x", **figures)
    with pytest.raises(ValidationError) as excinfo:
        revision.full_clean()
    assert words in messages_of(excinfo, field)


@pytest.mark.parametrize(
    "figures, constraint",
    [
        ({"killed": -5}, "killed_check"),
        ({"killed": 10, "killed_min": 12}, "tollrevision_min_le_best"),
        ({"killed": 10, "killed_max": 8}, "tollrevision_best_le_max"),
        ({"killed": None, "wounded": None}, "tollrevision_states_a_figure"),
        (
            {"killed": 5, "entry_kind": EntryKind.EDITOR, "reason": ""},
            "tollrevision_editor_gives_reason",
        ),
    ],
)
def test_impossible_toll_refused_by_database(figures, constraint):
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        TollRevisionFactory(**figures)


def test_revision_figures_cannot_be_changed_even_by_raw_update():
    revision = TollRevisionFactory(killed=10)
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        TollRevision.objects.filter(pk=revision.pk).update(killed=11)
    revision.refresh_from_db()
    assert revision.killed == 10


def test_revision_cannot_be_deleted():
    revision = TollRevisionFactory()
    with pytest.raises((IntegrityError, InternalError), match="append-only"), transaction.atomic():
        TollRevision.objects.filter(pk=revision.pk).delete()
    assert TollRevision.objects.filter(pk=revision.pk).exists()


def test_revision_review_status_can_change():
    revision = TollRevisionFactory()
    TollRevision.objects.filter(pk=revision.pk).update(status=TollStatus.ACCEPTED)
    revision.refresh_from_db()
    assert revision.status == TollStatus.ACCEPTED


def test_incident_with_revisions_cannot_be_deleted():
    incident = IncidentFactory()
    services.record_toll_revision(incident=incident, killed=3)
    with pytest.raises(ProtectedError), transaction.atomic():
        incident.delete()
    assert Incident.objects.filter(pk=incident.pk).exists()


def test_valid_incident_passes_validation():
    IncidentFactory.build(date=date(2025, 2, 7)).full_clean(exclude=["place", "route"])
