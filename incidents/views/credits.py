"""The about/credits page: where the product's reference data comes from and
under which licence (GeoNames' CC BY 4.0 requires the credit to be shown)."""

from __future__ import annotations

from django.views.generic import TemplateView


class CreditsView(TemplateView):
    """Public: attribution must be readable without an account."""

    template_name = "dashboard/credits.html"
