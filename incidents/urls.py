"""Dashboard pages and their data endpoints."""

from django.contrib.auth import views as auth_views
from django.urls import path

from incidents.views import data, mapfeed, pages
from incidents.views.credits import CreditsView

app_name = "dashboard"
urlpatterns = [
    path("", pages.home, name="home"),
    path("routes/<slug:slug>/", pages.route_view, name="route"),
    path("incidents/<int:pk>/", pages.incident_detail, name="incident"),
    path("credits/", CreditsView.as_view(), name="credits"),
    path("data/incidents.json", data.incidents_data, name="incidents-data"),
    path("data/map.json", mapfeed.map_data, name="map-data"),
    path("data/timeline.json", mapfeed.timeline_data, name="timeline-data"),
    path("data/list.json", mapfeed.list_data, name="list-data"),
    path("data/routes/<slug:slug>.json", data.route_data, name="route-data"),
    path("data/basemap.json", pages.basemap, name="basemap"),
    path("data/described.json", data.incidents_described, name="incidents-described"),
    path("data/place.json", data.place_point, name="place-point"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
]
