"""Words around the figures and places in the interface language: who gave a
figure, region names, the unidentified group's name, plurals, the partner
key's secret message and the API's authentication errors."""

import re

import pytest
from django.utils import translation

from incidents.demo import create_motivating_incident
from incidents.display.actors import actor_names
from incidents.display.sources import said_by_label, said_by_phrase
from incidents.models import Actor, ActorAlias, Place
from incidents.views.labels import script_labels
from partners.models import Partner


def test_engine_source_labels_read_in_french_and_editors_words_stay():
    with translation.override("fr"):
        assert said_by_label("local official; NGO") == "responsable local ; ONG"
        assert said_by_phrase("local official and NGO") == "un responsable local et une ONG"
        assert said_by_phrase("army") == "l’armée"
        assert said_by_phrase("regional governor") == "regional governor"
    with translation.override("en"):
        assert said_by_phrase("local official; NGO") == "a local official and an NGO"
        assert said_by_label("local official; NGO") == "local official; NGO"


@pytest.mark.django_db
def test_french_summary_says_who_gave_the_toll_in_french(analyst_client):
    convoy = create_motivating_incident()
    convoy.summary = ""
    convoy.save(update_fields=["summary"])
    page = analyst_client.get(f"/incidents/{convoy.pk}/", HTTP_ACCEPT_LANGUAGE="fr")
    text = page.content.decode()
    assert "Au moins 32 tués, selon un responsable local et une ONG." in text
    assert "local official" not in text


@pytest.mark.django_db
def test_region_places_take_their_french_name_in_french():
    gao_region = Place.objects.get(key="ml-region-gao")
    niamey = Place.objects.get(key="ne-region-niamey")
    with translation.override("fr"):
        assert gao_region.local_name() == "Région de Gao"
        assert niamey.local_name() == "Communauté urbaine de Niamey"
        assert str(gao_region) == "Région de Gao (Gao)"
        assert Place.objects.get(key="ml-ansongo").local_name() == "Ansongo"
    with translation.override("en"):
        assert gao_region.local_name() == "Gao Region"


@pytest.mark.django_db
def test_unidentified_group_is_named_as_a_group_in_french_not_as_jihadists():
    group = Actor.objects.get(key="unidentified-armed-group")
    with translation.override("fr"):
        assert actor_names([group])[group.pk] == "Groupe armé non identifié"
    with translation.override("en"):
        assert actor_names([group])[group.pk] == "Unidentified Armed Group"
    # An editor can choose another alias as the name.
    ActorAlias.objects.filter(actor=group, language="fr").update(shown=False)
    ActorAlias.objects.filter(actor=group, language="fr", text="hommes armés").update(shown=True)
    with translation.override("fr"):
        assert actor_names([group])[group.pk] == "Hommes armés"


def test_list_count_has_singular_and_plural_forms():
    with translation.override("fr"):
        shown = script_labels()["shown"]
    assert shown["one"] % {"shown": 1, "total": 1} == "1 sur 1 incident"
    assert shown["other"] % {"shown": 3, "total": 18} == "3 sur 18 incidents"


@pytest.mark.django_db
def test_admin_incident_list_names_give_the_km_along_the_road(editor_client):
    create_motivating_incident()
    page = editor_client.get("/admin/incidents/incident/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Gao–Ansongo road (RN17), 45 km from Gao" in page.content.decode()
    page = editor_client.get("/admin/incidents/incident/", HTTP_ACCEPT_LANGUAGE="fr")
    assert "route Gao–Ansongo (RN17), à 45 km de Gao" in page.content.decode()


@pytest.mark.django_db
def test_new_partner_key_secret_is_shown_once_in_french(editor_client):
    partner = Partner.objects.create(name="Bureau Sahel", requests_per_minute=60)
    editor_client.cookies["django_language"] = "fr"
    response = editor_client.post(
        "/admin/partners/partnerapikey/add/",
        {"partner": partner.pk, "name": "Synchro SIG", "expiry_date": "", "revoked": ""},
        follow=True,
    )
    messages = [str(m) for m in response.context["messages"]]
    assert any(
        re.fullmatch(
            r"La clé d’API pour Synchro SIG est : \S+\. Conservez-la en lieu sûr : "
            r"elle ne sera plus affichée\.",
            m,
        )
        for m in messages
    ), messages


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language,detail",
    [("fr", "Clé d’API inconnue."), ("en", "Unknown API key.")],
)
def test_api_authentication_errors_speak_the_requested_language(client, language, detail):
    response = client.get(
        "/api/v1/incidents/",
        HTTP_AUTHORIZATION="Api-Key abcdefgh.not-a-secret",
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 401
    assert response.json()["detail"] == detail


@pytest.mark.django_db
def test_admin_titles_name_the_incident_in_the_interface_language(editor_client):
    convoy = create_motivating_incident()
    url = f"/admin/incidents/incident/{convoy.pk}/change/"
    french = editor_client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    english = editor_client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"Incident {convoy.pk} du 7 février 2025" in french
    assert f"Incident {convoy.pk} of Feb. 7, 2025" in english
    for page in (french, english):
        title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
        assert convoy.location_text not in title, "the article's own words are no title"


@pytest.mark.django_db
def test_places_and_regions_take_their_english_name_in_english(analyst_client):
    """Tombouctou is Timbuktu in English, the town and the region it names;
    a name English writes the same way (Ménaka) stays as it is."""
    from datetime import date

    from django.contrib.gis.geos import Point

    from incidents.display.names import incident_names
    from incidents.models import GeoPrecision
    from tests.factories import PublishedIncidentFactory

    timbuktu = Place.objects.get(key="ml-tombouctou")
    goundam = Place.objects.get(key="ml-goundam")
    menaka = Place.objects.get(key="ml-menaka")
    near_goundam = PublishedIncidentFactory(
        date=date(2025, 3, 2),
        place=goundam,
        location=Point(goundam.point.x + 0.01, goundam.point.y, srid=4326),
        geo_precision=GeoPrecision.NEAR,
        country="Mali",
        admin1="Tombouctou",
        admin2="Goundam",
    )
    with translation.override("en"):
        assert timbuktu.local_name() == "Timbuktu"
        assert Place.objects.get(key="ml-region-tombouctou").local_name() == "Timbuktu Region"
        assert menaka.local_name() == "Ménaka"
        assert "near Goundam (Timbuktu)" in incident_names([near_goundam])[near_goundam.pk]
    with translation.override("fr"):
        assert timbuktu.local_name() == "Tombouctou"
        assert "près de Goundam (Tombouctou)" in incident_names([near_goundam])[near_goundam.pk]

    english = analyst_client.get(f"/incidents/{near_goundam.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Mali › Timbuktu › Goundam" in english.content.decode()
    # The region filter shows the English name and keeps the stored value.
    home = analyst_client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert re.search(r'<option value="Tombouctou"[^>]*>Timbuktu</option>', home)
    french = analyst_client.get("/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert re.search(r'<option value="Tombouctou"[^>]*>Tombouctou</option>', french)


@pytest.mark.django_db
def test_drafted_summary_gives_the_date_as_precisely_as_it_is_known(analyst_client):
    """A month-precision incident is "in January 2025", not on the 15th (the
    middle of the month, stored for the timeline)."""
    from datetime import date

    from tests.factories import PublishedIncidentFactory

    incident = PublishedIncidentFactory(date=date(2025, 1, 15), date_precision="month", killed=3)
    english = analyst_client.get(f"/incidents/{incident.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    summary = re.search(r'id="summary"[^>]*>(.*?)</', english.content.decode(), re.S).group(1)
    assert "January 2025" in summary and "15" not in summary
    french = analyst_client.get(f"/incidents/{incident.pk}/", HTTP_ACCEPT_LANGUAGE="fr")
    summary = re.search(r'id="summary"[^>]*>(.*?)</', french.content.decode(), re.S).group(1)
    assert "janvier 2025" in summary and "15" not in summary


@pytest.mark.django_db
def test_road_view_dates_are_typed_in_the_interface_languages_order(analyst_client):
    """The road view's date fields are French-ordered text fields in French
    (a browser's date input would follow the browser's locale), and the
    road's data reads what they send."""
    convoy = create_motivating_incident()  # 7 February 2025
    page = analyst_client.get(
        "/routes/gao-ansongo/?date_from=2025-02-01", HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()
    assert 'type="date"' not in page
    assert re.search(r'name="date_from" value="01/02/2025" placeholder="jj/mm/aaaa"', page)
    data = analyst_client.get(
        "/data/routes/gao-ansongo.json?date_from=01/02/2025&date_to=10/02/2025",
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert data.status_code == 200 and convoy.pk in data.json()["id"]
    data = analyst_client.get(
        "/data/routes/gao-ansongo.json?date_from=08/02/2025", HTTP_ACCEPT_LANGUAGE="fr"
    )
    assert convoy.pk not in data.json()["id"]
