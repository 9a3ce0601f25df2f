"""Actor links are written by one service (``services.set_actor_links``):
the admin's inline and the ACLED/UCDP loader go through it, so the
incident's history says who named or removed which actor, why, and
partners' sync sees the change."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from incidents.models import Actor, IncidentActor
from tests.editorial.helpers import convoy
from tests.test_admin import form_data

pytestmark = pytest.mark.django_db


def _inline(data, forms):
    data = {**data, "actor_links-TOTAL_FORMS": len(forms)}
    data["actor_links-INITIAL_FORMS"] = sum(1 for f in forms if f.get("id"))
    for i, form in enumerate(forms):
        data.update({f"actor_links-{i}-{name}": value for name, value in form.items()})
    return data


def test_admin_actor_inline_records_who_named_and_removed_whom_and_why(
    editor_client, editor, partner
):
    incident, _ = convoy(actors=("jnim",))
    jnim_link = incident.actor_links.get()
    wagner = Actor.objects.get(key="wagner-group")
    since = timezone.now() + timedelta(microseconds=1)

    data = _inline(
        form_data(incident, change_reason="the army named the escort"),
        [
            {
                "id": jnim_link.pk,
                "incident": incident.pk,
                "actor": jnim_link.actor_id,
                "role": "perpetrator",
                "DELETE": "on",
            },
            {"incident": incident.pk, "actor": wagner.pk, "role": "escort"},
        ],
    )
    response = editor_client.post(
        reverse("admin:incidents_incident_change", args=[incident.pk]), data
    )
    assert response.status_code == 302, response.content.decode()[:3000]

    assert set(incident.actor_links.values_list("actor__key", "role")) == {
        ("wagner-group", "escort")
    }
    record = incident.history.latest()
    assert (record.history_user, record.history_change_reason) == (
        editor,
        "named Wagner Group as escort / ally; removed JNIM as perpetrator "
        "— reason: the army named the escort",
    )
    gone = IncidentActor.history.get(id=jnim_link.pk, history_type="-")
    assert gone.history_user == editor
    body = partner.get("/api/v1/incidents/", {"updated_since": since.isoformat()}).json()
    assert [r["id"] for r in body["results"]] == [incident.pk], "sync delivers the new actors"


def test_changing_the_role_in_the_inline_is_a_removal_and_a_naming(editor_client, editor):
    incident, _ = convoy(actors=("jnim",))
    link = incident.actor_links.get()
    data = _inline(
        form_data(incident),
        [{"id": link.pk, "incident": incident.pk, "actor": link.actor_id, "role": "target"}],
    )
    response = editor_client.post(
        reverse("admin:incidents_incident_change", args=[incident.pk]), data
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert list(incident.actor_links.values_list("actor__key", "role")) == [("jnim", "target")]
    assert incident.history.latest().history_change_reason == (
        "named JNIM as target; removed JNIM as perpetrator"
    )
