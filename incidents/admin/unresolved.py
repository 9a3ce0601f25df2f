"""Unresolved actors in the review queue: map a name the extractor kept as written to
a catalogue actor, or add it as a new one (both through incidents.ingest.unresolved)."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from incidents.ingest.unresolved import add_unresolved_as_actor, map_unresolved_actor
from incidents.models import ActorKind, UnresolvedActor


class ResolveForm(forms.ModelForm):
    new_kind = forms.ChoiceField(
        label=_("…or add it as a new actor of kind"),
        required=False,
        choices=[("", "—"), *ActorKind.choices],
    )

    class Meta:
        model = UnresolvedActor
        fields = ["actor"]

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("actor")) == bool(cleaned.get("new_kind")):
            raise ValidationError(_("Choose an existing actor or a kind for a new one."))
        return cleaned


@admin.register(UnresolvedActor)
class UnresolvedActorAdmin(admin.ModelAdmin):
    form = ResolveForm
    list_display = ["name", "role", "candidate", "actor", "resolved_at"]
    list_filter = [("actor", admin.EmptyFieldListFilter), "role"]
    search_fields = ["name", "evidence"]
    readonly_fields = ["name", "role", "language", "candidate", "evidence", "resolved_at"]
    autocomplete_fields = ["actor"]
    fields = [
        "name",
        "role",
        "language",
        "candidate",
        "evidence",
        "actor",
        "new_kind",
        "resolved_at",
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        # the services write the alias and the incident link; the form only chooses
        if form.cleaned_data.get("new_kind"):
            add_unresolved_as_actor(unresolved=obj, kind=form.cleaned_data["new_kind"])
        else:
            map_unresolved_actor(unresolved=obj, actor=form.cleaned_data["actor"])
        obj.refresh_from_db()
