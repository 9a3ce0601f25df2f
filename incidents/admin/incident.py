"""Incident admin: map widget, filters, toll history and correction workflow."""

from django.contrib import admin
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from leaflet.admin import LeafletGeoAdminMixin
from simple_history.admin import SimpleHistoryAdmin

from incidents import services
from incidents.admin import incident_acts, toll_views
from incidents.admin.actor_names import ActorChoiceField
from incidents.display.names import incident_name, incident_names
from incidents.display.tolls import revision_figure, toll_figure
from incidents.forms import IncidentAdminForm
from incidents.models import Incident, IncidentActor, IncidentSource, TollStatus
from incidents.selectors import pending_words
from incidents.selectors import toll_history as read_toll_history


class TollBandFilter(admin.SimpleListFilter):
    title = _("toll (killed)")
    parameter_name = "toll"
    BANDS = {
        "unknown": (_("not reported"), Q(killed__isnull=True)),
        "0": (_("none"), Q(killed=0)),
        "1-9": ("1–9", Q(killed__gte=1, killed__lte=9)),
        "10-49": ("10–49", Q(killed__gte=10, killed__lte=49)),
        "50+": (_("50 or more"), Q(killed__gte=50)),
    }

    def lookups(self, request, model_admin):
        return [(key, label) for key, (label, _q) in self.BANDS.items()]

    def queryset(self, request, queryset):
        band = self.BANDS.get(self.value())
        return queryset.filter(band[1]) if band else queryset


class IncidentActorInline(admin.TabularInline):
    model = IncidentActor
    extra = 0
    autocomplete_fields = ["actor"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "actor":
            kwargs["form_class"] = ActorChoiceField
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class IncidentSourceInline(admin.TabularInline):
    """Sources are shown here; they are added by filing or the review queue
    and removed with a reason (``services.remove_source``), never edited in place."""

    model = IncidentSource
    extra = 0
    fields = readonly_fields = ("article", "quote", "created_at", "remove")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("remove"))
    def remove(self, source):
        url = reverse(
            "admin:incidents_incident_remove_source", args=[source.incident_id, source.pk]
        )
        return format_html('<a href="{}">{}</a>', url, _("remove…"))


def format_figure(revision) -> str:
    return revision_figure(revision) or "–"


@admin.register(Incident)
class IncidentAdmin(LeafletGeoAdminMixin, SimpleHistoryAdmin):
    form = IncidentAdminForm
    # The toll and status beside the name, where a 1440 px screen shows them
    # without scrolling; the name already says the type.
    list_display = [
        "date",
        "display_name",
        "toll_display",
        "status",
        "location_text",
        "country",
        "updated_at",
    ]
    list_display_links = ["date", "display_name"]
    list_filter = [
        ("date", admin.DateFieldListFilter),
        "event_type",
        "country",
        "status",
        TollBandFilter,
        "civilian_targeting",
        "date_precision",
        "geo_precision",
    ]
    search_fields = [
        "summary",
        "location_text",
        "admin1",
        "admin2",
        "country",
        "actors__name",
        "actors__aliases__text",
    ]
    date_hierarchy = "date"
    list_select_related = ["event_type", "sub_event_type"]
    autocomplete_fields = ["place"]
    inlines = [IncidentActorInline, IncidentSourceInline]
    readonly_fields = ["current_toll", "toll_history", "merge_state", "created_at", "updated_at"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "status",
                    "date",
                    "date_precision",
                    "event_type",
                    "sub_event_type",
                    "civilian_targeting",
                    "summary",
                    "version",
                    "change_reason",
                ]
            },
        ),
        (
            _("Where"),
            {
                "fields": [
                    "location",
                    "geo_precision",
                    "location_text",
                    "place",
                    "route",
                    "country",
                    "admin1",
                    "admin2",
                ]
            },
        ),
        (_("Toll"), {"fields": ["current_toll", "toll_history"]}),
        (
            _("Bookkeeping"),
            {"classes": ["collapse"], "fields": ["merge_state", "created_at", "updated_at"]},
        ),
    ]

    class Media:
        # Status colours of the toll history table (no inline styles: CSP).
        css = {"all": ["incidents/admin.css"]}

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<int:incident_id>/correct-toll/",
                wrap(toll_views.CorrectTollView.as_view()),
                name="incidents_incident_correct_toll",
            ),
            path(
                "<int:incident_id>/tolls/<int:revision_id>/<str:action>/",
                wrap(toll_views.ReviewTollView.as_view()),
                name="incidents_incident_review_toll",
            ),
            path(
                "<int:incident_id>/tolls/unpin/",
                wrap(toll_views.UnpinTollView.as_view()),
                name="incidents_incident_unpin_toll",
            ),
            path(
                "<int:incident_id>/merge/",
                wrap(incident_acts.MergeIncidentView.as_view()),
                name="incidents_incident_merge",
            ),
            path(
                "<int:incident_id>/undo-merge/",
                wrap(incident_acts.UndoMergeView.as_view()),
                name="incidents_incident_undo_merge",
            ),
            path(
                "<int:incident_id>/sources/add/",
                wrap(incident_acts.AddSourceView.as_view()),
                name="incidents_incident_add_source",
            ),
            path(
                "<int:incident_id>/sources/<int:source_id>/remove/",
                wrap(incident_acts.RemoveSourceView.as_view()),
                name="incidents_incident_remove_source",
            ),
            *super().get_urls(),
        ]

    def has_delete_permission(self, request, obj=None):
        # Incidents are retracted, never deleted: their history must survive.
        return False

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("event_type", "sub_event_type", "place", "route")
        )

    def get_changelist_instance(self, request):
        """The page's incidents named in one batch, with the km along their road
        ("45 km from Gao"), as on the dashboard."""
        changelist = super().get_changelist_instance(request)
        changelist.result_list = list(changelist.result_list)
        names = incident_names(changelist.result_list)
        for incident in changelist.result_list:
            incident.display_name = names[incident.pk]
        return changelist

    @admin.display(description=_("Name"))
    def display_name(self, obj):
        """The incident's name from its fields."""
        return getattr(obj, "display_name", None) or incident_name(obj)

    def save_model(self, request, obj, form, change):
        """Through the services: the form's fields, then the status, each a
        recorded act. ``obj`` (which may hold an old version when reverting
        from the history) is never saved itself, so nothing derived — the
        toll above all — is restored from it."""
        reason = form.cleaned_data.get("change_reason") or ""
        fields = {
            name: form.cleaned_data[name]
            for name in services.EDITABLE_FIELDS
            if name in form.cleaned_data
        }
        status = form.cleaned_data.get("status")
        if change:
            incident = services.update_incident(
                incident=obj,
                changes=fields,
                user=request.user,
                expected_version=form.cleaned_data["version"],
                reason=reason,
            )
        else:
            incident = services.create_incident(user=request.user, reason=reason, **fields)
        if status and status != incident.status:
            services.change_status(
                incident=incident, status=status, user=request.user, reason=reason
            )
        obj.pk = incident.pk
        obj._state.adding = False
        obj.refresh_from_db()

    def save_formset(self, request, form, formset, change):
        """Actor links go through ``services.set_actor_links`` (one history
        row in words with the form's reason, ``updated_at`` for partners'
        sync); a link whose actor or role is changed is removed and added."""
        if formset.model is not IncidentActor:
            return super().save_formset(request, form, formset, change)
        deleted = {f.instance.pk for f in formset.deleted_forms if f.instance.pk}
        add, remove = [], []
        for link_form in formset.forms:
            pk = link_form.instance.pk
            if pk in deleted:
                remove.append(link_form.instance)
            elif link_form.has_changed() and link_form.cleaned_data:
                if pk is not None:
                    remove.append(link_form.instance)
                add.append((link_form.cleaned_data["actor"], link_form.cleaned_data["role"]))
        # What the admin's change message reads (formset.save() is not called).
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        if add or remove:
            services.set_actor_links(
                incident=form.instance,
                add=add,
                remove=remove,
                user=request.user,
                reason=form.cleaned_data.get("change_reason") or "",
            )

    @admin.display(description=_("Sources and merges"))
    def merge_state(self, obj):
        if obj.pk is None:
            return "–"
        add = format_html(
            '<a href="{}">{}</a> · ',
            reverse("admin:incidents_incident_add_source", args=[obj.pk]),
            _("Add a source…"),
        )
        return add + self._merge_link(obj)

    def _merge_link(self, obj):
        if obj.merged_into_id:
            return format_html(
                '{} <a href="{}">#{}</a> · <a href="{}">{}</a>',
                _("merged into"),
                reverse("admin:incidents_incident_change", args=[obj.merged_into_id]),
                obj.merged_into_id,
                reverse("admin:incidents_incident_undo_merge", args=[obj.pk]),
                _("undo merge…"),
            )
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:incidents_incident_merge", args=[obj.pk]),
            _("Merge into another incident…"),
        )

    @admin.display(description=_("Killed"), ordering="killed")
    def toll_display(self, obj):
        return toll_figure(obj.killed, obj.killed_qualifier, obj.killed_low, obj.killed_high) or "–"

    @admin.display(description=_("Current toll"))
    def current_toll(self, obj):
        if obj.pk is None:
            return _("Save the incident first, then add toll figures.")
        return render_to_string(
            "admin/incidents/incident/current_toll.html",
            {"incident": obj, "figure": self.toll_display(obj)},
        )

    @admin.display(description=_("Toll history"))
    def toll_history(self, obj):
        if obj.pk is None:
            return "–"
        history = read_toll_history(incident=obj)
        rows = []
        for rev in history.revisions:
            actions = []
            if rev.status != TollStatus.REJECTED:
                actions.append(("reject", _("reject")))
                if rev.pk != obj.pinned_revision_id:
                    actions.append(("pin", _("pin")))
            if rev.status == TollStatus.REPORTED:
                actions.append(("accept", _("accept")))
            rows.append(
                {
                    "revision": rev,
                    "figure": format_figure(rev),
                    "pinned": rev.pk == obj.pinned_revision_id,
                    "pending": history.is_pending(rev),
                    "actions": actions,
                }
            )
        return render_to_string(
            "admin/incidents/incident/toll_history.html",
            {
                "rows": rows,
                "incident_id": obj.pk,
                "pending": [pending_words(r) for r in history.pending],
            },
        )
