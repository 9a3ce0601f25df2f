"""The review queue: extraction candidates beside their article (evidence
highlighted), the proposed fields and a map; approve, merge or reject, one
by one or in bulk. Also the page where editors submit an article."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from incidents.admin.review_forms import CorrectionForm, actor_formset, chosen_actor_roles
from incidents.display.places import area_names
from incidents.display.proposals import (
    proposal_day,
    proposal_name,
    proposal_toll_text,
    proposal_words,
)
from incidents.extraction.proposal import IncidentProposal
from incidents.ingest.article_urls import BadURL
from incidents.ingest.matching import suggestions
from incidents.ingest.reading import UnreadableDocument
from incidents.ingest.review import approve_candidate, merge_candidate, reject_candidate
from incidents.ingest.submit import queue_message, submit_document, submit_url
from incidents.models import CandidateStatus, ExtractionCandidate, Incident, Place, Route
from incidents.selectors import figures_awaiting_review, pending_words
from incidents.tasks import enqueue_article


def highlight(text: str, spans: list[dict]) -> str:
    """The text, escaped, with the evidence spans wrapped in <mark>."""
    cleaned = sorted(
        {
            (s["start"], s["end"], s.get("label", ""))
            for s in spans
            if isinstance(s, dict) and 0 <= s.get("start", -1) < s.get("end", -1) <= len(text)
        }
    )
    out, position = [], 0
    for start, end, label in cleaned:
        if start < position:
            continue  # overlapping spans: keep the first
        out.append(escape(text[position:start]))
        out.append(format_html('<mark title="{}">{}</mark>', label, text[start:end]))
        position = end
    out.append(escape(text[position:]))
    # Every piece is escaped or built by format_html above; only <br> is added.
    return mark_safe("".join(out).replace("\n", "<br>"))  # nosec B308 B703


def evidence_spans(proposal: dict) -> list[dict]:
    evidence = proposal.get("evidence") or {}
    spans = []
    for label, value in evidence.items():
        for span in value if isinstance(value, list) else [value]:
            if isinstance(span, dict):
                spans.append({**span, "label": label})
    for revision in proposal.get("toll_revisions") or []:
        if isinstance(revision.get("evidence"), dict):
            spans.append({**revision["evidence"], "label": "toll"})
    return spans


WEAK_CONFIDENCE = 0.5


def weak_fields(proposal: dict) -> list[str]:
    """The fields (date, place, toll, actors, event) the engine is least sure of,
    which the review page marks for the editor to check first."""
    return [
        field
        for field, value in (proposal.get("field_confidence") or {}).items()
        if isinstance(value, int | float) and value < WEAK_CONFIDENCE
    ]


class MergeForm(forms.Form):
    incident = forms.ModelChoiceField(
        queryset=Incident.objects.all(),
        widget=forms.NumberInput,
        label=gettext_lazy("Incident number to merge into"),
    )


class RejectForm(forms.Form):
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        label=gettext_lazy("Why (optional)"),
    )


@admin.register(ExtractionCandidate)
class ExtractionCandidateAdmin(SimpleHistoryAdmin):
    list_display = [
        "proposed_name",
        "proposed_date",
        "proposed_toll",
        "confidence",
        "article",
        "unknown_place",
        "background",
        "status",
        "created_at",
    ]
    list_filter = ["status", "background", "article__language"]
    search_fields = ["article__title", "article__text", "unknown_place"]
    actions = ["approve_selected", "reject_selected"]
    change_form_template = "admin/incidents/extractioncandidate/review.html"

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        # The list and the review page both show the article.
        return (
            super()
            .get_queryset(request)
            .select_related("article")
            .prefetch_related("unresolved_actors")
        )

    def get_changelist_instance(self, request):
        """The page's proposals, typed once, with their gazetteer places in one query."""
        changelist = super().get_changelist_instance(request)
        rows = list(changelist.result_list)
        typed = {c.pk: IncidentProposal.from_json(c.proposal or {}) for c in rows}
        keys = {p.place for p in typed.values() if p.place}
        places = {place.key: place for place in Place.objects.filter(key__in=keys)}
        routes = {route.slug: route for route in Route.objects.filter(slug__in=keys)}
        areas = area_names()
        for candidate in rows:
            proposal = typed[candidate.pk]
            candidate.typed = proposal
            candidate.queue_name = proposal_name(
                proposal, places.get(proposal.place), routes.get(proposal.place), areas
            )
        return changelist

    @staticmethod
    def _typed(obj) -> IncidentProposal:
        typed = getattr(obj, "typed", None)
        return typed if typed is not None else IncidentProposal.from_json(obj.proposal or {})

    @admin.display(description=gettext_lazy("incident"))
    def proposed_name(self, obj):
        return getattr(obj, "queue_name", None) or proposal_name(self._typed(obj))

    @admin.display(description=gettext_lazy("date"))
    def proposed_date(self, obj):
        return proposal_day(self._typed(obj))

    @admin.display(description=gettext_lazy("killed"))
    def proposed_toll(self, obj):
        return proposal_toll_text(self._typed(obj))

    def changelist_view(self, request, extra_context=None):
        """The queue also lists figures awaiting review on published incidents."""
        pending = [
            {"incident": incident, "revision": revision, "words": pending_words(revision)}
            for incident, revision in figures_awaiting_review()
        ]
        return super().changelist_view(
            request, {**(extra_context or {}), "pending_figures": pending}
        )

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/decide/<str:decision>/",
                wrap(self.decide),
                name="incidents_extractioncandidate_decide",
            ),
            path("submit/", wrap(self.submit_view), name="incidents_article_submit"),
            *super().get_urls(),
        ]

    def change_view(
        self,
        request,
        object_id,
        form_url="",
        extra_context=None,
        correction_form=None,
        actor_forms=None,
    ):
        candidate = get_object_or_404(
            ExtractionCandidate.objects.select_related("article"), pk=object_id
        )
        if not self.has_view_permission(request, candidate):
            raise PermissionDenied
        proposal = candidate.proposal
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": candidate,
            "title": _("Review extracted incident"),
            "candidate": candidate,
            "proposal": proposal,
            "shown": proposal_words(proposal),
            "article_html": highlight(candidate.article.text, evidence_spans(proposal)),
            "weak": weak_fields(proposal),
            "suggestions": suggestions(IncidentProposal.from_json(proposal))
            if candidate.status == CandidateStatus.PENDING
            else [],
            "merge_form": MergeForm(),
            "correction_form": correction_form
            or CorrectionForm(proposal=proposal, csp_nonce=getattr(request, "csp_nonce", None)),
            "actor_formset": actor_forms or actor_formset(proposal),
            "reject_form": RejectForm(),
            "can_decide": self.has_change_permission(request, candidate)
            and candidate.status == CandidateStatus.PENDING,
            "point": [proposal.get("latitude"), proposal.get("longitude")],
            "tiles": {"url": settings.MAP_TILE_URL, "attribution": settings.MAP_TILE_ATTRIBUTION},
        }
        return TemplateResponse(request, self.change_form_template, context)

    def decide(self, request, pk, decision):
        candidate = get_object_or_404(ExtractionCandidate, pk=pk)
        if request.method != "POST" or not self.has_change_permission(request, candidate):
            raise PermissionDenied
        try:
            if decision == "approve":
                corrections = None
                if "date" in request.POST:  # the correction form, not a bare approval
                    form = CorrectionForm(
                        request.POST,
                        proposal=candidate.proposal,
                        csp_nonce=getattr(request, "csp_nonce", None),
                    )
                    actors = actor_formset(candidate.proposal, request.POST)
                    if not (form.is_valid() and actors.is_valid()):
                        messages.error(request, _("Please correct the errors below."))
                        return self.change_view(
                            request, str(pk), correction_form=form, actor_forms=actors
                        )
                    corrections = form.corrections(chosen_actor_roles(actors))
                incident = approve_candidate(
                    candidate=candidate, user=request.user, corrections=corrections
                )
                messages.success(request, _("Filed as incident #%(id)s.") % {"id": incident.pk})
            elif decision == "merge":
                form = MergeForm(request.POST)
                if not form.is_valid():
                    raise ValidationError(_("Choose an existing incident number."))
                incident = merge_candidate(
                    candidate=candidate, incident=form.cleaned_data["incident"], user=request.user
                )
                messages.success(request, _("Merged into incident #%(id)s.") % {"id": incident.pk})
            elif decision == "reject":
                form = RejectForm(request.POST)
                form.is_valid()
                reject_candidate(
                    candidate=candidate, user=request.user, note=form.cleaned_data.get("note", "")
                )
                messages.success(request, _("Rejected."))
            else:
                raise PermissionDenied
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(reverse("admin:incidents_extractioncandidate_change", args=[pk]))
        return redirect(
            reverse("admin:incidents_extractioncandidate_changelist") + "?status__exact=pending"
        )

    @admin.action(
        description=gettext_lazy("Approve selected as new incidents"), permissions=["change"]
    )
    def approve_selected(self, request, queryset):
        self._bulk(request, queryset, lambda c: approve_candidate(candidate=c, user=request.user))

    @admin.action(description=gettext_lazy("Reject selected"), permissions=["change"])
    def reject_selected(self, request, queryset):
        self._bulk(
            request,
            queryset,
            lambda c: reject_candidate(candidate=c, user=request.user, note="bulk rejection"),
        )

    def _bulk(self, request, queryset, decide):
        done, failed = 0, []
        for candidate in queryset.filter(status=CandidateStatus.PENDING):
            try:
                decide(candidate)
                done += 1
            except ValidationError as exc:
                failed.append(f"#{candidate.pk}: {' '.join(exc.messages)}")
        messages.info(request, _("%(done)d done.") % {"done": done})
        for failure in failed:
            messages.warning(request, failure)

    def submit_view(self, request):
        if not request.user.has_perm("incidents.add_article"):
            raise PermissionDenied
        form = SubmitArticleForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                if form.cleaned_data["url"]:
                    article, created = submit_url(form.cleaned_data["url"], enqueue=enqueue_article)
                else:
                    article, created = submit_document(
                        form.cleaned_data["text"],
                        enqueue=enqueue_article,
                        title=form.cleaned_data["title"],
                    )
            except (BadURL, UnreadableDocument) as exc:
                form.add_error(None, str(exc))
            else:
                ticket = getattr(article, "queue_ticket", None)
                if ticket is not None and ticket.queued is False:
                    messages.warning(
                        request,
                        _("Article #%(id)s: %(problem)s")
                        % {"id": article.pk, "problem": queue_message(article)},
                    )
                elif ticket is not None:
                    messages.success(
                        request, _("Article #%(id)s queued for extraction.") % {"id": article.pk}
                    )
                else:
                    messages.success(
                        request, _("Already stored as article #%(id)s.") % {"id": article.pk}
                    )
                return redirect(reverse("admin:incidents_article_change", args=[article.pk]))
        return TemplateResponse(
            request,
            "admin/incidents/article/submit.html",
            {
                **self.admin_site.each_context(request),
                "form": form,
                "title": _("Submit an article"),
                "opts": self.opts,
            },
        )


class SubmitArticleForm(forms.Form):
    url = forms.URLField(required=False, label=gettext_lazy("Article URL"), assume_scheme="https")
    title = forms.CharField(required=False, max_length=300, label=gettext_lazy("Title"))
    text = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        label=gettext_lazy("…or paste the text"),
    )

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("url")) == bool((cleaned.get("text") or "").strip()):
            raise ValidationError(_("Give either a URL or the text, not both."))
        return cleaned
