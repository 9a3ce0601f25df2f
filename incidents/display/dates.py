"""Dates typed and shown in the interface language's own order.

A browser's ``<input type="date">`` follows the browser's locale, not the
page's language (an English browser shows mm/dd/yyyy on the French pages), so
the date fields are text fields in the format of the interface language —
Django's first ``DATE_INPUT_FORMATS`` entry: 07/02/2025 in French,
2025-02-07 in English — with that format spelt out as their placeholder
("jj/mm/aaaa"). The server reads both that format and ISO dates; the
dashboard's script keeps ISO dates in the URL (``static/dashboard/common.js``).
"""

from __future__ import annotations

from datetime import date

from django.utils.formats import get_format
from django.utils.translation import gettext as _


def input_format() -> str:
    """The strftime format of a date field in the interface language."""
    return get_format("DATE_INPUT_FORMATS")[0]


def placeholder() -> str:
    """The format for people: "dd/mm/yyyy", "jj/mm/aaaa"."""
    words = {"%d": _("dd"), "%m": _("mm"), "%Y": _("yyyy"), "%y": _("yy")}
    text = input_format()
    for code, word in words.items():
        text = text.replace(code, word)
    return text


def input_text(value) -> str:
    """A date, or an ISO date string, as the date field shows it; any other
    text (a bad value to correct) is given back as it is."""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            return value
    if not value:
        return ""
    return value.strftime(input_format())


def field_attrs() -> dict[str, str]:
    """What a date field carries: its placeholder and, for the scripts, its format."""
    return {
        "placeholder": placeholder(),
        "data-date-format": input_format(),
        "inputmode": "numeric",
        "autocomplete": "off",
        "size": "10",
    }


def incident_date_text(incident, *, precision_note: bool = True) -> str:
    """When it happened, as precisely as it is known: "Feb. 7, 2025",
    "January 2025 (month known)", "week of Jan. 13, 2025 (week known)";
    without the note in a sentence ("January 2025", "week of Jan. 13, 2025")."""
    from django.utils.formats import date_format

    if incident.date_precision == "month":
        month = date_format(incident.date, "YEAR_MONTH_FORMAT")
        return _("%(month)s (month known)") % {"month": month} if precision_note else month
    if incident.date_precision == "week":
        if precision_note:
            return _("week of %(date)s (week known)") % {"date": date_format(incident.date)}
        return _("week of %(date)s") % {"date": date_format(incident.date)}
    return date_format(incident.date)
