"""Documentation pages served entirely from our own static files.

drf-spectacular's Redoc page asks Google Fonts for its typefaces, and Redoc
loads a logo from Redocly's CDN; ours keeps the page's head but drops those
links and serves the logo from our static files (static/api/redoc_offline.js),
so the docs work offline and tell no third party who reads them."""

from django.template import engines
from drf_spectacular.views import SpectacularRedocView
from rest_framework.permissions import AllowAny
from rest_framework.renderers import TemplateHTMLRenderer

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


class RedocView(SpectacularRedocView):
    renderer_classes = [OfflineRedocRenderer]
    permission_classes = [AllowAny]
