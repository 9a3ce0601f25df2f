"""Set-ups shared by the editorial tests: incidents built the way the
pipeline builds them (through the services), with sources and figures."""

from datetime import UTC, datetime

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
