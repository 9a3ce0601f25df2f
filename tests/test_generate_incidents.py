"""Synthetic incidents (manage.py generate_incidents) are data the models and
the pipeline's rules accept, and every reader works on them: selectors, the
partner API (pages, timeline, exports), the dashboard's map data and pages."""

from collections import Counter
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count, F, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from incidents.models import (
    Actor,
    Article,
    Incident,
    IncidentActor,
    IncidentDay,
    IncidentSource,
    IncidentStatus,
    TollRevision,
)
from incidents.selectors import actor_ids_with_descendants, timeline, visible_incidents
from incidents.services.toll_revisions import apply_current_toll
from incidents.synthetic import copy as copy_module
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
    # Each row's "created" history record, as django-simple-history files it.
    for model in (Incident, Article, IncidentSource, TollRevision, IncidentActor):
        assert model.history.filter(history_type="+").count() == model.objects.count()
    for record in Incident.history.order_by("?")[:10]:
        incident = Incident.objects.get(pk=record.id)
        assert (record.history_date, record.killed, record.place_id, record.version) == (
            incident.created_at, incident.killed, incident.place_id, incident.version)  # fmt: skip
    for record in IncidentActor.history.order_by("?")[:10]:
        link = IncidentActor.objects.select_related("incident").get(pk=record.id)
        assert (record.history_date, record.actor_id, record.role) == (
            link.incident.created_at, link.actor_id, link.role)  # fmt: skip
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


def _schema() -> set[tuple[str, str]]:
    """Every index and constraint of the database, by name and definition."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' "
            "UNION ALL SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE connamespace = 'public'::regnamespace"
        )
        return set(cursor.fetchall())


def _incidents() -> Counter:
    return Counter(
        Incident.objects.values_list(
            "date", "killed", "place__name", "location_text", "sub_event_type__slug"
        )
    )


@pytest.mark.django_db(transaction=True)
def test_command_writes_in_worker_processes_and_refuses_bad_counts():
    schema = _schema()
    out = StringIO()
    call_command(
        "generate_incidents", "120", "--batch", "50", "--workers", "2", "--no-progress", stdout=out
    )
    assert "120 incidents" in out.getvalue()
    assert "indexes and keys rebuilt" in out.getvalue()  # a first load: a bulk one
    assert Incident.objects.filter(status=IncidentStatus.PUBLISHED).count() == 120
    assert _schema() == schema
    with pytest.raises(CommandError):
        call_command("generate_incidents", "0", "--no-progress")


@pytest.mark.django_db(transaction=True)
def test_a_bulk_load_rebuilds_the_schema_keeps_day_counts_exact_and_is_reproducible():
    schema = _schema()
    day_counts = {  # what the statement triggers keep, compared with a recount below
        (d.day, d.status): (d.incidents, d.killed) for d in IncidentDay.objects.all()
    }
    assert not day_counts
    done = generate(300, seed=4, batch=70, workers=2, bulk=True)
    assert (done.incidents, done.bulk, done.workers) == (300, True, 2)
    assert _schema() == schema  # every index and key back, and every key held
    recount = (
        Incident.objects.values("date", "status")
        .annotate(n=Count("id"), dead=Coalesce(Sum("killed"), 0))
        .order_by()
    )
    assert {(d.day, d.status): (d.incidents, d.killed) for d in IncidentDay.objects.all()} == {
        (r["date"], r["status"]): (r["n"], r["dead"]) for r in recount
    }
    for model in (Incident, Article, IncidentSource, TollRevision, IncidentActor):
        assert model.history.count() == model.objects.count() > 0
    # Each batch has its own random stream: the same data whoever writes it.
    first = _incidents()
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE incidents_incident, incidents_article, incidents_incidentday CASCADE"
        )
    generate(300, seed=4, batch=70, workers=1, bulk=False)
    assert _incidents() == first


@pytest.mark.django_db(transaction=True)
def test_an_interrupted_bulk_load_leaves_whole_batches_and_the_schema_rebuilt(monkeypatch):
    schema = _schema()
    real = copy_module.incident_rows
    calls = []

    def failing(*args, **kwargs):  # the third batch fails (in whichever worker)
        calls.append(1)
        if kwargs["incident_id"] and len(calls) > 100:
            raise RuntimeError("interrupted")
        return real(*args, **kwargs)

    monkeypatch.setattr(copy_module, "incident_rows", failing)
    with pytest.raises(RuntimeError, match="interrupted"):
        generate(300, seed=4, batch=50, workers=1, bulk=True)
    assert _schema() == schema
    assert Incident.objects.count() == 100  # two whole batches, nothing of the third
    assert Article.objects.count() == IncidentSource.objects.count() > 0
    assert Incident.history.count() == 100
