"""Formats chosen by ``?format=`` or the Accept header; an unknown format is a
400 naming the parameter (REST framework's default is a 404)."""

from django.http import Http404
from rest_framework.negotiation import DefaultContentNegotiation

from incidents.api.errors import bad_parameter


class FormatParameterNegotiation(DefaultContentNegotiation):
    def select_renderer(self, request, renderers, format_suffix=None):
        try:
            return super().select_renderer(request, renderers, format_suffix)
        except Http404:
            offered = ", ".join(sorted({r.format for r in renderers}))
            raise bad_parameter(
                "format", f"Unknown format; this endpoint offers: {offered}."
            ) from None
