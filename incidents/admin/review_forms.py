"""The review page's correction form: an editor fixes the date, the place
(picked from the gazetteer or clicked on the map), the actors and their
roles, the type and the figures of a candidate before approving it.

The form starts from the machine's proposal and hands the service only what
the editor changed (``Corrections``); the proposal itself stays on the
candidate, for comparison."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.contrib.gis.geos import Point
from django.utils.translation import gettext_lazy as _
from leaflet.forms.fields import PointField
from leaflet.forms.widgets import LeafletWidget

from incidents.admin.actor_names import ActorChoiceField
from incidents.extraction.proposal import IncidentProposal
from incidents.ingest.corrections import Corrections
from incidents.ingest.matching import proposal_point
from incidents.models import (
    Actor,
    DatePrecision,
    GeoPrecision,
    Incident,
    IncidentActor,
    Place,
    Qualifier,
    Role,
    SubEventType,
)
from incidents.validators import MAX_TOLL
from incidents.widgets import LocalAdminDateInput

FIGURES = ("killed", "qualifier", "killed_min", "killed_max", "wounded")


def _count(label):
    return forms.IntegerField(label=label, required=False, min_value=0, max_value=MAX_TOLL)


class SubTypeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{_(obj.event_type.name)} – {_(obj.name)}"


class CorrectionForm(forms.Form):
    date = forms.DateField(
        label=_("Date"),
        localize=True,
        widget=LocalAdminDateInput(),
    )
    date_precision = forms.ChoiceField(label=_("Date precision"), choices=DatePrecision.choices)
    place = forms.ModelChoiceField(
        label=_("Place (gazetteer)"),
        queryset=Place.objects.all(),
        required=False,
        widget=AutocompleteSelect(Incident._meta.get_field("place"), admin.site),
        help_text=_("Pick a place, or click the map to put the incident elsewhere."),
    )
    location = PointField(label=_("Location"), widget=LeafletWidget(), required=False)
    geo_precision = forms.ChoiceField(label=_("Geo precision"), choices=GeoPrecision.choices)
    sub_event_type = SubTypeChoiceField(
        label=_("Type"),
        queryset=SubEventType.objects.select_related("event_type").order_by(
            "event_type__order", "order"
        ),
    )
    civilian_targeting = forms.BooleanField(label=_("Civilians targeted"), required=False)
    killed = _count(_("Killed (best figure)"))
    qualifier = forms.ChoiceField(label=_("Qualifier"), choices=Qualifier.choices)
    killed_min = _count(_("Killed (minimum)"))
    killed_max = _count(_("Killed (maximum)"))
    wounded = _count(_("Wounded"))
    reason = forms.CharField(
        label=_("Why (kept with your corrections)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, proposal: dict, csp_nonce: str | None = None, **kwargs):
        self.proposal = proposal
        kwargs["initial"] = machine_values(proposal)
        super().__init__(*args, **kwargs)
        # The map widget starts from an inline script: it carries the page's CSP nonce.
        self.fields["location"].widget.csp_nonce = csp_nonce

    def clean(self):
        cleaned = super().clean()
        low, best, high = (cleaned.get(k) for k in ("killed_min", "killed", "killed_max"))
        if best is not None and (
            (low is not None and low > best) or (high is not None and high < best)
        ):
            raise forms.ValidationError(_("The figures must read minimum ≤ best ≤ maximum."))
        return cleaned

    def corrections(self, actor_roles) -> Corrections:
        """What the editor changed from the machine's proposal."""
        machine = machine_values(self.proposal)
        data = self.cleaned_data
        fields = {}
        if data["date"] != machine["date"]:
            fields["date"] = data["date"]
        for name in ("date_precision", "geo_precision", "civilian_targeting"):
            if data[name] != machine[name]:
                fields[name] = data[name]
        if data["sub_event_type"] != machine["sub_event_type"]:
            fields["sub_event_type"] = data["sub_event_type"]
            fields["event_type"] = data["sub_event_type"].event_type
        place, point = data["place"], data["location"]
        moved = point is not None and (
            machine["location"] is None or point.distance(machine["location"]) > 1e-6
        )
        if place != machine["place"]:
            fields["place"] = place
            if place is not None:
                fields.update(country=place.country, admin1=place.admin1, admin2=place.admin2)
                if not moved:
                    point = place.point
                    moved = True
        if moved:
            fields["location"] = Point(point.x, point.y, srid=4326)
        figures = {k: data[k] for k in FIGURES}
        machine_figures = {k: machine[k] for k in FIGURES}
        changed_figures = (
            figures
            if figures != machine_figures
            and (figures["killed"] is not None or figures["wounded"] is not None)
            else None
        )
        roles = None if actor_roles == machine_actor_roles(self.proposal) else actor_roles
        return Corrections(
            fields=fields,
            actor_roles=roles,
            figures=changed_figures,
            reason=data.get("reason") or "",
        )


def machine_values(proposal: dict) -> dict:
    sub_type = SubEventType.objects.filter(
        event_type__name=proposal.get("event_type") or "", name=proposal.get("sub_event_type") or ""
    ).first()
    typed = IncidentProposal.from_json(proposal)
    current = _machine_figure(proposal)
    low, high = current.get("killed_min"), current.get("killed_max")
    if low == high == current.get("killed"):
        low = high = None  # an exact figure: no range to show or to keep in step
    return {
        "date": typed.date,
        "date_precision": proposal.get("date_precision") or DatePrecision.DAY,
        "place": Place.objects.filter(key=proposal.get("place") or "").first(),
        "location": proposal_point(typed),
        "geo_precision": proposal.get("geo_precision") or GeoPrecision.EXACT,
        "sub_event_type": sub_type,
        "civilian_targeting": bool(proposal.get("civilian_targeting")),
        "killed": current.get("killed"),
        "qualifier": current.get("qualifier") or Qualifier.EXACT,
        "killed_min": low,
        "killed_max": high,
        "wounded": current.get("wounded"),
        "reason": "",
    }


def _machine_figure(proposal: dict) -> dict:
    """The figure the machine would make current: its latest reported one."""
    revisions = [
        r
        for r in proposal.get("toll_revisions") or []
        if r.get("killed") is not None or r.get("wounded") is not None
    ]
    return revisions[-1] if revisions else {}


def machine_actor_roles(proposal: dict) -> list[tuple[Actor, str]]:
    keys = [a.get("key") for a in proposal.get("actors", []) if a.get("key")]
    actors = {a.key: a for a in Actor.objects.filter(key__in=keys)}
    return sorted(
        (
            (actors[a["key"]], a["role"])
            for a in proposal.get("actors", [])
            if a.get("key") in actors and a.get("role") in Role.values
        ),
        key=lambda pair: (pair[0].pk, pair[1]),
    )


class ActorRoleForm(forms.Form):
    actor = ActorChoiceField(
        label=_("Actor"),
        queryset=Actor.objects.all(),
        required=False,
        widget=AutocompleteSelect(IncidentActor._meta.get_field("actor"), admin.site),
    )
    role = forms.ChoiceField(label=_("Role"), choices=[("", "—"), *Role.choices], required=False)


ActorRoleFormSet = forms.formset_factory(ActorRoleForm, extra=2)


def actor_formset(proposal: dict, data=None):
    initial = [{"actor": actor, "role": role} for actor, role in machine_actor_roles(proposal)]
    return ActorRoleFormSet(data, initial=initial, prefix="actors")


def chosen_actor_roles(formset) -> list[tuple[Actor, str]]:
    pairs = {
        (f.cleaned_data["actor"], f.cleaned_data["role"])
        for f in formset.forms
        if f.cleaned_data.get("actor") and f.cleaned_data.get("role")
    }
    return sorted(pairs, key=lambda pair: (pair[0].pk, pair[1]))
