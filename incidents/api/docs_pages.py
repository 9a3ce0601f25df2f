"""Documentation pages served entirely from our own static files.

drf-spectacular's Redoc page asks Google Fonts for its typefaces, and Redoc
loads a logo from Redocly's CDN; ours keeps the page's head but drops those
links and serves the logo from our static files (static/api/redoc_offline.js),
so the docs work offline and tell no third party who reads them.

Content-Security-Policy: Swagger UI is served as the split view (its start-up
script is a separate same-origin request, not inline); Redoc and Swagger UI
inject their styles at run time, so these two pages alone allow inline styles
(never inline scripts), and Redoc runs its search in a blob: worker. REST
framework's browsable API has inline styles in its templates: same rule."""

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.template import engines
from django.utils.decorators import method_decorator
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework.permissions import AllowAny
from rest_framework.renderers import BrowsableAPIRenderer, TemplateHTMLRenderer

REDOC_PAGE = """{% extends "drf_spectacular/redoc.html" %}{% load static %}
{% block head %}
<title>{{ title|default:"ConflictWatch API" }}</title>
<link rel="icon" href="{% static 'favicon.svg' %}" type="image/svg+xml">
<script src="{% static 'api/redoc_offline.js' %}" data-logo="{% static 'favicon.svg' %}"></script>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body { margin: 0; padding: 0; }</style>
{% endblock head %}
"""


class OfflineRedocRenderer(TemplateHTMLRenderer):
    def resolve_template(self, template_names):
        return engines["django"].from_string(REDOC_PAGE)


DOCS_PAGE_CSP = {"style-src": [UNSAFE_INLINE], "worker-src": ["blob:"]}


@method_decorator(csp_update(DOCS_PAGE_CSP), name="dispatch")
class SwaggerView(SpectacularSwaggerSplitView):
    permission_classes = [AllowAny]


@method_decorator(csp_update(DOCS_PAGE_CSP), name="dispatch")
class RedocView(SpectacularRedocView):
    renderer_classes = [OfflineRedocRenderer]
    permission_classes = [AllowAny]


def browsable_api_policy(get_response):
    """Middleware (listed after django-csp's, so it sees the response first):
    a response rendered by REST framework's browsable API gets the
    documentation pages' policy."""

    def middleware(request):
        response = get_response(request)
        if isinstance(getattr(response, "accepted_renderer", None), BrowsableAPIRenderer):
            response._csp_update = DOCS_PAGE_CSP  # read by django-csp's middleware
        return response

    return middleware
