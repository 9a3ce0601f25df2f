"""Toll revisions are listed read-only: figures change only by adding a revision."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from incidents.models import TollRevision


@admin.register(TollRevision)
class TollRevisionAdmin(SimpleHistoryAdmin):
    list_display = [
        "incident",
        "killed",
        "killed_min",
        "killed_max",
        "qualifier",
        "wounded",
        "said_by",
        "reported_at",
        "entry_kind",
        "status",
    ]
    list_filter = ["status", "entry_kind", "qualifier"]
    search_fields = ["said_by", "quote", "reason"]
    list_select_related = ["incident__event_type"]
    raw_id_fields = ["incident", "article"]

    def has_add_permission(self, request):
        return False  # use "Correct toll" on the incident, which records the reason

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
