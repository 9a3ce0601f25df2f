"""import_acled: mapping, idempotency, bad rows, gazetteer, and the round trip."""

import csv
import io
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from incidents.interchange.loader import import_file
from incidents.interchange.models import ImportedEvent
from incidents.models import (
    Actor,
    Incident,
    IncidentActor,
    Place,
    TollRevision,
)

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "acled_sample.csv"


def by_source_id(source_id):
    return ImportedEvent.objects.get(source="acled", source_event_id=source_id).incident


def roles(incident):
    return {
        (link.actor.name, link.role)
        for link in IncidentActor.objects.filter(incident=incident).select_related("actor")
    }


def test_command_loads_good_rows_and_names_the_reason_for_each_bad_one():
    out = StringIO()
    call_command("import_acled", str(SAMPLE), "--no-progress", stdout=out)
    text = out.getvalue()
    assert "3 loaded (3 new, 0 updated), 0 skipped (unchanged), 3 rejected" in text
    assert "line 5 (MLI90004): latitude is not a number: 'sixteen'" in text
    assert "line 6 (MLI90005): event_type is not in the codebook: 'Picnic'" in text
    assert "line 7 (MLI90006): fatalities is negative: '-3'" in text
    assert Incident.objects.count() == 3


def test_fields_actors_and_toll_are_mapped():
    import_file(SAMPLE, dataset="acled", progress=False)
    ambush = by_source_id("MLI90001")
    assert (ambush.date.isoformat(), ambush.date_precision, ambush.geo_precision) == (
        "2025-02-07",
        "day",
        "exact",
    )
    assert (ambush.event_type.slug, ambush.sub_event_type.slug) == ("battles", "armed-clash")
    assert ambush.status == "published" and ambush.admin2 == "Ansongo"
    assert (round(ambush.location.y, 4), round(ambush.location.x, 4)) == (16.1833, 0.05)
    # ACLED's names find our actors: by alias, "Military Forces of <country>",
    # or without the country in brackets.
    assert roles(ambush) == {
        ("JNIM", "perpetrator"),
        ("Malian Armed Forces", "target"),
        ("Wagner Group", "escort"),
        ("Civilians", "victim"),
    }
    assert Actor.objects.get(key="civilians").aliases.filter(text="Civilians (Mali)").exists()
    revision = TollRevision.objects.get(incident=ambush)
    assert (revision.killed, revision.entry_kind, revision.said_by) == (
        12,
        "import",
        "Studio Tamani; RFI",
    )
    assert ambush.killed == 12

    attack = by_source_id("MLI90002")
    assert attack.civilian_targeting and attack.date_precision == "week"
    assert attack.geo_precision == "region" and attack.place is None
    assert attack.date.isoformat() == "2025-03-12"


def test_unknown_actors_are_created_with_their_name_as_alias():
    import_file(SAMPLE, dataset="acled", progress=False)
    created = Actor.objects.get(name="Katiba Fictiva")
    assert (created.kind, created.inter_code, created.country) == ("rebel", 2, "NE")
    assert created.aliases.filter(text="Katiba Fictiva", language="en").exists()
    # An existing actor is matched, not duplicated, and learns nothing twice.
    assert Actor.objects.filter(name__iexact="JNIM").count() == 1


def test_named_locations_extend_the_gazetteer():
    before = Place.objects.count()
    import_file(SAMPLE, dataset="acled", progress=False)
    doro = Place.objects.get(name="Doro-Tabango")
    assert (doro.kind, doro.source, doro.country_code) == ("populated_place", "ACLED import", "ML")
    assert by_source_id("MLI90001").place == doro
    assert Place.objects.count() == before + 2  # Doro-Tabango and Essakane-Nord, not Ansongo


def test_reimport_is_idempotent():
    import_file(SAMPLE, dataset="acled", progress=False)
    counts = (
        Incident.objects.count(),
        TollRevision.objects.count(),
        Place.objects.count(),
        Actor.objects.count(),
        IncidentActor.objects.count(),
    )
    summary = import_file(SAMPLE, dataset="acled", progress=False)
    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 3)
    assert counts == (
        Incident.objects.count(),
        TollRevision.objects.count(),
        Place.objects.count(),
        Actor.objects.count(),
        IncidentActor.objects.count(),
    )


def rewrite(source: Path, target: Path, changes: dict[str, dict[str, str]]) -> Path:
    with open(source, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        rows = [{**row, **changes.get(row["event_id_cnty"], {})} for row in reader]
        columns = reader.fieldnames
    with open(target, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    return target


def test_updated_toll_appends_a_revision_and_keeps_history(tmp_path):
    import_file(SAMPLE, dataset="acled", progress=False)
    ambush = by_source_id("MLI90001")
    version = ambush.version
    later = rewrite(
        SAMPLE,
        tmp_path / "later.csv",
        {"MLI90001": {"fatalities": "32", "timestamp": "1739100000"}},
    )
    summary = import_file(later, dataset="acled", progress=False)
    assert (summary.updated, summary.unchanged) == (1, 2)
    ambush.refresh_from_db()
    assert ambush.killed == 32 and ambush.version == version + 1
    assert list(
        TollRevision.objects.filter(incident=ambush)
        .order_by("reported_at")
        .values_list("killed", flat=True)
    ) == [12, 32]


def test_a_bad_update_leaves_the_existing_incident_untouched(tmp_path):
    import_file(SAMPLE, dataset="acled", progress=False)
    ambush = by_source_id("MLI90001")
    broken = rewrite(
        SAMPLE,
        tmp_path / "broken.csv",
        {"MLI90001": {"sub_event_type": "Peaceful protest", "fatalities": "40"}},
    )
    summary = import_file(broken, dataset="acled", progress=False)
    assert [r.source_id for r in summary.rejected][:1] == ["MLI90001"]
    assert "not a sub-type of Battles" in summary.rejected[0].reason
    ambush.refresh_from_db()
    assert ambush.killed == 12 and ambush.sub_event_type.slug == "armed-clash"
    assert roles(ambush)  # links still there


def test_file_without_acled_columns_is_refused(tmp_path):
    other = tmp_path / "other.csv"
    shutil.copy(DATA / "ucdp_ged_sample.csv", other)
    with pytest.raises(CommandError, match="missing column"):
        call_command("import_acled", str(other), "--no-progress", stdout=StringIO())


def test_progress_bar_is_shown(capsys):
    call_command("import_acled", str(SAMPLE), stdout=StringIO())
    assert "ACLED import" in capsys.readouterr().err


def read_csv(content: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(content.decode())))


def test_reimport_with_other_actors_changes_only_those_links_and_says_so(tmp_path):
    from incidents.models import IncidentActor as Link

    import_file(SAMPLE, dataset="acled", progress=False)
    ambush = by_source_id("MLI90001")
    kept = {
        (link.actor.name, link.role): link.pk for link in ambush.actor_links.select_related("actor")
    }
    later = rewrite(
        SAMPLE, tmp_path / "later.csv", {"MLI90001": {"assoc_actor_2": "Civilians (Mali)"}}
    )
    import_file(later, dataset="acled", progress=False)
    links = {
        (link.actor.name, link.role): link.pk for link in ambush.actor_links.select_related("actor")
    }
    assert ("Wagner Group", "escort") not in links
    assert links == {key: pk for key, pk in kept.items() if key != ("Wagner Group", "escort")}, (
        "the links the dataset still gives are kept, not deleted and made again"
    )
    assert ambush.history.latest().history_change_reason == (
        "removed Wagner Group as escort / ally — reason: ACLED import, event MLI90001"
    )
    assert Link.history.filter(id=kept[("Wagner Group", "escort")], history_type="-").exists()


def test_imported_figures_are_accepted_on_arrival_even_on_a_published_incident(tmp_path, settings):
    """The publication rule (incidents.tolls, step 7): a dataset's figures
    are coded by its reviewers and imported by an editor's choice."""
    from incidents.models import TollStatus
    from incidents.selectors import toll_history

    settings.TOLL_AUTO_ACCEPT = False
    import_file(SAMPLE, dataset="acled", progress=False)
    ambush = by_source_id("MLI90001")
    assert ambush.status == "published"
    later = rewrite(
        SAMPLE,
        tmp_path / "later.csv",
        {"MLI90001": {"fatalities": "32", "timestamp": "1739100000"}},
    )
    import_file(later, dataset="acled", progress=False)
    ambush.refresh_from_db()
    assert ambush.killed == 32
    assert set(ambush.toll_revisions.values_list("status", flat=True)) == {TollStatus.ACCEPTED}
    assert toll_history(incident=ambush).pending == []
