"""A place found only in the GeoNames dump (incidents/data/geonames.tsv,
read by the engine, not stored) becomes a database place when an editor
approves an incident placed there: editors see it and curate it like the
others. Places imported or added by editors keep precedence."""

from datetime import UTC, datetime

import pytest
from django.contrib.gis.geos import Point
from django.urls import reverse

from incidents.ingest.review import approve_candidate, file_and_auto_approve
from incidents.ingest.submit import submit_document
from incidents.models import Place, PlaceKind

pytestmark = pytest.mark.django_db

WELL = 2449269  # GeoNames: the well Ti-n-Tates (Tin Tatess), Gao region, Mali
REPORT = (
    "Des hommes armés ont attaqué lundi le puits de Tin Tatess, dans la région de Gao, "
    "tuant cinq civils, selon un élu local."
)


def candidate_at_the_well(month=2):
    """A report of an attack at the well; another month is another attack."""
    article, _ = submit_document(
        REPORT + ("" if month == 2 else " Aucune revendication n'a été faite."),
        title="Attaque au puits de Tin Tatess",
        published_at=datetime(2025, month, 12, 9, tzinfo=UTC),
        language="fr",
        enqueue=False,
    )
    file_and_auto_approve(article.pk)
    (candidate,) = article.candidates.filter(status="pending")
    return candidate


def test_approving_an_incident_at_a_dump_only_place_copies_the_place(
    editor, editor_client, settings
):
    settings.INGEST_AUTO_APPROVE = False
    assert not Place.objects.filter(geonameid=WELL).exists(), "only in the dump so far"
    candidate = candidate_at_the_well()
    assert candidate.proposal["place"] == f"ml-ti-n-tates-{WELL}"

    incident = approve_candidate(candidate=candidate, user=editor)

    place = Place.objects.get(geonameid=WELL)
    assert incident.place == place
    assert (place.name, place.kind, place.country, place.country_code, place.admin1) == (
        "Ti-n-Tates",
        PlaceKind.WELL,
        "Mali",
        "ML",
        "Gao",
    )
    assert "Tin Tatess" in place.alternate_names
    assert place.point.distance(Point(-1.33361, 17.27861, srid=4326)) < 1e-4
    assert "GeoNames" in place.source and "CC BY 4.0" in place.source
    record = place.history.get()
    assert record.history_user == editor and "GeoNames" in record.history_change_reason
    listing = editor_client.get(reverse("admin:incidents_place_changelist"), {"q": "Ti-n-Tates"})
    assert "Ti-n-Tates" in listing.content.decode(), "an editor-visible place"

    # The next report there is placed at the database's place; nothing is copied twice.
    again = candidate_at_the_well(month=4)
    assert again.proposal["place"] == place.key
    assert approve_candidate(candidate=again, user=editor).place == place
    assert Place.objects.filter(geonameid=WELL).count() == 1


@pytest.mark.parametrize("geonameid", [WELL, None])
def test_a_place_editors_added_meanwhile_keeps_precedence(editor, settings, geonameid):
    """Same GeoNames id, or the same name a kilometre away: the editor's place
    is used as it is, with its own coordinate and spelling."""
    settings.INGEST_AUTO_APPROVE = False
    candidate = candidate_at_the_well()
    mine = Place.objects.create(
        key="ml-tin-tatess",
        name="Tin Tatess",
        point=Point(-1.335, 17.285, srid=4326),
        country_code="ML",
        country="Mali",
        admin1="Gao",
        kind=PlaceKind.WELL,
        geonameid=geonameid,
        source="editor, from a field report",
    )
    incident = approve_candidate(candidate=candidate, user=editor)
    assert incident.place == mine
    assert Place.objects.filter(name__in=["Ti-n-Tates", "Tin Tatess"]).count() == 1
