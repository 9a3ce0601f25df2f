import pytest

from tests.api.conftest import KeyClient, make_key


@pytest.fixture
def partner(db):
    return KeyClient(make_key()[1])
