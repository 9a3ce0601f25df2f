import pytest
from django.test import Client

from partners.models import Partner, PartnerAPIKey


def make_key(*, name="NGO Sahel Watch", can_submit=False, rate=1000):
    partner = Partner.objects.create(name=name, can_submit=can_submit, requests_per_minute=rate)
    api_key, secret = PartnerAPIKey.objects.create_key(name=f"{name} key", partner=partner)
    return api_key, secret


class KeyClient(Client):
    """A test client that sends a partner API key with every request."""

    def __init__(self, secret, **kwargs):
        super().__init__(HTTP_AUTHORIZATION=f"Api-Key {secret}", **kwargs)


@pytest.fixture
def partner_key(db):
    return make_key()


@pytest.fixture
def partner(partner_key):
    return KeyClient(partner_key[1])


@pytest.fixture
def trusted_partner(db):
    _, secret = make_key(name="Trusted newsroom", can_submit=True)
    return KeyClient(secret)


def read_csv_export(content: bytes) -> list[dict]:
    """The rows of one of our CSV exports, read as any CSV reader reads it:
    every line after the header is an incident (no marker or comment rows)."""
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(content.decode(), newline="")))
    for row in rows:
        assert None not in row and row["event_id_cnty"][3:5] == "CW", f"not a row: {row}"
    return rows
