"""Set-ups shared by the editorial tests: incidents built the way the
pipeline builds them (through the services), with sources and figures."""

from datetime import UTC, datetime

from django.urls import reverse

from incidents import services
from incidents.models import Actor, Role
from tests.factories import ArticleFactory, IncidentFactory


def convoy(*, killed=32, said_by="local official and NGO", publish=True, actors=("jnim",), day=8):
    """A convoy ambush with one source article and one figure, published."""
    incident = IncidentFactory()
    article = ArticleFactory(title=f"Convoy ambushed, {killed} dead")
    services.add_source(incident=incident, article=article, quote=f"{killed} people were killed")
    for key in actors:
        services.link_actor(
            incident=incident, actor=Actor.objects.get(key=key), role=Role.PERPETRATOR
        )
    services.record_toll_revision(
        incident=incident,
        killed=killed,
        said_by=said_by,
        article=article,
        quote=f"{killed} people were killed",
        reported_at=datetime(2025, 2, day, 12, tzinfo=UTC),
    )
    if publish:
        incident = services.publish_incident(incident=incident)
    return incident, article


def rename_in_admin(client, actor, name):
    """An editor renames ``actor`` on its admin change page (no alias changes)."""
    response = client.post(
        reverse("admin:incidents_actor_change", args=[actor.pk]),
        {
            "key": actor.key,
            "name": name,
            "short_name": actor.short_name,
            "kind": actor.kind,
            "parent": actor.parent_id or "",
            "country": actor.country,
            "inter_code": actor.inter_code,
            "description": actor.description,
            "aliases-TOTAL_FORMS": 0,
            "aliases-INITIAL_FORMS": 0,
            "aliases-MIN_NUM_FORMS": 0,
            "aliases-MAX_NUM_FORMS": 1000,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
