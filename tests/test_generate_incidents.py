"""Synthetic incidents (manage.py generate_incidents) are data the models and
the pipeline's rules accept, and every reader works on them: selectors, the
partner API (pages, timeline, exports), the dashboard's map data and pages."""

from collections import Counter
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from incidents.models import (
    Actor,
    Article,
    Incident,
    IncidentActor,
    IncidentSource,
    IncidentStatus,
    TollRevision,
)
from incidents.selectors import actor_ids_with_descendants, timeline, visible_incidents
from incidents.services.toll_revisions import apply_current_toll
from incidents.synthetic.copy import generate
from incidents.synthetic.mix import EVENT_MIX, YEARS
from tests.api.conftest import KeyClient, make_key, read_csv_export

N = 250


@pytest.fixture
def generated(db):
    return generate(N, seed=3, batch=150, background=False)


def test_every_row_passes_the_models_validation_and_the_toll_rule(generated):
    assert generated.incidents == N
    assert Incident.objects.count() == N
    today = timezone.localdate()
    # Validation in Python (validators, clean(): the sub-type belongs to the
    # type, a range has both ends...) for a sample; the database's
    # constraints and triggers held for every row, or COPY would have failed.
    sample = Incident.objects.order_by("?")[:25].prefetch_related(
        "toll_revisions", "sources__article", "actor_links"
    )
    for incident in sample:
        incident.full_clean()
        for row in [
            *incident.toll_revisions.all(),
            *incident.sources.all(),
            *(s.article for s in incident.sources.all()),
            *incident.actor_links.all(),
        ]:
            row.full_clean()
    assert not Incident.objects.exclude(sub_event_type__event_type=F("event_type")).exists()
    for incident in Incident.objects.prefetch_related("toll_revisions", "sources", "actor_links"):
        assert incident.status == IncidentStatus.PUBLISHED
        assert date(today.year - YEARS, 1, 1) <= incident.date <= today
        revisions = list(incident.toll_revisions.all())
        assert 1 <= len(revisions) <= 4  # 1-3 moments, two claims at the last one now and then
        assert {s.article_id for s in incident.sources.all()} == {r.article_id for r in revisions}
        assert 1 <= len(incident.actor_links.all()) <= 4
        stored = (incident.killed, incident.killed_low, incident.killed_high, incident.wounded,
                  incident.killed_qualifier)  # fmt: skip
        apply_current_toll(incident)  # the one rule, from the revisions
        assert stored == (incident.killed, incident.killed_low, incident.killed_high,
                          incident.wounded, incident.killed_qualifier)  # fmt: skip
    assert Incident.history.count() == N
    assert Article.objects.filter(status="processed").count() == generated.articles
    assert TollRevision.objects.filter(status="accepted").count() == generated.revisions
    assert IncidentActor.objects.count() == generated.actor_links
    assert IncidentSource.objects.count() == generated.articles


def test_the_mix_is_clustered_heavy_tailed_and_spread_over_the_types(generated):
    incidents = list(Incident.objects.values("place_id", "killed", "event_type__slug", "route"))
    by_place = Counter(i["place_id"] for i in incidents).most_common()
    top_tenth = by_place[: max(1, len(by_place) // 10)]
    assert sum(n for _, n in top_tenth) > 0.3 * N  # hotspots, not uniform noise
    assert any(i["route"] for i in incidents)  # some along the roads
    killed = sorted(i["killed"] for i in incidents)
    assert killed[len(killed) // 2] <= 5 < killed[-1] / 5  # heavy tail
    types = Counter(i["event_type__slug"] for i in incidents)
    assert set(types) <= set(EVENT_MIX)
    assert types["violence-against-civilians"] + types["battles"] > 0.5 * N


def test_readers_work_on_generated_incidents(generated, analyst_client):
    assert visible_incidents(None).count() == N
    buckets = timeline(visible_incidents(None), bucket="month")
    assert sum(b["incidents"] for b in buckets) == N
    assert sum(b["killed"] for b in buckets) == sum(
        Incident.objects.values_list("killed", flat=True)
    )

    _, secret = make_key()
    partner = KeyClient(secret)
    page = partner.get("/api/v1/incidents/", {"page_size": 50, "actor": "jnim"})
    assert page.status_code == 200
    rows = page.json()["results"]
    jnim = set(  # JNIM and the groups under it
        Actor.objects.filter(
            pk__in=actor_ids_with_descendants([Actor.objects.get(key="jnim")])
        ).values_list("key", flat=True)
    )
    assert rows and all(any(a["key"] in jnim for a in row["actors"]) for row in rows)
    response = partner.get("/api/v1/incidents/", {"format": "csv"})
    assert len(read_csv_export(b"".join(response.streaming_content))) == N
    assert partner.get("/api/v1/incidents/timeline/", {"bucket": "week"}).status_code == 200

    data = analyst_client.get(reverse("dashboard:incidents-data")).json()
    assert data["count"] == N
    one = Incident.objects.filter(route__isnull=False).first()
    assert analyst_client.get(reverse("dashboard:incident", args=[one.pk])).status_code == 200
    assert analyst_client.get(reverse("dashboard:home")).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_command_writes_by_copy_in_a_background_thread_and_refuses_bad_counts():
    out = StringIO()
    call_command("generate_incidents", "120", "--batch", "50", "--no-progress", stdout=out)
    assert "120 incidents" in out.getvalue()
    assert Incident.objects.filter(status=IncidentStatus.PUBLISHED).count() == 120
    with pytest.raises(CommandError):
        call_command("generate_incidents", "0", "--no-progress")
