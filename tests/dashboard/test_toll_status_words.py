"""The incident page says who accepted each figure: an editor, or the
newsroom's automatic acceptance (TOLL_AUTO_ACCEPT, as the demo runs), never
"Accepted by an editor" for a figure no editor saw."""

from datetime import UTC, datetime

import pytest
from django.test import override_settings

from incidents import services
from incidents.models import TollRevision, TollStatus
from tests.factories import PublishedIncidentFactory

pytestmark = pytest.mark.django_db


@override_settings(TOLL_AUTO_ACCEPT=True)
def test_an_automatically_accepted_figure_is_not_labelled_an_editors(analyst_client, editor):
    incident = PublishedIncidentFactory()
    services.record_toll_revision(
        incident=incident,
        killed=32,
        said_by="official",
        reported_at=datetime(2025, 2, 9, tzinfo=UTC),
    )
    assert TollRevision.objects.get(incident=incident, killed=32).status == TollStatus.ACCEPTED
    page = analyst_client.get(f"/incidents/{incident.pk}/").content.decode()
    french = analyst_client.get(f"/incidents/{incident.pk}/", HTTP_ACCEPT_LANGUAGE="fr")
    assert "accepted automatically" in page and "Accepted by an editor" not in page
    assert "accepté automatiquement" in french.content.decode()


def test_a_figure_an_editor_accepted_says_so(analyst_client, editor):
    incident = PublishedIncidentFactory()
    revision = services.record_toll_revision(
        incident=incident, killed=12, said_by="NGO", reported_at=datetime(2025, 2, 9, tzinfo=UTC)
    )
    services.review_toll_revision(revision=revision, status=TollStatus.ACCEPTED, user=editor)
    page = analyst_client.get(f"/incidents/{incident.pk}/").content.decode()
    assert "Accepted by an editor" in page
