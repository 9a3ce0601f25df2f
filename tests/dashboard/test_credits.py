"""The GeoNames attribution (CC BY 4.0) is shown on a public credits page that
every dashboard page links to."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_credits_page_is_public_and_credits_geonames(client):
    response = client.get(reverse("dashboard:credits"))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'href="https://www.geonames.org/"' in body
    assert 'href="https://creativecommons.org/licenses/by/4.0/"' in body
    assert "CC BY 4.0" in body


def test_every_page_footer_links_to_the_credits(client):
    for url in (reverse("dashboard:login"), reverse("dashboard:credits")):
        body = client.get(url).content.decode()
        assert f'href="{reverse("dashboard:credits")}"' in body, url
