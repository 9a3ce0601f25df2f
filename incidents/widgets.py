"""Form widgets shared by the admin and the dashboard."""

from __future__ import annotations

from django import forms
from django.contrib.admin.widgets import AdminDateWidget

from incidents.display import dates


class LocalDateInput(forms.DateInput):
    """A date typed in the interface language's order (incidents.display.dates)."""

    input_type = "text"

    def get_context(self, name, value, attrs):
        return super().get_context(name, value, {**dates.field_attrs(), **(attrs or {})})


class LocalAdminDateInput(AdminDateWidget):
    """The admin's date field (with its calendar) showing its format as placeholder."""

    def get_context(self, name, value, attrs):
        return super().get_context(name, value, {**dates.field_attrs(), **(attrs or {})})
