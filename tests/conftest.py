import importlib

import pytest
from django.apps import apps

from incidents.models import EventType, Place
from incidents.seeding import load_reference_data


def ensure_base_data() -> None:
    """Make sure the rows every test relies on exist: the taxonomy and groups
    (normally from data migrations) and the shipped gazetteer, roads and actors.

    Transactional tests (live server, Celery worker) empty the tables when they
    finish, so this runs again before each test and reloads only what is gone.
    """
    if not EventType.objects.exists():
        importlib.import_module("incidents.migrations.0002_event_taxonomy").load(apps, None)
        importlib.import_module("incidents.migrations.0004_groups").create_groups(apps, None)
        importlib.import_module("incidents.migrations.0007_candidate_permissions").grant(apps, None)
        importlib.import_module("partners.migrations.0003_partner_managers").grant(apps, None)
        importlib.import_module(
            "incidents.migrations.0011_candidate_background_unresolved_actors"
        ).grant(apps, None)
    if not Place.objects.exists():
        load_reference_data()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        ensure_base_data()


def _is_transactional(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(request.fixturenames)
    )


@pytest.fixture(autouse=True)
def _base_data_for_transactional_tests(request, django_db_blocker):
    """Transactional tests (live server, Celery worker) run last and each ends
    by emptying every table, so the next one starts by putting the base data
    back (committed, since no test transaction wraps it)."""
    if _is_transactional(request):
        with django_db_blocker.unblock():
            ensure_base_data()
    yield


@pytest.fixture(autouse=True)
def _interface_language_of_settings():
    """A request in French leaves French active in this thread after it (the
    locale middleware activates a language and nothing resets it): each test
    starts in the settings' language, so its order in the suite does not matter."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield


@pytest.fixture
def eager_tasks():
    """Run tasks queued with .delay() in this process, for tests about what a
    task does rather than how it is delivered (tests/ingest/test_worker.py
    covers delivery with a real worker)."""
    from conflictwatch.celery import app

    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = False


@pytest.fixture
def editor(db):
    from tests.factories import EditorFactory

    return EditorFactory(username="edith")


@pytest.fixture
def second_editor(db):
    from tests.factories import EditorFactory

    return EditorFactory(username="eric")


@pytest.fixture
def analyst(db):
    from tests.factories import AnalystFactory

    return AnalystFactory(username="ana")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def analyst_client(client, analyst):
    client.force_login(analyst)
    return client
