from django.contrib import admin
from django.urls import include, path

from incidents.health import healthz
from incidents.metrics import metrics_view

admin.site.site_header = "ConflictWatch"
admin.site.site_title = "ConflictWatch"
admin.site.index_title = "Incidents, sources and gazetteer"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("metrics", metrics_view, name="metrics"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("incidents.api.urls")),
    path("", include("incidents.urls")),
]
