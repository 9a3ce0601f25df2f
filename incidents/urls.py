"""Dashboard pages and their data endpoints."""

app_name = "dashboard"
urlpatterns: list = []
