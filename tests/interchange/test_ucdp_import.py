"""import_ucdp: the written mapping rules, best/low/high, rejections."""

from pathlib import Path

import pytest

from incidents.interchange.loader import import_file
from incidents.interchange.models import ImportedEvent
from incidents.models import IncidentActor, Place, TollRevision

pytestmark = pytest.mark.django_db
SAMPLE = Path(__file__).parent / "data" / "ucdp_ged_sample.csv"


def event(source_id):
    return ImportedEvent.objects.get(source="ucdp", source_event_id=source_id).incident


def roles(incident):
    return {
        (link.actor.key, link.role)
        for link in IncidentActor.objects.filter(incident=incident).select_related("actor")
    }


@pytest.fixture
def summary():
    return import_file(SAMPLE, dataset="ucdp", progress=False)


def test_rows_load_and_unplaceable_ones_are_rejected_with_reasons(summary):
    assert (summary.created, len(summary.rejected)) == (3, 3)
    reasons = {r.source_id: r.reason for r in summary.rejected}
    assert "only the year is known" in reasons["990004"]
    assert "located only to a country" in reasons["990005"]
    assert "low ≤ best ≤ high" in reasons["990006"]


def test_state_based_event_is_a_battle_with_government_as_state_forces(summary):
    clash = event("990001")
    assert (clash.event_type.slug, clash.sub_event_type.slug) == ("battles", "armed-clash")
    assert not clash.civilian_targeting
    assert roles(clash) == {("malian-armed-forces", "perpetrator"), ("jnim", "target")}
    revision = TollRevision.objects.get(incident=clash)
    assert (revision.killed, revision.killed_min, revision.killed_max, revision.qualifier) == (
        12,
        10,
        15,
        "range",
    )
    assert (revision.soldiers_killed, revision.militants_killed) == (4, 8)
    assert (revision.said_by, revision.entry_kind) == ("local official", "import")
    assert (clash.killed, clash.killed_low, clash.killed_high) == (12, 10, 15)
    # The event sits at Tin-Hama, which the gazetteer knew already.
    assert clash.place == Place.objects.get(key="ml-tin-hama")


def test_one_sided_event_targets_civilians_and_uses_the_middle_of_its_week(summary):
    massacre = event("990002")
    assert massacre.event_type.slug == "violence-against-civilians"
    assert massacre.civilian_targeting
    assert massacre.date.isoformat() == "2025-03-06" and massacre.date_precision == "week"
    assert ("civilians", "victim") in roles(massacre)
    assert ("islamic-state-sahel", "perpetrator") in roles(massacre)
    assert massacre.place == Place.objects.get(key="ml-inekar")  # matched by alternate name
    assert TollRevision.objects.get(incident=massacre).civilians_killed == 20


def test_admin1_centroid_is_region_precision_and_not_a_gazetteer_place(summary):
    clash = event("990003")
    assert clash.geo_precision == "region" and clash.place is None
    assert clash.killed == 5


def test_second_run_skips_every_row(summary):
    again = import_file(SAMPLE, dataset="ucdp", progress=False)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
