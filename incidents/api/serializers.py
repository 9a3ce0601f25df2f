"""Shapes of the API's bodies.

Incident rows are built by ``rows.py`` for speed; the serializers here
document them (OpenAPI) and serialise the small catalogues. A test compares
the two so they cannot drift apart.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from incidents.models import (
    Actor,
    ArticleStatus,
    DatePrecision,
    GeoPrecision,
    IncidentStatus,
    Place,
    Qualifier,
    Role,
    Route,
    TollStatus,
)
from incidents.models.toll import EntryKind


class ActorInIncidentSerializer(serializers.Serializer):
    key = serializers.SlugField(help_text=_("Actor key; see /api/v1/actors/."))
    name = serializers.CharField()
    role = serializers.ChoiceField(choices=Role.choices)


class ActorInIncidentDetailSerializer(ActorInIncidentSerializer):
    kind = serializers.CharField()
    inter_code = serializers.IntegerField(help_text=_("ACLED inter code, 1–8."))


class CurrentTollSerializer(serializers.Serializer):
    killed = serializers.IntegerField(allow_null=True, help_text=_("Best figure."))
    qualifier = serializers.ChoiceField(
        choices=Qualifier.choices,
        allow_null=True,
        help_text=_(
            'How the best figure was reported: "at_least" 32 is not 32. '
            '"range" when disagreeing claims give low–high. Null without a toll.'
        ),
    )
    low = serializers.IntegerField(allow_null=True)
    high = serializers.IntegerField(allow_null=True)
    wounded = serializers.IntegerField(allow_null=True)


class IncidentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.CharField(help_text=_("This incident in the API."))
    status = serializers.ChoiceField(choices=IncidentStatus.choices)
    date = serializers.DateField()
    date_precision = serializers.ChoiceField(choices=DatePrecision.choices)
    longitude = serializers.FloatField()
    latitude = serializers.FloatField()
    geo_precision = serializers.ChoiceField(choices=GeoPrecision.choices)
    location_text = serializers.CharField(allow_blank=True)
    place = serializers.CharField(allow_null=True, help_text=_("Nearest gazetteer place key."))
    route = serializers.CharField(allow_null=True, help_text=_("Route slug, if on a road."))
    country = serializers.CharField()
    admin1 = serializers.CharField(allow_blank=True)
    admin2 = serializers.CharField(allow_blank=True)
    event_type = serializers.CharField(help_text=_("Event type slug."))
    event_type_name = serializers.CharField()
    sub_event_type = serializers.CharField(help_text=_("Sub-event type slug."))
    sub_event_type_name = serializers.CharField()
    civilian_targeting = serializers.BooleanField()
    summary = serializers.CharField(allow_blank=True)
    toll = CurrentTollSerializer()
    actors = ActorInIncidentSerializer(many=True)
    merged_into = serializers.IntegerField(allow_null=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class SourceSerializer(serializers.Serializer):
    article = serializers.IntegerField()
    url = serializers.CharField()
    outlet = serializers.CharField(allow_blank=True)
    title = serializers.CharField(allow_blank=True)
    published_at = serializers.DateTimeField(allow_null=True)
    language = serializers.CharField(allow_blank=True)
    quote = serializers.CharField(allow_blank=True, help_text=_("The words that reported it."))


class TollRevisionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    killed = serializers.IntegerField(allow_null=True)
    killed_min = serializers.IntegerField(allow_null=True)
    killed_max = serializers.IntegerField(allow_null=True)
    qualifier = serializers.ChoiceField(choices=Qualifier.choices)
    wounded = serializers.IntegerField(allow_null=True)
    civilians_killed = serializers.IntegerField(allow_null=True)
    soldiers_killed = serializers.IntegerField(allow_null=True)
    militants_killed = serializers.IntegerField(allow_null=True)
    said_by = serializers.CharField(allow_blank=True)
    article = serializers.IntegerField(allow_null=True)
    article_url = serializers.CharField(allow_null=True)
    quote = serializers.CharField(allow_blank=True)
    reported_at = serializers.DateTimeField()
    entry_kind = serializers.ChoiceField(choices=EntryKind.choices)
    reason = serializers.CharField(allow_blank=True)
    status = serializers.ChoiceField(choices=TollStatus.choices)
    review_note = serializers.CharField(allow_blank=True)
    current = serializers.BooleanField(
        help_text=_("True for the revisions the current toll is taken from.")
    )
    pending = serializers.BooleanField(
        help_text=_(
            "True for a machine-extracted figure on a published incident that "
            "awaits an editor's review; it does not count in the toll until accepted."
        )
    )


class IncidentDetailSerializer(IncidentSerializer):
    actors = ActorInIncidentDetailSerializer(many=True)
    sources = SourceSerializer(many=True)
    toll_revisions = TollRevisionSerializer(many=True)


class RouteIncidentSerializer(IncidentSerializer):
    route_km = serializers.FloatField(help_text=_("Km from the route's start."))


class TombstoneSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.ChoiceField(choices=IncidentStatus.choices)
    merged_into = serializers.IntegerField(
        allow_null=True, help_text=_("The surviving incident, if this one was a duplicate.")
    )
    reason = serializers.ChoiceField(
        choices=["merged", "retracted", "unpublished", "outside_filter"],
        help_text=_(
            "Why to delete it: merged into another, retracted, set back to draft, or "
            "(filtered sync) changed so it no longer matches your filters."
        ),
    )
    updated_at = serializers.DateTimeField()


class TimelineBucketSerializer(serializers.Serializer):
    start = serializers.DateField(help_text=_("First day of the bucket."))
    incidents = serializers.IntegerField()
    killed = serializers.IntegerField(help_text=_("Sum of current best tolls."))


class TimelineSerializer(serializers.Serializer):
    bucket = serializers.CharField()
    buckets = TimelineBucketSerializer(many=True)


class ActorSerializer(serializers.ModelSerializer):
    # The API field "parent" (DRF's metaclass moves declared fields off the
    # class, so it does not replace Field.parent, which the stubs see it as).
    parent: serializers.SlugRelatedField[Actor] = serializers.SlugRelatedField(  # type: ignore[assignment]
        slug_field="key", read_only=True, allow_null=True
    )
    aliases = serializers.SerializerMethodField()

    class Meta:
        model = Actor
        fields = ["key", "name", "short_name", "kind", "inter_code", "country", "parent", "aliases"]

    def get_aliases(self, actor) -> list[dict[str, str]]:
        return [{"text": a.text, "language": a.language} for a in actor.aliases.all()]


class PlaceSerializer(serializers.ModelSerializer):
    longitude = serializers.SerializerMethodField()
    latitude = serializers.SerializerMethodField()

    class Meta:
        model = Place
        fields = [
            "key",
            "name",
            "alternate_names",
            "longitude",
            "latitude",
            "country_code",
            "country",
            "admin1",
            "admin2",
            "population",
            "kind",
            "source",
            "approximate",
        ]

    def get_longitude(self, place) -> float:
        return round(place.point.x, 6)

    def get_latitude(self, place) -> float:
        return round(place.point.y, 6)


class RouteSerializer(serializers.ModelSerializer):
    length_km = serializers.FloatField(help_text=_("Along the road, over the spheroid."))
    geometry = serializers.SerializerMethodField(help_text=_("GeoJSON LineString."))

    class Meta:
        model = Route
        fields = ["slug", "name", "approximate", "source", "length_km", "geometry"]

    def get_geometry(self, route) -> dict:
        return {"type": "LineString", "coordinates": [list(c) for c in route.line.coords]}


class ArticleSubmitSerializer(serializers.Serializer):
    url = serializers.URLField(
        required=False, max_length=2000, help_text=_("Public http(s) address of the article.")
    )
    text = serializers.CharField(
        required=False,
        max_length=200_000,
        trim_whitespace=True,
        help_text=_("Or the article's text, pasted."),
    )
    title = serializers.CharField(required=False, max_length=1000, allow_blank=True)
    outlet = serializers.CharField(required=False, max_length=200, allow_blank=True)
    language = serializers.ChoiceField(
        choices=[("en", "English"), ("fr", "French")], required=False
    )

    def validate_url(self, value):
        if not value.lower().startswith(("http://", "https://")):
            raise serializers.ValidationError(_("Only http and https addresses can be fetched."))
        return value

    def validate(self, attrs):
        if not attrs.get("url") and not attrs.get("text"):
            raise serializers.ValidationError({"url": [_("Give a url or a text.")]})
        return attrs


class ArticleStatusSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.CharField()
    status = serializers.ChoiceField(choices=ArticleStatus.choices)
    error = serializers.CharField(allow_blank=True)
    title = serializers.CharField(allow_blank=True)
    created_at = serializers.DateTimeField()
    processed_at = serializers.DateTimeField(allow_null=True)
    incidents = serializers.ListField(
        child=serializers.IntegerField(), help_text=_("Incidents this article is a source of.")
    )
    status_url = serializers.CharField()
    created = serializers.BooleanField(
        required=False, help_text=_("False when the article was already known.")
    )
    queued = serializers.BooleanField(
        required=False,
        help_text=_(
            "On submission: whether the article was handed to the processing queue "
            "now. False when it needs nothing more, or when the queue is unreachable "
            "(then queue_message says so and it is queued automatically later)."
        ),
    )
    queue_message = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text=_("On submission: empty, or why the article could not be queued now."),
    )
