"""Admin pages for the editorial acts on an incident that are not a field
edit: merge it into another, undo that merge, add a source, remove one. Each
asks why (adding a source asks for its quote instead) and calls one service,
which records the act in the incident's history."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from incidents import services
from incidents.admin.toll_views import IncidentTollView
from incidents.forms import AddSourceForm, MergeIncidentForm, ReasonForm
from incidents.models import IncidentMerge, IncidentSource

TEMPLATE = "admin/incidents/incident/review_toll.html"


class ActView(IncidentTollView):
    form_class: type[forms.Form] = ReasonForm
    title = ""

    def act(self, request, form):
        raise NotImplementedError

    def get(self, request, incident_id, **kwargs):
        return self.render(
            request, TEMPLATE, form=self.form_class(), title=self.title, **self.extra(**kwargs)
        )

    def extra(self, **kwargs) -> dict:
        return {}

    def post(self, request, incident_id, **kwargs):
        form = self.form_class(request.POST)
        if form.is_valid():
            try:
                message = self.act(request, form, **kwargs)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, message)
                return self.back()
        return self.render(request, TEMPLATE, form=form, title=self.title, **self.extra(**kwargs))


class MergeIncidentView(ActView):
    form_class = MergeIncidentForm
    title = _("Merge this incident into another")

    def act(self, request, form):
        survivor = form.cleaned_data["survivor"]
        services.merge_incidents(
            duplicate=self.incident,
            survivor=survivor,
            user=request.user,
            reason=form.cleaned_data["reason"],
        )
        return _("Merged into #%(id)s; this incident is kept as a tombstone.") % {"id": survivor.pk}


class UndoMergeView(ActView):
    title = _("Undo the merge")

    def act(self, request, form):
        merge = get_object_or_404(IncidentMerge, duplicate=self.incident, undone_at__isnull=True)
        services.undo_merge(merge=merge, user=request.user, reason=form.cleaned_data["reason"])
        return _("Merge undone: this incident has its sources, actors and figures back.")


class AddSourceView(ActView):
    form_class = AddSourceForm
    title = _("Add a source")

    def act(self, request, form):
        _source, created = services.add_source(
            incident=self.incident,
            article=form.cleaned_data["article"],
            quote=form.cleaned_data["quote"],
            user=request.user,
        )
        return _("Source added.") if created else _("That article was already a source.")


class RemoveSourceView(ActView):
    title = _("Remove this source")

    def source(self, source_id):
        return get_object_or_404(
            IncidentSource.objects.select_related("article"),
            pk=source_id,
            incident_id=self.incident.pk,
        )

    def extra(self, source_id):
        return {"source": self.source(source_id)}

    def act(self, request, form, source_id):
        services.remove_source(
            source=self.source(source_id), user=request.user, reason=form.cleaned_data["reason"]
        )
        return _("Source removed; its quote stays in the history.")
