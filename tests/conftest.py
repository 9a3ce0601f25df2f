import pytest

from incidents.seeding import load_reference_data


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the shipped gazetteer, roads and actors once into the test database.

    The taxonomy and the groups come from data migrations."""
    with django_db_blocker.unblock():
        load_reference_data()


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
