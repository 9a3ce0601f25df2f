"""Formats chosen by ``?format=`` or the Accept header.

An explicit ``?format=`` always wins over the Accept header: GIS tools and
plain HTTP clients ask for a URL ending in ``?format=geojson`` while sending
whatever Accept header their library defaults to (GDAL sends
``text/plain, application/json``, urllib callers often ``application/json``);
REST framework's default answers them 406. An unknown format is a 400 naming
the parameter (REST framework's default is a 404).
"""

from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework.exceptions import NotAcceptable
from rest_framework.negotiation import DefaultContentNegotiation

from incidents.api.errors import bad_parameter


class FormatParameterNegotiation(DefaultContentNegotiation):
    def select_renderer(self, request, renderers, format_suffix=None):
        try:
            return super().select_renderer(request, renderers, format_suffix)
        except Http404:
            offered = ", ".join(sorted({r.format for r in renderers}))
            raise bad_parameter(
                "format",
                _("Unknown format; this endpoint offers: %(formats)s.") % {"formats": offered},
            ) from None
        except NotAcceptable:
            explicit = format_suffix or request.query_params.get(self.settings.URL_FORMAT_OVERRIDE)
            if not explicit:
                raise
            renderer = self.filter_renderers(renderers, explicit)[0]
            return renderer, renderer.media_type
