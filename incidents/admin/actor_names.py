"""Actors named in the interface language in the admin's pickers.

Django's autocomplete boxes and choice fields print ``str(actor)``, the English
(ACLED-style) name. Here the autocomplete answer and the selected value use
``display.actors.actor_names`` instead — the alias shown for the language — in
one query for a page of results, so a French editor picks "Forces armées
maliennes", as the pages show it.
"""

from __future__ import annotations

from django import forms
from django.contrib.admin.views.autocomplete import AutocompleteJsonView

from incidents.display.actors import actor_names, local_name, with_local_names
from incidents.models import Actor


def picker_label(actor: Actor, local_name: str) -> str:
    """The local name, with the short name editors search by ("(FAMa)")."""
    if actor.short_name and actor.short_name != local_name:
        return f"{local_name} ({actor.short_name})"
    return local_name


class LocalisedAutocompleteJsonView(AutocompleteJsonView):
    """The admin's autocomplete answer, with actors under their local name."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        objects = context["object_list"]
        self.local_names = actor_names(objects) if self.model_admin.model is Actor else {}
        return context

    def serialize_result(self, obj, to_field_name):
        result = super().serialize_result(obj, to_field_name)
        if obj.pk in self.local_names:
            result["text"] = picker_label(obj, self.local_names[obj.pk])
        return result


class ActorChoiceField(forms.ModelChoiceField):
    """A choice of actor labelled in the interface language; the labels come
    with the chosen actors' own query (``with_local_names``), not one each."""

    @property
    def queryset(self):
        return None if self._queryset is None else with_local_names(self._queryset)

    @queryset.setter
    def queryset(self, queryset):
        forms.ModelChoiceField.queryset.fset(self, queryset)

    def label_from_instance(self, obj: Actor) -> str:
        return picker_label(obj, local_name(obj))
