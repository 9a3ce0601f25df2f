from django.contrib import admin, messages
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from rest_framework_api_key.admin import APIKeyModelAdmin
from rest_framework_api_key.models import APIKey
from simple_history.admin import SimpleHistoryAdmin

from partners import services
from partners.lookup import pending_requests
from partners.models import Partner, PartnerAPIKey

# The library's own key model is not used: every key belongs to a partner.
if admin.site.is_registered(APIKey):
    admin.site.unregister(APIKey)


def request_total(api_key: PartnerAPIKey) -> int:
    return api_key.request_count + pending_requests(api_key.prefix)


class PartnerAPIKeyInline(admin.TabularInline):
    model = PartnerAPIKey
    fields = ("prefix", "name", "created", "expiry_date", "revoked", "last_used_at", "requests")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False  # keys are created on the key page, which shows the secret once

    @admin.display(description=gettext_lazy("requests"))
    def requests(self, obj):
        return request_total(obj)


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ("name", "active", "can_submit", "requests_per_minute", "created_at")
    list_filter = ("active", "can_submit")
    search_fields = ("name", "contact_email")
    inlines = [PartnerAPIKeyInline]

    def has_delete_permission(self, request, obj=None):
        return False  # deactivate instead: the partner's keys and history stay


@admin.register(PartnerAPIKey)
class PartnerAPIKeyAdmin(SimpleHistoryAdmin, APIKeyModelAdmin):
    # (django-rest-framework-api-key's admin gives these as fixed-length
    # tuples; ours are longer, so they come from the documented getters.)
    def get_list_display(self, request: HttpRequest) -> tuple[str, ...]:
        return (
            "prefix",
            "name",
            "partner",
            "created",
            "expiry_date",
            "revoked",
            "last_used_at",
            "requests",
        )

    def get_list_filter(self, request: HttpRequest) -> tuple[str, ...]:
        return ("partner", "revoked", "created")

    def get_search_fields(self, request: HttpRequest) -> tuple[str, ...]:
        return ("name", "prefix", "partner__name")

    autocomplete_fields = ("partner",)
    actions = ["rotate_selected", "revoke_selected"]

    def get_readonly_fields(self, request, obj=None):
        return (
            *super().get_readonly_fields(request, obj),
            "last_used_at",
            "requests",
            "replaced_by",
        )

    def get_fields(self, request, obj=None):
        fields = ["partner", "name", "expiry_date", "revoked"]
        return fields + (["prefix", "last_used_at", "requests", "replaced_by"] if obj else [])

    def has_delete_permission(self, request, obj=None):
        return False  # revoke instead: who had access when stays in history

    def save_model(self, request, obj, form, change):
        """A new key shows its secret once, in the interface language (the
        library's own message is English only)."""
        if change:
            obj.save()
            return
        secret = self.model.objects.assign_key(obj)
        obj.save()
        messages.warning(
            request,
            _(
                "The API key for %(name)s is: %(secret)s. Store it somewhere safe: "
                "it will not be shown again."
            )
            % {"name": obj.name, "secret": secret},
        )

    def has_rotate_permission(self, request):
        return request.user.has_perm("partners.rotate_partnerapikey")

    @admin.display(description=gettext_lazy("requests"))
    def requests(self, obj):
        return request_total(obj)

    @admin.action(
        description=gettext_lazy("Rotate selected keys (new secret, old key revoked)"),
        permissions=["rotate"],
    )
    def rotate_selected(self, request, queryset):
        for api_key in queryset.filter(revoked=False):
            new, secret = services.rotate_key(api_key=api_key)
            messages.warning(
                request,
                _(
                    "New key for %(partner)s (%(name)s): %(secret)s — store it somewhere safe, it "
                    "will not be shown again. The old key %(old)s is revoked."
                )
                % {
                    "partner": new.partner,
                    "name": new.name,
                    "secret": secret,
                    "old": api_key.prefix,
                },
            )

    @admin.action(description=gettext_lazy("Revoke selected keys"), permissions=["rotate"])
    def revoke_selected(self, request, queryset):
        count = 0
        for api_key in queryset.filter(revoked=False):
            services.revoke_key(api_key=api_key)
            count += 1
        messages.success(
            request,
            ngettext("%(count)d key revoked.", "%(count)d keys revoked.", count) % {"count": count},
        )
