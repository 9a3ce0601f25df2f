"""Issue 12, failures 2 and 3: Redis restarted empty, or down while people
submit articles and call the API. Nothing submitted is lost (the sweeper
queues again what the broker lost), submitters are told the queue is down,
and the API keeps answering in JSON."""

import json

import pytest
import requests

from tests.ingest.conftest import article_url
from tests.reliability.conftest import insert_article, statuses
from tests.throwaway import wait_for

pytestmark = [pytest.mark.faults, pytest.mark.worker]

SWEEP_FAST = {"INGEST_SWEEP_SECONDS": "1", "INGEST_STUCK_AFTER_SECONDS": "2"}


def queue_length(stack) -> int:
    return stack.redis.client().llen(stack.queue)


def all_processed(stack, count):
    return statuses(stack).get("processed", 0) == count


def test_articles_whose_messages_redis_lost_are_queued_again(stack, small_site):
    ids = [
        insert_article(stack, article_url(small_site, slug)) for slug in sorted(small_site.slugs)
    ]
    for article_id in ids:
        stack.send("incidents.tasks.process_article", article_id)
    assert queue_length(stack) == len(ids)

    stack.redis.restart()  # without persistence: the queued messages are gone
    assert queue_length(stack) == 0

    stack.worker(**SWEEP_FAST)
    stack.beat(**SWEEP_FAST)
    wait_for(lambda: all_processed(stack, len(ids)), 90, "every article processed")
    sources = stack.sql(
        "SELECT article_id, count(*) FROM incidents_incidentsource"
        " GROUP BY article_id, incident_id HAVING count(*) > 1"
    )
    assert sources == [], "an article filed twice as a source of the same incident"


def make_partner_key(stack) -> str:
    return stack.manage(
        "shell",
        "--no-imports",
        "-c",
        (
            "from tests.api.conftest import make_key\n"
            "print(make_key(name='Outage partner', can_submit=True)[1])"
        ),
    ).stdout.strip()


def make_editor(stack) -> tuple[str, str]:
    stack.manage(
        "shell",
        "--no-imports",
        "-c",
        (
            "from tests.factories import EditorFactory\n"
            "u = EditorFactory(username='outage-editor')\n"
            "u.set_password('a long outage password'); u.is_staff = True; u.save()"
        ),
    )
    return "outage-editor", "a long outage password"


def admin_session(base, username, password) -> requests.Session:
    session = requests.Session()
    session.get(f"{base}/admin/login/", timeout=10)
    response = session.post(
        f"{base}/admin/login/?next=/admin/",
        timeout=10,
        data={
            "username": username,
            "password": password,
            "next": "/admin/",
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
    )
    assert response.url.endswith("/admin/"), "could not sign in to the admin"
    return session


def test_redis_down_api_fails_open_and_submissions_are_queued_later(stack, small_site):
    first, second = (article_url(small_site, slug) for slug in sorted(small_site.slugs)[:2])
    base = stack.web()
    secret = make_partner_key(stack)
    editor = admin_session(base, *make_editor(stack))
    api = {"Authorization": f"Api-Key {secret}"}

    stack.redis.stop()

    listing = requests.get(f"{base}/api/v1/incidents/", headers=api, timeout=20)
    assert listing.status_code == 200, listing.text[:300]
    assert listing.headers["Content-Type"].startswith("application/json")
    bad_key = requests.get(
        f"{base}/api/v1/incidents/", timeout=20, headers={"Authorization": "Api-Key abcdefgh.wrong"}
    )
    assert bad_key.status_code == 401, "keys are still checked (against the database)"

    submitted = requests.post(
        f"{base}/api/v1/articles/", headers=api, json={"url": first}, timeout=20
    )
    assert submitted.status_code == 202, submitted.text[:300]
    body = submitted.json()
    assert body["queued"] is False and "unreachable" in body["queue_message"]

    page = editor.get(f"{base}/admin/incidents/extractioncandidate/submit/", timeout=20)
    assert page.status_code == 200
    answer = editor.post(
        f"{base}/admin/incidents/extractioncandidate/submit/",
        timeout=20,
        data={
            "url": second,
            "title": "",
            "text": "",
            "csrfmiddlewaretoken": editor.cookies["csrftoken"],
        },
    )
    assert answer.status_code == 200 and "unreachable" in answer.text
    assert editor.get(f"{base}/admin/incidents/article/", timeout=20).status_code == 200
    assert statuses(stack) == {"pending": 2}

    stack.redis.start()
    stack.worker(**SWEEP_FAST)
    stack.beat(**SWEEP_FAST)
    wait_for(lambda: all_processed(stack, 2), 90, "both submissions processed")
    again = requests.post(f"{base}/api/v1/articles/", headers=api, json={"url": first}, timeout=20)
    assert again.status_code == 200 and json.loads(again.text)["status"] == "processed"
