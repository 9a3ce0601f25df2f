"""Issue 13, past one machine: read-only traffic on a real PostgreSQL streaming
replica (``DATABASE_REPLICA_URL``), editors on the primary.

The replica is a throwaway cluster made by ``pg_basebackup`` from the
throwaway primary. Pausing its WAL replay freezes what it shows, so a page
tells which database served it: an incident written after the pause exists
only on the primary."""

from __future__ import annotations

import csv
import io

import pytest
import requests

from tests.reliability.test_queue_outage import admin_session, make_partner_key
from tests.throwaway import ThrowawayReplica, wait_for

pytestmark = pytest.mark.faults

ANALYST_PASSWORD = "an analyst's long password"
EDITOR_PASSWORD = "an editor's long password"


@pytest.fixture
def replica(stack):
    standby = ThrowawayReplica(stack.postgres)
    try:
        wait_for(standby.caught_up, 60, "the replica to catch up")
        yield standby
    finally:
        standby.drop()


def make_user(stack, factory: str, username: str, password: str) -> None:
    stack.manage(
        "shell",
        "--no-imports",
        "-c",
        (
            f"from tests.factories import {factory}\n"
            f"u = {factory}(username={username!r})\n"
            f"u.set_password({password!r}); u.save()"
        ),
    )


def new_published_incident(stack) -> int:
    return int(
        stack.manage(
            "shell",
            "--no-imports",
            "-c",
            "from tests.factories import PublishedIncidentFactory\n"
            "print(PublishedIncidentFactory(location_text='near Ansongo').pk)",
        ).stdout.strip()
    )


def dashboard_session(base: str, username: str, password: str) -> requests.Session:
    session = requests.Session()
    session.get(f"{base}/accounts/login/", timeout=10)
    response = session.post(
        f"{base}/accounts/login/",
        timeout=10,
        data={
            "username": username,
            "password": password,
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
    )
    assert response.status_code == 200 and "/accounts/login/" not in response.url
    return session


def listed_ids(base: str, secret: str) -> set[int]:
    response = requests.get(
        f"{base}/api/v1/incidents/", headers={"Authorization": f"Api-Key {secret}"}, timeout=20
    )
    assert response.status_code == 200, response.text[:300]
    return {row["id"] for row in response.json()["results"]}


def exported_ids(session: requests.Session, base: str) -> set[str]:
    """The event ids of the streamed CSV export (its rows are read while the
    body is sent, after the view has returned)."""
    response = session.get(f"{base}/api/v1/incidents/", params={"format": "csv"}, timeout=60)
    assert response.status_code == 200, response.text[:300]
    return {row["event_id_cnty"] for row in csv.DictReader(io.StringIO(response.text))}


def test_partners_and_analysts_read_the_replica_editors_read_their_writes(stack, replica):
    secret = make_partner_key(stack)
    make_user(stack, "AnalystFactory", "replica-analyst", ANALYST_PASSWORD)
    make_user(stack, "EditorFactory", "replica-editor", EDITOR_PASSWORD)
    base = stack.web(DATABASE_REPLICA_URL=replica.url(stack.database))
    analyst = dashboard_session(base, "replica-analyst", ANALYST_PASSWORD)
    editor = admin_session(base, "replica-editor", EDITOR_PASSWORD)
    wait_for(replica.caught_up, 60, "the replica to have the users and the key")

    replica.pause_replay()
    fresh = new_published_incident(stack)

    assert fresh not in listed_ids(base, secret), "the partner list came from the primary"
    assert analyst.get(f"{base}/incidents/{fresh}/", timeout=20).status_code == 404
    assert editor.get(f"{base}/incidents/{fresh}/", timeout=20).status_code == 200, (
        "an editor must see what was just written (read-after-write on the primary)"
    )
    api_as_editor = editor.get(f"{base}/api/v1/incidents/{fresh}/", timeout=20)
    assert api_as_editor.status_code == 200
    partner = requests.Session()
    partner.headers["Authorization"] = f"Api-Key {secret}"
    fresh_event = f"MLICW{fresh}"
    assert fresh_event not in exported_ids(partner, base), "the export came from the primary"
    assert fresh_event in exported_ids(editor, base)

    replica.resume_replay()
    wait_for(replica.caught_up, 60, "the replica to replay the new incident")
    assert fresh in listed_ids(base, secret)
    assert analyst.get(f"{base}/incidents/{fresh}/", timeout=20).status_code == 200


def test_a_lost_replica_costs_load_not_answers(stack, replica):
    secret = make_partner_key(stack)
    base = stack.web(
        DATABASE_REPLICA_URL=replica.url(stack.database), DATABASE_REPLICA_RETRY_SECONDS="1"
    )
    before = new_published_incident(stack)
    wait_for(replica.caught_up, 60, "the replica to catch up")
    assert before in listed_ids(base, secret)

    replica.stop()
    after = new_published_incident(stack)
    assert {before, after} <= listed_ids(base, secret), "served by the primary meanwhile"

    replica.start()
    wait_for(replica.caught_up, 60, "the replica to come back")
    replica.pause_replay()
    hidden = new_published_incident(stack)
    wait_for(lambda: hidden not in listed_ids(base, secret), 30, "reads to go back to the replica")
