"""The incident page's sequence of reported figures ("10 → at least 32")."""

import re
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from incidents.models import Qualifier, TollStatus
from tests.factories import PublishedIncidentFactory, TollRevisionFactory

pytestmark = pytest.mark.django_db

FIRST = datetime(2025, 2, 7, 18, tzinfo=UTC)
NEXT_DAY = datetime(2025, 2, 8, 12, tzinfo=UTC)


def steps_on_page(client, incident) -> str:
    page = client.get(reverse("dashboard:incident", args=[incident.pk])).content.decode()
    return re.search(r'id="toll-steps"[^>]*>([^<]*)<', page).group(1)


def test_two_outlets_giving_one_figure_at_one_moment_are_one_step(editor_client):
    """The French report says "au moins 32", the English one "32", both the
    next day: that is one point of the history, not two."""
    convoy = PublishedIncidentFactory()
    accepted = {"incident": convoy, "status": TollStatus.ACCEPTED}
    TollRevisionFactory(killed=10, reported_at=FIRST, **accepted)
    TollRevisionFactory(killed=32, qualifier=Qualifier.AT_LEAST, reported_at=NEXT_DAY, **accepted)
    TollRevisionFactory(killed=32, qualifier=Qualifier.EXACT, reported_at=NEXT_DAY, **accepted)

    assert steps_on_page(editor_client, convoy) == "10 → at least 32"


def test_a_figure_said_again_later_is_not_a_new_step(editor_client):
    convoy = PublishedIncidentFactory()
    accepted = {"incident": convoy, "status": TollStatus.ACCEPTED}
    TollRevisionFactory(killed=10, reported_at=FIRST, **accepted)
    TollRevisionFactory(killed=32, reported_at=NEXT_DAY, **accepted)
    TollRevisionFactory(killed=32, reported_at=datetime(2025, 2, 9, tzinfo=UTC), **accepted)

    assert steps_on_page(editor_client, convoy) == "10 → 32"
