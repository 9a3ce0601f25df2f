"""Template filters for incidents read as people say them (incidents.display)."""

from django import template

from incidents.display import names, tolls

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
