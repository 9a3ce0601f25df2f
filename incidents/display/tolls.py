"""A death toll in words, with the qualifier it was reported with.

"at least 32" is not "32": wherever a figure is shown, it is shown through
``toll_figure``. The dashboard's scripts get the same templates through
``qualifier_templates`` (see incidents.views.labels)."""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def qualifier_templates() -> dict[str, str]:
    """Template per qualifier; ``%(n)s`` is the best figure, ``%(low)s`` and
    ``%(high)s`` the range."""
    return {
        "exact": "%(n)s",
        "at_least": _("at least %(n)s"),
        "about": _("about %(n)s"),
        "up_to": _("up to %(n)s"),
        "range": _("%(low)s–%(high)s"),
    }


def _number(value: int) -> str:
    return number_format(value, force_grouping=True)


def toll_figure(
    killed: int | None, qualifier: str = "", low: int | None = None, high: int | None = None
) -> str:
    """``at least 32``, ``about 30``, ``9–16``, ``32``; empty without a figure."""
    if killed is None:
        return ""
    templates = qualifier_templates()
    if qualifier == "range" and (low is None or high is None or low == high):
        qualifier = "exact"
    template = templates.get(qualifier or "exact", templates["exact"])
    return template % {
        "n": _number(killed),
        "low": _number(low if low is not None else killed),
        "high": _number(high if high is not None else killed),
    }


def killed_text(
    killed: int | None, qualifier: str = "", low: int | None = None, high: int | None = None
) -> str:
    """``at least 32 killed``, or "toll unknown"."""
    if killed is None:
        return _("toll unknown")
    return ngettext("%(figure)s killed", "%(figure)s killed", killed) % {
        "figure": toll_figure(killed, qualifier, low, high)
    }


def incident_killed_text(incident) -> str:
    return killed_text(
        incident.killed, incident.killed_qualifier, incident.killed_low, incident.killed_high
    )


def revision_figure(revision) -> str:
    return toll_figure(
        revision.killed, revision.qualifier, revision.killed_min, revision.killed_max
    )
