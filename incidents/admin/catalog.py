"""Admin for what editors curate: actors and aliases, places, routes, feeds, articles."""

from django.contrib import admin
from django.contrib.gis.db.models.functions import Length
from django.utils.translation import gettext_lazy as _
from leaflet.admin import LeafletGeoAdminMixin
from simple_history.admin import SimpleHistoryAdmin

from incidents import services
from incidents.ingest.articles import reprocess
from incidents.models import (
    Actor,
    ActorAlias,
    Article,
    ArticleStatus,
    EventType,
    Feed,
    Place,
    Route,
    SubEventType,
)
from incidents.tasks import enqueue_article, poll_feed


class ActorAliasInline(admin.TabularInline):
    model = ActorAlias
    fields = ["text", "language", "shown"]
    extra = 1


@admin.register(Actor)
class ActorAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "kind", "parent", "country", "inter_code"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "short_name", "aliases__text"]
    autocomplete_fields = ["parent"]
    inlines = [ActorAliasInline]

    def save_model(self, request, obj, form, change):
        services.save_actor(
            actor=obj, changed_fields=form.changed_data if change else [], user=request.user
        )


@admin.register(Place)
class PlaceAdmin(LeafletGeoAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "kind", "country", "admin1", "admin2", "population", "approximate"]
    list_filter = ["country", "kind", "approximate", "admin1"]
    search_fields = ["name", "name_en", "name_fr", "alternate_names", "admin1", "admin2"]


@admin.register(Route)
class RouteAdmin(LeafletGeoAdminMixin, SimpleHistoryAdmin):
    list_display = ["name", "slug", "approximate", "length_km"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(length=Length("line"))

    @admin.display(description=_("length (km)"), ordering="length")
    def length_km(self, obj):
        return f"{obj.length.km:.1f}"


@admin.register(Feed)
class FeedAdmin(SimpleHistoryAdmin):
    list_display = [
        "__str__",
        "url",
        "language",
        "active",
        "poll_interval_minutes",
        "last_polled_at",
        "has_error",
    ]
    list_filter = ["active", "language"]
    search_fields = ["title", "url"]
    readonly_fields = ["last_polled_at", "etag", "last_modified", "last_error", "created_at"]
    actions = ["poll_now"]

    @admin.action(description=_("Poll selected feeds now"), permissions=["change"])
    def poll_now(self, request, queryset):
        for feed in queryset:
            poll_feed.delay(feed.pk)
        self.message_user(request, _("%(n)d feeds queued for polling.") % {"n": queryset.count()})

    @admin.display(boolean=True, description=_("error"))
    def has_error(self, obj):
        return bool(obj.last_error)


class ArticleStatusFilter(admin.SimpleListFilter):
    title = _("processing")
    parameter_name = "processing"

    def lookups(self, request, model_admin):
        return ArticleStatus.choices

    def queryset(self, request, queryset):
        return queryset.filter(status=self.value()) if self.value() else queryset


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    list_display = ["title", "outlet", "published_at", "language", "status", "error_excerpt"]
    list_filter = [ArticleStatusFilter, "language", "outlet", "feed"]
    search_fields = ["title", "url", "text", "outlet"]
    date_hierarchy = "published_at"
    readonly_fields = [
        "url",
        "content_hash",
        "feed",
        "status",
        "error",
        "attempts",
        "fetched_at",
        "processed_at",
        "created_at",
    ]
    fields = [
        "url",
        "title",
        "outlet",
        "published_at",
        "language",
        "text",
        "feed",
        "content_hash",
        "status",
        "error",
        "attempts",
        "fetched_at",
        "processed_at",
        "created_at",
    ]

    actions = ["rerun_extraction"]
    change_list_template = "admin/incidents/article/change_list.html"

    @admin.action(
        description=_("Re-run extraction (after adding a place or alias)"), permissions=["change"]
    )
    def rerun_extraction(self, request, queryset):
        for article in queryset:
            enqueue_article(reprocess(article))
        self.message_user(request, _("%(n)d articles queued again.") % {"n": queryset.count()})

    @admin.display(description=_("error"))
    def error_excerpt(self, obj):
        return (obj.error[:120] + "…") if len(obj.error) > 120 else obj.error


@admin.register(EventType)
class EventTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "color"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SubEventType)
class SubEventTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "event_type", "order"]
    list_filter = ["event_type"]
    search_fields = ["name"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
