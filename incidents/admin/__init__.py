"""Editor admin: incidents with their toll history, and the curated catalogues."""

from . import catalog, incident, review, toll, unresolved  # noqa: F401  (registers the ModelAdmins)
