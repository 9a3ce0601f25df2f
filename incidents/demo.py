"""Demo content: users with known roles, and the motivating incident of the
product brief entered as data (the ingestion pipeline will produce it from
articles once it exists)."""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from incidents import services
from incidents.models import (
    Actor,
    Article,
    ArticleStatus,
    EventType,
    GeoPrecision,
    Incident,
    Place,
    Role,
    Route,
    SubEventType,
)
from incidents.selectors import point_between_on_route

DEMO_ARTICLE_URL = "http://localhost/demo/articles/gao-ansongo-convoy-ambush"

DEMO_TEXT = (
    "Jihadist fighters ambushed a civilian convoy escorted by the Malian army and "
    "Wagner Group fighters on Friday between Gao and Ansongo. A local official first "
    "gave a provisional toll of 10 dead, soldiers and civilians. On Saturday a local "
    "official and an NGO said at least 32 people had been killed. According to a "
    "medical source, the dead and wounded were taken to Gao."
)


def ensure_demo_users() -> dict[str, str]:
    """Create (or reset the password of) the demo admin, editor and analyst."""
    User = get_user_model()
    logins = {}
    for username, group, is_superuser in (
        ("admin", None, True),
        ("editor", "Editors", False),
        ("analyst", "Analysts", False),
    ):
        password = secrets.token_urlsafe(9)
        user, _ = User.objects.get_or_create(username=username)
        user.is_staff = True
        user.is_superuser = is_superuser
        user.set_password(password)
        user.save()
        if group:
            user.groups.set([Group.objects.get(name=group)])
        logins[username] = password
    return logins


@transaction.atomic
def create_motivating_incident() -> Incident:
    """The Gao–Ansongo convoy ambush of Friday 7 February 2025, toll 10 → 32."""
    article, _ = Article.objects.get_or_create(
        url=DEMO_ARTICLE_URL,
        defaults={
            "outlet": "ConflictWatch demo",
            "title": "Convoy ambushed between Gao and Ansongo; toll rises to 32",
            "published_at": datetime(2025, 2, 9, 9, 30, tzinfo=UTC),
            "language": "en",
            "text": DEMO_TEXT,
            "status": ArticleStatus.PROCESSED,
        },
    )
    existing = Incident.objects.filter(sources__article=article).first()
    if existing:
        return existing

    route = Route.objects.get(slug="gao-ansongo")
    gao = Place.objects.get(key="ml-gao")
    ansongo = Place.objects.get(key="ml-ansongo")
    battles = EventType.objects.get(slug="battles")
    actors = {
        a.key: a
        for a in Actor.objects.filter(
            key__in=["jnim", "malian-armed-forces", "wagner-group", "civilians"]
        )
    }
    incident = services.create_incident(
        date=date(2025, 2, 7),
        location=point_between_on_route(route=route, a=gao.point, b=ansongo.point),
        geo_precision=GeoPrecision.BETWEEN,
        location_text="between Gao and Ansongo",
        route=route,
        place=gao,
        country="Mali",
        admin1="Gao",
        admin2="Ansongo",
        event_type=battles,
        sub_event_type=SubEventType.objects.get(slug="armed-clash", event_type=battles),
        civilian_targeting=False,
        summary=(
            "Jihadist militants ambushed a civilian convoy escorted by FAMa and Wagner "
            "Group between Gao and Ansongo. Provisional toll 10 (local official), revised "
            "to 32 the next day (local official and NGO)."
        ),
        actor_roles=[
            (actors[key], role)
            for key, role in (
                ("jnim", Role.PERPETRATOR),
                ("malian-armed-forces", Role.ESCORT),
                ("wagner-group", Role.ESCORT),
                ("civilians", Role.VICTIM),
            )
            if key in actors
        ],
    )
    services.add_source(incident=incident, article=article, quote=DEMO_TEXT.split(". ")[0] + ".")
    services.record_toll_revision(
        incident=incident,
        killed=10,
        said_by="local official",
        article=article,
        quote="a provisional toll of 10 dead, soldiers and civilians",
        reported_at=datetime(2025, 2, 7, 18, 0, tzinfo=UTC),
    )
    services.record_toll_revision(
        incident=incident,
        killed=32,
        qualifier="at_least",
        said_by="local official and NGO",
        article=article,
        quote="at least 32 people had been killed",
        reported_at=datetime(2025, 2, 8, 12, 0, tzinfo=UTC),
    )
    return services.publish_incident(incident=incident)
