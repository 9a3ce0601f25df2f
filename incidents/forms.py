"""Forms editors use in the admin: incident editing with conflict detection,
toll corrections and toll reviews."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from incidents.models import EntryKind, Incident, Qualifier, TollRevision


class IncidentAdminForm(forms.ModelForm):
    """Incident form that refuses to overwrite someone else's newer save.

    The form carries the version the editor loaded. On submit the row is
    locked (the admin view runs in a transaction) and its version compared:
    if another editor saved in between, the form is invalid and nothing is
    written.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Incident
        fields = [
            "status", "date", "date_precision", "event_type", "sub_event_type",
            "civilian_targeting", "summary", "location", "geo_precision", "location_text",
            "place", "route", "country", "admin1", "admin2", "merged_into",
        ]

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned
        loaded = cleaned.get("version")
        current = (
            Incident.objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        if loaded is None or current != loaded:
            last = self.instance.history.order_by("-history_date").first()
            who = getattr(last, "history_user", None) if last else None
            raise forms.ValidationError(
                _(
                    "Someone else (%(who)s) saved this incident at %(when)s, after you opened "
                    "it. Your changes were not saved. Reload the page to see their version, "
                    "then make your changes again."
                ),
                params={
                    "who": who or _("another editor"),
                    "when": timezone.localtime(last.history_date).strftime("%Y-%m-%d %H:%M:%S")
                    if last else "?",
                },
                code="edit_conflict",
            )
        cleaned["version"] = current + 1
        return cleaned


class TollCorrectionForm(forms.Form):
    """An editor's new toll figure. It becomes a new revision; nothing is overwritten."""

    killed = forms.IntegerField(label=_("Killed (best figure)"), min_value=0, required=False)
    qualifier = forms.ChoiceField(label=_("Qualifier"), choices=Qualifier.choices,
                                  initial=Qualifier.EXACT)
    killed_min = forms.IntegerField(label=_("Killed (minimum)"), min_value=0, required=False)
    killed_max = forms.IntegerField(label=_("Killed (maximum)"), min_value=0, required=False)
    wounded = forms.IntegerField(label=_("Wounded"), min_value=0, required=False)
    civilians_killed = forms.IntegerField(label=_("of whom civilians"), min_value=0,
                                          required=False)
    soldiers_killed = forms.IntegerField(label=_("of whom soldiers"), min_value=0,
                                         required=False)
    militants_killed = forms.IntegerField(label=_("of whom militants"), min_value=0,
                                          required=False)
    said_by = forms.CharField(label=_("Who gave this figure"), max_length=200, required=False,
                              help_text=_('e.g. "regional governor", "MSF"'))
    quote = forms.CharField(label=_("Quoted words"), widget=forms.Textarea(attrs={"rows": 2}),
                            required=False)
    reported_at = forms.DateTimeField(label=_("Reported at"), initial=timezone.now,
                                      help_text=_("When the source gave the figure."))
    reason = forms.CharField(label=_("Reason for the correction"),
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("Required: why this figure should replace the "
                                         "current one."))

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
        label=_("Why"), widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Recorded with the revision and shown in its history."),
    )
