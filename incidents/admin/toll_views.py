"""Admin pages for the toll workflow: correct, accept, reject, pin, unpin.

Each page checks its permission, validates a form and calls one service; the
figures of an existing revision are never edited.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from incidents import services
from incidents.forms import TollCorrectionForm, TollReviewForm
from incidents.models import EntryKind, Incident, TollStatus


class IncidentTollView(View):
    permission = "incidents.change_incident"

    def dispatch(self, request, incident_id, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        self.incident = get_object_or_404(Incident, pk=incident_id)
        return super().dispatch(request, incident_id, **kwargs)

    def back(self):
        return redirect(reverse("admin:incidents_incident_change", args=[self.incident.pk]))

    def render(self, request, template, **context):
        opts = Incident._meta
        return TemplateResponse(
            request,
            template,
            {
                **admin.site.each_context(request),
                "opts": opts,
                "original": self.incident,
                "incident": self.incident,
                "has_view_permission": True,
                **context,
            },
        )


class CorrectTollView(IncidentTollView):
    permission = "incidents.add_tollrevision"
    template = "admin/incidents/incident/correct_toll.html"

    def get(self, request, incident_id):
        form = TollCorrectionForm(incident=self.incident, user=request.user)
        return self.render(request, self.template, form=form, title=_("Correct the toll"))

    def post(self, request, incident_id):
        form = TollCorrectionForm(request.POST, incident=self.incident, user=request.user)
        if not form.is_valid():
            return self.render(request, self.template, form=form, title=_("Correct the toll"))
        services.record_toll_revision(
            incident=self.incident,
            entry_kind=EntryKind.EDITOR,
            entered_by=request.user,
            **form.cleaned_data,
        )
        messages.success(request, _("The new figure was added as a revision; the history is kept."))
        return self.back()


class ReviewTollView(IncidentTollView):
    template = "admin/incidents/incident/review_toll.html"
    ACTIONS = {
        "accept": _("Accept this figure"),
        "reject": _("Reject this figure"),
        "pin": _("Pin this figure as the current toll"),
    }

    def dispatch(self, request, incident_id, revision_id, action):
        if action not in self.ACTIONS:
            raise Http404
        self.action = action
        return super().dispatch(request, incident_id, revision_id=revision_id)

    def get_revision(self, revision_id):
        """One of the figures that make this incident's toll, including
        those of the duplicates merged into it."""
        return get_object_or_404(services.revisions_of(self.incident), pk=revision_id)

    def get(self, request, incident_id, revision_id):
        return self.render(
            request,
            self.template,
            form=TollReviewForm(),
            revision=self.get_revision(revision_id),
            title=self.ACTIONS[self.action],
            action=self.action,
        )

    def post(self, request, incident_id, revision_id):
        revision = self.get_revision(revision_id)
        form = TollReviewForm(request.POST)
        if form.is_valid():
            try:
                if self.action == "pin":
                    services.pin_toll_revision(
                        incident=self.incident,
                        revision=revision,
                        user=request.user,
                        reason=form.cleaned_data["note"],
                    )
                else:
                    status = TollStatus.REJECTED if self.action == "reject" else TollStatus.ACCEPTED
                    services.review_toll_revision(
                        revision=revision,
                        status=status,
                        user=request.user,
                        note=form.cleaned_data["note"],
                    )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Done: the current toll was recomputed."))
                return self.back()
        return self.render(
            request,
            self.template,
            form=form,
            revision=revision,
            title=self.ACTIONS[self.action],
            action=self.action,
        )


class UnpinTollView(IncidentTollView):
    template = "admin/incidents/incident/review_toll.html"

    def get(self, request, incident_id):
        return self.render(
            request, self.template, form=TollReviewForm(), title=_("Unpin the toll"), action="unpin"
        )

    def post(self, request, incident_id):
        form = TollReviewForm(request.POST)
        if not form.is_valid():
            return self.render(
                request, self.template, form=form, title=_("Unpin the toll"), action="unpin"
            )
        services.pin_toll_revision(
            incident=self.incident,
            revision=None,
            user=request.user,
            reason=form.cleaned_data["note"],
        )
        messages.success(request, _("Unpinned: the current toll follows the latest figures again."))
        return self.back()
