"""A French editor picks actors by their French names in the admin: the
autocomplete box's answer and an incident's chosen actors read "Forces armées
maliennes (FAMa)", not the catalogue's English "Malian Armed Forces (FAMa)"."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from incidents.models import Actor, Role
from tests.factories import IncidentFactory

pytestmark = pytest.mark.django_db

FRENCH = {"HTTP_ACCEPT_LANGUAGE": "fr"}
AUTOCOMPLETE = "/admin/autocomplete/"
ACTOR_BOX = {"app_label": "incidents", "model_name": "incidentactor", "field_name": "actor"}


def test_the_actor_autocomplete_answers_in_the_interface_language(editor_client):
    french = editor_client.get(AUTOCOMPLETE, {**ACTOR_BOX, "term": "mali"}, **FRENCH).json()
    english = editor_client.get(AUTOCOMPLETE, {**ACTOR_BOX, "term": "mali"}).json()
    fama = str(Actor.objects.get(key="malian-armed-forces").pk)
    assert {r["id"]: r["text"] for r in french["results"]}[fama] == "Forces armées maliennes (FAMa)"
    assert {r["id"]: r["text"] for r in english["results"]}[fama] == "Malian Armed Forces (FAMa)"


def test_the_autocomplete_still_refuses_what_it_refused(editor_client):
    assert Client().get(AUTOCOMPLETE, {**ACTOR_BOX, "term": "mali"}).status_code == 302
    places = {"app_label": "incidents", "model_name": "incident", "field_name": "place"}
    answer = editor_client.get(AUTOCOMPLETE, {**places, "term": "Gao"}, **FRENCH).json()
    assert any(r["text"].startswith("Gao") for r in answer["results"])


def test_an_incidents_actors_show_their_french_names_in_its_french_change_form(
    editor_client,
):
    incident = IncidentFactory()
    incident.actor_links.create(
        actor=Actor.objects.get(key="malian-armed-forces"), role=Role.TARGET
    )
    url = f"/admin/incidents/incident/{incident.pk}/change/"
    french = editor_client.get(url, **FRENCH).content.decode()
    assert ">Forces armées maliennes (FAMa)</option>" in french
    assert "Malian Armed Forces (FAMa)</option>" not in french


def test_the_french_change_form_names_its_actors_without_a_query_each(
    editor_client, django_assert_max_num_queries
):
    """Labelling the chosen actors in French reads their aliases with the chosen
    actors, not once per actor: the French form costs no more than the English one."""
    incident = IncidentFactory()
    for actor in Actor.objects.filter(aliases__language="fr").distinct()[:6]:
        incident.actor_links.create(actor=actor, role=Role.TARGET)
    assert incident.actor_links.count() == 6
    url = f"/admin/incidents/incident/{incident.pk}/change/"
    with CaptureQueriesContext(connection) as english:
        assert editor_client.get(url).status_code == 200
    with django_assert_max_num_queries(len(english)):
        assert editor_client.get(url, **FRENCH).status_code == 200
