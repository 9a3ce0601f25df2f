"""The partner REST API, versioned under /api/v1/."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import AllowAny
from rest_framework.routers import DefaultRouter

from incidents.api.docs_pages import RedocView, SwaggerView
from incidents.api.views.articles import ArticleViewSet
from incidents.api.views.catalog import ActorViewSet, PlaceViewSet, RouteViewSet
from incidents.api.views.incidents import IncidentViewSet

app_name = "api"

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("incidents", IncidentViewSet, basename="incident")
router.register("actors", ActorViewSet, basename="actor")
router.register("places", PlaceViewSet, basename="place")
router.register("routes", RouteViewSet, basename="route")
router.register("articles", ArticleViewSet, basename="article")

urlpatterns = [
    # The schema and its documentation pages are public; the data is not.
    path("schema/", SpectacularAPIView.as_view(permission_classes=[AllowAny]), name="schema"),
    path("docs/", SwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", RedocView.as_view(url_name="api:schema"), name="redoc"),
    *router.urls,
]
