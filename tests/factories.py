"""Factories by state: a draft incident, a published one, revisions, users by role."""

from datetime import UTC, date, datetime, timedelta

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.gis.geos import Point

from incidents.models import (
    Article,
    EventType,
    Incident,
    IncidentStatus,
    SubEventType,
    TollRevision,
)


def _join_group(user, name):
    if name:
        user.groups.add(Group.objects.get(name=name))
    user.save()


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    is_staff = True
    password = factory.PostGenerationMethodCall("set_password", "pw-for-tests-only")

    @factory.post_generation
    def group(self, create, extracted, **kwargs):
        _join_group(self, extracted)


class EditorFactory(UserFactory):
    @factory.post_generation
    def group(self, create, extracted, **kwargs):
        _join_group(self, extracted or "Editors")


class AnalystFactory(UserFactory):
    @factory.post_generation
    def group(self, create, extracted, **kwargs):
        _join_group(self, extracted or "Analysts")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    url = factory.Sequence(lambda n: f"https://news.example.org/2025/article-{n}")
    outlet = "Sahel Test Wire"
    title = factory.Sequence(lambda n: f"Article {n}")
    published_at = datetime(2025, 2, 9, 9, 30, tzinfo=UTC)
    language = "en"
    text = "An article."


def _armed_clash():
    return SubEventType.objects.get(slug="armed-clash")


class IncidentFactory(factory.django.DjangoModelFactory):
    """A draft battle near Gao; each instance gets its own point."""

    class Meta:
        model = Incident

    date = date(2025, 2, 7)
    location = factory.Sequence(lambda n: Point(-0.04 + (n % 100) * 0.01, 16.27, srid=4326))
    location_text = "near Gao"
    country = "Mali"
    admin1 = "Gao"
    event_type = factory.LazyFunction(lambda: EventType.objects.get(slug="battles"))
    sub_event_type = factory.LazyFunction(_armed_clash)
    status = IncidentStatus.DRAFT


class PublishedIncidentFactory(IncidentFactory):
    status = IncidentStatus.PUBLISHED


class TollRevisionFactory(factory.django.DjangoModelFactory):
    """A raw revision row; tests of the toll rule go through incidents.services."""

    class Meta:
        model = TollRevision

    incident = factory.SubFactory(IncidentFactory)
    killed = 10
    said_by = "local official"
    reported_at = factory.Sequence(lambda n: datetime(2025, 2, 7, tzinfo=UTC) + timedelta(hours=n))
