"""Template filters for incidents read as people say them (incidents.display)."""

from django import template

from incidents.display import dates, names, sources, tolls

register = template.Library()


@register.filter
def road_name(route) -> str:
    """A road's name in the interface language."""
    return names.route_name(route) if route else ""


@register.filter
def killed_text(incident) -> str:
    """ "at least 32 killed"."""
    return tolls.incident_killed_text(incident)


@register.filter
def figure_text(revision) -> str:
    """One reported figure with its qualifier: "at least 32", "9–16"."""
    return tolls.revision_figure(revision)


@register.filter
def said_by(text) -> str:
    """Who gave a figure, in the interface language: "responsable local ; ONG"."""
    return sources.said_by_label(text or "")


@register.filter
def place_name(place) -> str:
    """A gazetteer place under its name in the interface language."""
    return place.local_name() if place else ""


@register.filter
def local_date(value) -> str:
    """A date (or an ISO date string from a query) in the interface's input
    format, as the date fields show it: "07/02/2025" in French."""
    return dates.input_text(value)
