"""Forms editors use in the admin: incident editing with conflict detection,
toll corrections and toll reviews."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from incidents.models import (
    Article,
    EntryKind,
    Incident,
    IncidentStatus,
    Qualifier,
    TollRevision,
)
from incidents.services import EditConflict, check_version


class IncidentAdminForm(forms.ModelForm):
    """Incident form that refuses to overwrite someone else's newer save.

    The form carries the version the editor loaded; ``services.check_version``
    locks the row (the admin view runs in a transaction) and compares it. If
    another editor saved in between, the form is invalid and nothing is
    written. Saving goes through ``services.update_incident`` (see the admin).
    """

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    change_reason = forms.CharField(
        label=_("Why (kept in the history)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when you retract the incident."),
    )

    class Meta:
        model = Incident
        fields = [
            "status",
            "date",
            "date_precision",
            "event_type",
            "sub_event_type",
            "civilian_targeting",
            "summary",
            "location",
            "geo_precision",
            "location_text",
            "place",
            "route",
            "country",
            "admin1",
            "admin2",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and not self.is_bound:
            # The version now in the database, also when the form shows an
            # old version from the history (a revert is an edit of today's row).
            self.initial["version"] = (
                Incident.objects.filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .first()
            )

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned
        try:
            current = check_version(
                incident_id=self.instance.pk, loaded_version=cleaned.get("version")
            )
        except EditConflict as conflict:
            raise forms.ValidationError(str(conflict), code="edit_conflict") from conflict
        if (
            cleaned.get("status") == IncidentStatus.RETRACTED
            and current.status != IncidentStatus.RETRACTED
            and not (cleaned.get("change_reason") or "").strip()
        ):
            self.add_error("change_reason", _("Say why the incident is retracted."))
        return cleaned


class TollCorrectionForm(forms.Form):
    """An editor's new toll figure. It becomes a new revision; nothing is overwritten."""

    killed = forms.IntegerField(label=_("Killed (best figure)"), min_value=0, required=False)
    qualifier = forms.ChoiceField(
        label=_("Qualifier"), choices=Qualifier.choices, initial=Qualifier.EXACT
    )
    killed_min = forms.IntegerField(label=_("Killed (minimum)"), min_value=0, required=False)
    killed_max = forms.IntegerField(label=_("Killed (maximum)"), min_value=0, required=False)
    wounded = forms.IntegerField(label=_("Wounded"), min_value=0, required=False)
    civilians_killed = forms.IntegerField(label=_("of whom civilians"), min_value=0, required=False)
    soldiers_killed = forms.IntegerField(label=_("of whom soldiers"), min_value=0, required=False)
    militants_killed = forms.IntegerField(label=_("of whom militants"), min_value=0, required=False)
    said_by = forms.CharField(
        label=_("Who gave this figure"),
        max_length=200,
        required=False,
        help_text=_('e.g. "regional governor", "MSF"'),
    )
    quote = forms.CharField(
        label=_("Quoted words"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    reported_at = forms.DateTimeField(
        label=_("Reported at"),
        initial=timezone.now,
        help_text=_("When the source gave the figure."),
    )
    reason = forms.CharField(
        label=_("Reason for the correction"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required: why this figure should replace the current one."),
    )

    def __init__(self, *args, incident: Incident, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.incident = incident
        self.user = user

    def clean_reported_at(self):
        value = self.cleaned_data["reported_at"]
        if value > timezone.now() + timezone.timedelta(minutes=5):
            raise forms.ValidationError(_("A figure cannot be reported in the future."))
        return value

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        # Reuse the model's own rules (min ≤ best ≤ max, a range needs both
        # ends, a reason is required) so the messages are the same everywhere.
        revision = TollRevision(
            incident=self.incident,
            entry_kind=EntryKind.EDITOR,
            entered_by=self.user,
            **cleaned,
        )
        revision.full_clean(exclude=["incident", "entered_by", "article"])
        return cleaned


class TollReviewForm(forms.Form):
    note = forms.CharField(
        label=_("Why"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Recorded with the revision and shown in its history."),
    )


class ReasonForm(forms.Form):
    """The "why" of an editorial act (retract, remove a source, undo a merge)."""

    reason = forms.CharField(
        label=_("Why"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Recorded in the incident's history with your name and the time."),
    )


class MergeIncidentForm(ReasonForm):
    survivor = forms.ModelChoiceField(
        queryset=Incident.objects.filter(merged_into__isnull=True),
        widget=forms.NumberInput,
        label=_("Number of the incident that stays"),
        help_text=_(
            "This incident's sources, actors and figures go to that one; this one "
            "is kept as a tombstone pointing at it. A merge can be undone."
        ),
    )
    field_order = ["survivor", "reason"]


class AddSourceForm(forms.Form):
    article = forms.ModelChoiceField(
        queryset=Article.objects.all(),
        widget=forms.NumberInput,
        label=_("Article number"),
        help_text=_("The stored article that reports the incident."),
    )
    quote = forms.CharField(
        label=_("Quoted words"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("The words of the article that report the incident."),
    )
