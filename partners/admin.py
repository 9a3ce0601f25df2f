from django.contrib import admin
from rest_framework_api_key.admin import APIKeyModelAdmin
from rest_framework_api_key.models import APIKey
from simple_history.admin import SimpleHistoryAdmin

from partners.models import Partner, PartnerAPIKey

# The library's own key model is not used: every key belongs to a partner.
if admin.site.is_registered(APIKey):
    admin.site.unregister(APIKey)


class PartnerAPIKeyInline(admin.TabularInline):
    model = PartnerAPIKey
    fields = ("prefix", "name", "created", "expiry_date", "revoked", "last_used_at")
    readonly_fields = ("prefix", "name", "created", "expiry_date", "revoked", "last_used_at")
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False  # keys are created on the key page, which shows the secret once


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ("name", "active", "can_submit", "requests_per_minute", "created_at")
    list_filter = ("active", "can_submit")
    search_fields = ("name", "contact_email")
    inlines = [PartnerAPIKeyInline]


@admin.register(PartnerAPIKey)
class PartnerAPIKeyAdmin(SimpleHistoryAdmin, APIKeyModelAdmin):
    list_display = (*APIKeyModelAdmin.list_display, "partner", "last_used_at")
    list_filter = ("partner", "revoked", "created")
    search_fields = ("name", "prefix", "partner__name")
    autocomplete_fields = ("partner",)
