"""The current-toll rule (incidents.tolls), through the services that store it."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError

from incidents import services
from incidents.models import EntryKind, TollStatus
from tests.factories import IncidentFactory

pytestmark = pytest.mark.django_db

FRIDAY = datetime(2025, 2, 7, 18, 0, tzinfo=UTC)
SATURDAY = FRIDAY + timedelta(hours=18)


def record(incident, killed, when, **kwargs):
    return services.record_toll_revision(
        incident=incident, killed=killed, reported_at=when, **kwargs
    )


def reload(incident):
    incident.refresh_from_db()
    return incident


def test_provisional_10_then_32_next_day_makes_32_current_and_keeps_10():
    incident = IncidentFactory()
    first = record(incident, 10, FRIDAY, said_by="local official")
    second = record(incident, 32, SATURDAY, said_by="local official and NGO")

    incident = reload(incident)
    assert (incident.killed, incident.killed_low, incident.killed_high) == (32, 32, 32)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == TollStatus.SUPERSEDED
    assert second.status == TollStatus.REPORTED
    assert list(incident.toll_revisions.values_list("killed", flat=True)) == [10, 32]


def test_revision_arriving_late_but_reported_earlier_does_not_replace_newer_figure():
    incident = IncidentFactory()
    record(incident, 32, SATURDAY)
    record(incident, 10, FRIDAY)
    assert reload(incident).killed == 32


def test_rejecting_latest_falls_back_to_previous_figure(editor):
    incident = IncidentFactory()
    record(incident, 10, FRIDAY)
    latest = record(incident, 32, SATURDAY)

    services.review_toll_revision(
        revision=latest,
        status=TollStatus.REJECTED,
        user=editor,
        note="Duplicate count from a rumour",
    )

    incident = reload(incident)
    assert incident.killed == 10
    latest.refresh_from_db()
    assert latest.status == TollStatus.REJECTED and latest.reviewed_by == editor


def test_rejection_needs_a_reason(editor):
    revision = record(IncidentFactory(), 10, FRIDAY)
    with pytest.raises(ValidationError):
        services.review_toll_revision(
            revision=revision, status=TollStatus.REJECTED, user=editor, note=" "
        )


def test_pinned_revision_wins_over_later_figures_until_unpinned():
    incident = IncidentFactory()
    first = record(incident, 10, FRIDAY)
    record(incident, 32, SATURDAY)

    services.pin_toll_revision(incident=incident, revision=first)
    assert reload(incident).killed == 10
    record(incident, 40, SATURDAY + timedelta(days=1))
    assert reload(incident).killed == 10, "a pinned figure stays current when new ones arrive"

    services.pin_toll_revision(incident=incident, revision=None)
    assert reload(incident).killed == 40


def test_rejecting_the_pinned_revision_unpins_it(editor):
    incident = IncidentFactory()
    first = record(incident, 10, FRIDAY)
    record(incident, 32, SATURDAY)
    services.pin_toll_revision(incident=incident, revision=first)

    services.review_toll_revision(
        revision=first, status=TollStatus.REJECTED, user=editor, note="wrong incident"
    )

    incident = reload(incident)
    assert incident.pinned_revision_id is None
    assert incident.killed == 32


def test_rejected_revision_cannot_be_pinned(editor):
    incident = IncidentFactory()
    revision = record(incident, 10, FRIDAY)
    services.review_toll_revision(
        revision=revision, status=TollStatus.REJECTED, user=editor, note="no"
    )
    with pytest.raises(ValidationError):
        services.pin_toll_revision(incident=incident, revision=revision)


def test_disagreeing_figures_at_same_moment_make_a_range_with_lowest_best():
    incident = IncidentFactory()
    record(incident, 9, SATURDAY, said_by="army")
    record(incident, 16, SATURDAY, said_by="local sources")

    incident = reload(incident)
    assert (incident.killed, incident.killed_low, incident.killed_high) == (9, 9, 16)


def test_range_revision_gives_low_and_high():
    incident = IncidentFactory()
    record(incident, 20, FRIDAY, killed_min=20, killed_max=30, qualifier="range")
    incident = reload(incident)
    assert (incident.killed, incident.killed_low, incident.killed_high) == (20, 20, 30)


def test_wounded_kept_from_earlier_report_when_latest_gives_none():
    incident = IncidentFactory()
    record(incident, 10, FRIDAY, wounded=15)
    record(incident, 32, SATURDAY)
    assert reload(incident).wounded == 15


def test_all_revisions_rejected_leaves_toll_unknown(editor):
    incident = IncidentFactory()
    revision = record(incident, 10, FRIDAY)
    services.review_toll_revision(
        revision=revision, status=TollStatus.REJECTED, user=editor, note="not this incident"
    )
    incident = reload(incident)
    assert incident.killed is None and incident.killed_low is None


def test_editor_correction_requires_reason_and_is_accepted(editor):
    incident = IncidentFactory()
    with pytest.raises(ValidationError) as excinfo:
        record(incident, 30, SATURDAY, entry_kind=EntryKind.EDITOR, entered_by=editor)
    assert "reason" in excinfo.value.message_dict

    revision = record(
        incident,
        30,
        SATURDAY,
        entry_kind=EntryKind.EDITOR,
        entered_by=editor,
        reason="Hospital list counted",
    )
    assert revision.status == TollStatus.ACCEPTED
    assert reload(incident).killed == 30


def test_toll_change_is_recorded_in_incident_history():
    incident = IncidentFactory()
    record(incident, 10, FRIDAY)
    record(incident, 32, SATURDAY)
    killed_over_time = [h.killed for h in reload(incident).history.order_by("history_date")]
    assert killed_over_time[-2:] == [10, 32]
