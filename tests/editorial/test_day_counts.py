"""The per-day counts behind the timeline (IncidentDay) stay exact through
every write a newsroom makes — create, publish, edit the date, correct the
toll, merge, undo the merge, retract, set back to draft — and the timeline
read from them equals the one counted from the incidents themselves."""

from datetime import UTC, date, datetime

import pytest
from django.db.models import Count, Sum
from django.db.models.functions import Coalesce
from django.http import QueryDict

from incidents import services
from incidents.filters import IncidentFilterSet
from incidents.models import EntryKind, Incident, IncidentDay
from incidents.selectors import (
    WITHDRAWN,
    incident_timeline,
    timeline,
    visible_incidents,
)
from incidents.synthetic.copy import generate
from tests.editorial.helpers import convoy

pytestmark = pytest.mark.django_db


def counted_from_incidents() -> dict:
    rows = (
        Incident.objects.exclude(WITHDRAWN)
        .values("date", "status")
        .annotate(n=Count("id"), dead=Coalesce(Sum("killed"), 0))
    )
    return {(r["date"], r["status"]): (r["n"], r["dead"]) for r in rows}


def kept() -> dict:
    return {
        (d.day, d.status): (d.incidents, d.killed)
        for d in IncidentDay.objects.all()
        if d.incidents or d.killed
    }


def assert_exact():
    assert kept() == counted_from_incidents()


def test_counts_follow_every_editorial_write(editor):
    first, _ = convoy(killed=32, day=8)
    assert kept()[(first.date, "published")] == (1, 32)
    second, _ = convoy(killed=10, day=9)
    draft, _ = convoy(killed=5, day=9, publish=False)
    assert_exact()

    services.update_incident(incident=first, changes={"date": date(2025, 1, 3)}, user=editor)
    assert_exact()
    services.record_toll_revision(
        incident=first,
        killed=41,
        said_by="NGO",
        reported_at=datetime(2025, 2, 12, tzinfo=UTC),
        entry_kind=EntryKind.EDITOR,
        entered_by=editor,
        reason="the NGO's later count",
    )
    assert kept()[(date(2025, 1, 3), "published")] == (1, 41)
    assert_exact()

    merge = services.merge_incidents(duplicate=second, survivor=first, user=editor, reason="same")
    assert_exact()
    services.undo_merge(merge=merge, user=editor, reason="not the same after all")
    assert_exact()
    services.publish_incident(incident=draft, user=editor)
    assert_exact()
    services.retract_incident(incident=second, user=editor, reason="a hoax")
    assert_exact()
    services.unpublish_incident(incident=first, user=editor, reason="checking the date")
    assert_exact()
    assert IncidentDay.objects.filter(incidents__lt=0).count() == 0


def test_counts_follow_a_copy_of_generated_incidents():
    convoy(killed=3, day=8)
    generate(300, seed=5, batch=120, background=False)
    assert_exact()


def _filterset(user, **params):
    filterset = IncidentFilterSet(
        QueryDict(mutable=True) | params, queryset=visible_incidents(user)
    )
    assert filterset.is_valid()
    return filterset


@pytest.mark.parametrize("bucket", ["day", "week", "month"])
def test_timeline_from_day_counts_equals_the_one_counted_from_incidents(editor, bucket):
    generate(300, seed=6, batch=300, background=False)
    services.unpublish_incident(incident=Incident.objects.first(), user=editor, reason="check")
    for user in (None, editor):  # a partner sees published incidents, an editor drafts too
        for params in (
            {},
            {"date_from": "2019-03-01", "date_to": "2023-06-30"},
            {"status": "draft"},
        ):
            filterset = _filterset(user, **params)
            from_days = incident_timeline(user=user, filterset=filterset, bucket=bucket)
            assert from_days == timeline(filterset.qs, bucket=bucket)
            assert from_days or params.get("status") == "draft" and user is None
