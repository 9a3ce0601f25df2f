"""An actor's rename changes every incident that names it: each of those
incidents' history says so (who, when, what), and the cost does not grow
with the number of incidents."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from incidents import services
from incidents.models import Actor
from tests.editorial.helpers import convoy, rename_in_admin

pytestmark = pytest.mark.django_db


def rename(actor, name, *, user):
    actor.name = name
    with CaptureQueriesContext(connection) as queries:
        services.save_actor(actor=actor, changed_fields=["name"], user=user)
    return len(queries)


def test_rename_is_in_the_history_of_every_incident_naming_the_actor(editor_client, editor):
    named = [convoy(actors=("africa-corps",))[0] for _ in range(3)]
    other, _ = convoy(actors=("jnim",))
    before = other.history.count()
    actor = Actor.objects.get(key="africa-corps")
    rename_in_admin(editor_client, actor, "Africa Corps (Russia)")

    for incident in named:
        record = incident.history.latest()
        assert (record.history_user, record.history_change_reason) == (
            editor,
            "actor Africa Corps renamed to Africa Corps (Russia)",
        )
        incident.refresh_from_db()
        assert record.history_date == incident.updated_at, "the record is the sync's change"
        assert record.instance.summary == incident.summary, "the record holds the incident"
    assert other.history.count() == before, "an incident not naming the actor is untouched"
    page = editor_client.get(reverse("admin:incidents_incident_history", args=[named[0].pk]))
    assert "actor Africa Corps renamed to Africa Corps (Russia)" in page.content.decode()


def test_a_rename_costs_the_same_queries_for_one_or_many_incidents(editor):
    convoy(actors=("africa-corps",))
    actor = Actor.objects.get(key="africa-corps")
    one = rename(actor, "Africa Corps (1)", user=editor)
    for _ in range(8):
        convoy(actors=("africa-corps",))
    assert rename(actor, "Africa Corps (2)", user=editor) == one
    assert actor.incidents.count() == 9
    assert all(
        i.history.latest().history_change_reason
        == "actor Africa Corps (1) renamed to Africa Corps (2)"
        for i in actor.incidents.all()
    )
