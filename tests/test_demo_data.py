"""The shipped reference data and the demo content."""

import csv
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from incidents.demo import create_motivating_incident, ensure_demo_users
from incidents.models import Actor, GeoPrecision, Place, PlaceKind, Route
from incidents.selectors import km_along_route

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parent.parent / "incidents" / "data"

# Regional capitals of Mali, Burkina Faso and Niger (as coded by GeoNames).
REGIONAL_CAPITALS = {
    "ML": [
        "Bamako",
        "Kayes",
        "Koulikoro",
        "Sikasso",
        "Ségou",
        "Mopti",
        "Tombouctou",
        "Gao",
        "Kidal",
        "Ménaka",
    ],
    "BF": [
        "Ouagadougou",
        "Bobo-Dioulasso",
        "Dori",
        "Ouahigouya",
        "Kaya",
        "Fada N'gourma",
        "Tenkodogo",
        "Koudougou",
        "Dédougou",
        "Banfora",
        "Gaoua",
        "Manga",
        "Ziniaré",
    ],
    "NE": ["Niamey", "Agadez", "Diffa", "Dosso", "Maradi", "Tahoua", "Tillabéri", "Zinder"],
}


def test_every_regional_capital_is_in_the_gazetteer():
    capitals = {PlaceKind.ADMIN1_CAPITAL, PlaceKind.COUNTRY_CAPITAL}
    for country, names in REGIONAL_CAPITALS.items():
        found = set(
            Place.objects.filter(country_code=country, kind__in=capitals).values_list(
                "name", flat=True
            )
        )
        missing = [n for n in names if n not in found]
        assert not missing, f"{country}: {missing}"


def test_road_places_are_in_order_along_gao_ansongo_road():
    route = Route.objects.get(slug="gao-ansongo")
    km = {
        key: km_along_route(route=route, point=Place.objects.get(key=key).point)
        for key in ("ml-gao", "ml-kobe", "ml-bara", "ml-ansongo")
    }
    assert km["ml-gao"] == pytest.approx(0, abs=0.5)
    assert km["ml-gao"] < km["ml-kobe"] < km["ml-bara"] < km["ml-ansongo"]
    assert 85 < km["ml-ansongo"] < 100, "Gao to Ansongo is about 90 km by road"


def test_gazetteer_file_rows_all_loaded():
    with open(DATA / "places.csv", encoding="utf-8") as handle:
        rows = sum(1 for _ in csv.DictReader(handle))
    assert Place.objects.count() == rows


def test_seed_actors_have_english_and_french_aliases():
    for key in ("malian-armed-forces", "wagner-group", "jnim", "islamic-state-sahel", "civilians"):
        actor = Actor.objects.get(key=key)
        languages = set(actor.aliases.values_list("language", flat=True))
        assert {"en", "fr"} <= languages, f"{actor}: {languages}"


def test_motivating_incident_has_10_then_32_history_and_sits_on_the_road():
    incident = create_motivating_incident()
    assert incident.date.isoformat() == "2025-02-07"
    assert incident.geo_precision == GeoPrecision.BETWEEN
    assert incident.event_type.name == "Battles"
    assert incident.sub_event_type.name == "Armed clash"
    assert incident.civilian_targeting is False
    history = list(incident.toll_revisions.order_by("reported_at").values_list("killed", "said_by"))
    assert history == [(10, "local official"), (32, "local official and NGO")]
    assert incident.killed == 32
    km = km_along_route(route=incident.route, point=incident.location)
    assert 30 < km < 60, f"between Gao and Ansongo, at km {km:.1f}"
    roles = set(incident.actor_links.values_list("actor__key", "role"))
    assert {
        ("jnim", "perpetrator"),
        ("malian-armed-forces", "escort"),
        ("wagner-group", "escort"),
        ("civilians", "victim"),
    } <= roles

    assert create_motivating_incident().pk == incident.pk, "loading twice adds nothing"


def test_demo_users_can_log_in_with_printed_passwords(client):
    logins = ensure_demo_users()
    assert set(logins) == {"admin", "editor", "analyst"}
    assert get_user_model().objects.get(username="editor").groups.filter(name="Editors").exists()
    # Through the sign-in page, as a person does (and as sign-in throttling sees it).
    response = client.post(
        reverse("admin:login"), {"username": "editor", "password": logins["editor"]}
    )
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_scripts_demo_runs_with_the_settings_tests_and_benchmarks_call_the_demos():
    """Tests and benchmarks that run the pipeline "as the demo does" read
    incidents.demo_environment; the demo script must export exactly that."""
    import re

    from incidents.demo_environment import DEMO_ENVIRONMENT

    script = (DATA.parent.parent / "scripts" / "demo").read_text()
    exported = dict(re.findall(r"\b([A-Z_]+)=(true|false)\b", script.split("setup_common")[0]))
    names = set(DEMO_ENVIRONMENT) | {
        "FETCH_ALLOW_LOOPBACK",
        "INGEST_AUTO_APPROVE",
        "TOLL_AUTO_ACCEPT",
    }
    assert {k: v for k, v in exported.items() if k in names} == DEMO_ENVIRONMENT
