from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic.base import RedirectView

from incidents.admin.actor_names import LocalisedAutocompleteJsonView
from incidents.health import healthz
from incidents.metrics import metrics_view


class FaviconView(RedirectView):
    """Browsers ask every page's host for /favicon.ico, pages without an icon link too."""

    permanent = True

    def get_redirect_url(self, *args, **kwargs):
        return static("favicon.svg")  # resolved per request: the manifest may hash the name


admin.site.site_header = "ConflictWatch"
admin.site.site_title = "ConflictWatch"
admin.site.index_title = _("Incidents, sources and gazetteer")

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", FaviconView.as_view()),
    path("metrics", metrics_view, name="metrics"),
    path("i18n/", include("django.conf.urls.i18n")),
    # Before the admin's own URLs, so its autocomplete boxes get this answer
    # (actors under their name in the interface language).
    path(
        "admin/autocomplete/",
        admin.site.admin_view(LocalisedAutocompleteJsonView.as_view(admin_site=admin.site)),
    ),
    path("admin/", admin.site.urls),
    path("api/v1/", include("incidents.api.urls")),
    path("", include("incidents.urls")),
]
