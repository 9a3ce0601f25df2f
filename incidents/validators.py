"""Validators shared by models and forms, so editors get a clear message
before any database constraint fires."""

import unicodedata
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_TOLL = 100_000
"""Largest toll (killed, either end of a range, wounded) accepted for a single
incident. The deadliest single events in the datasets we follow (UCDP GED,
ACLED) stay well below it; a bigger figure is a misread ("10 billion"), a
cumulative war total or a typo, and is refused with that reason."""

EARLIEST_INCIDENT_DATE = date(1989, 1, 1)
"""No incident is dated before this: UCDP GED, the longest series we import,
starts in 1989, and an older date is a misread (a feed item dated 1900)."""

PUBLICATION_CLOCK_SKEW = timedelta(days=1)
"""A publication time this far ahead of our clock is still believed (time
zones, a newsroom's clock); further ahead, it is a misread."""


def validate_point_on_globe(point) -> None:
    if point is None:
        return
    if not (-180.0 <= point.x <= 180.0) or not (-90.0 <= point.y <= 90.0):
        raise ValidationError(
            _(
                "The point (%(x)s, %(y)s) is off the globe: longitude must be within ±180 "
                "and latitude within ±90."
            ),
            params={"x": point.x, "y": point.y},
            code="off_globe",
        )


def validate_not_in_future(value) -> None:
    if value is not None and value > timezone.localdate():
        raise ValidationError(
            _("%(date)s is in the future; an incident cannot be dated after today."),
            params={"date": value},
            code="future_date",
        )


def validate_incident_date(value) -> None:
    """Not before EARLIEST_INCIDENT_DATE, not after today."""
    if value is None:
        return
    if value < EARLIEST_INCIDENT_DATE:
        raise ValidationError(
            _("%(date)s is before %(earliest)s, the earliest date we record."),
            params={"date": value, "earliest": EARLIEST_INCIDENT_DATE},
            code="date_too_early",
        )
    validate_not_in_future(value)


def incident_date_problem(value: date, *, published: datetime | None) -> str:
    """Why an incident date found in an article cannot be right ("" if it can):
    outside the dates we record, or after the article was published."""
    try:
        validate_incident_date(value)
    except ValidationError as exc:
        return " ".join(exc.messages)
    if published is not None and value > timezone.localdate(published):
        return str(
            _("%(date)s is after the article's publication (%(published)s).")
            % {"date": value, "published": timezone.localdate(published)}
        )
    return ""


def toll_problem(value: int | None, what: str = "killed") -> str:
    """Why a toll figure cannot be right ("" if it can)."""
    if value is None:
        return ""
    if value < 0:
        return str(_("%(what)s %(value)s is negative.") % {"what": what, "value": value})
    if value > MAX_TOLL:
        return str(
            _(
                "%(what)s %(value)s is over %(max)s, the largest toll we accept for one "
                "incident (a misread or a cumulative total)."
            )
            % {"what": what, "value": f"{value:,}", "max": f"{MAX_TOLL:,}"}
        )
    return ""


def plausible_publication(value: datetime | None) -> datetime | None:
    """The publication time if it can be right, else None (a feed's 1900, a
    date years ahead): a wrong one would date the article's incidents."""
    if value is None:
        return None
    earliest = datetime.combine(
        EARLIEST_INCIDENT_DATE, datetime.min.time(), tzinfo=timezone.get_current_timezone()
    )
    if value < earliest or value > timezone.now() + PUBLICATION_CLOCK_SKEW:
        return None
    return value


# Unicode "format" characters (bidi overrides and isolates, zero-width
# spaces and joiners, BOM, soft hyphen) and control characters: invisible,
# they reorder or hide a title's text.
_INVISIBLE_CATEGORIES = {"Cc", "Cf", "Cs", "Co"}


def clean_title(text: str, *, max_length: int = 1000) -> str:
    """A title without control or bidi characters, on one line, trimmed."""
    kept = []
    for char in text or "":
        if char in "\t\n\r\x0b\x0c\u2028\u2029":
            kept.append(" ")
        elif unicodedata.category(char) not in _INVISIBLE_CATEGORIES:
            kept.append(char)
    return " ".join("".join(kept).split())[:max_length]


def point_on_globe_condition(field: str) -> models.Q:
    """A CHECK condition keeping a PostGIS point within ±180/±90 degrees."""
    lon = models.Func(models.F(field), function="ST_X", output_field=models.FloatField())
    lat = models.Func(models.F(field), function="ST_Y", output_field=models.FloatField())
    return models.Q(
        models.lookups.Range(lon, (-180.0, 180.0)),
        models.lookups.Range(lat, (-90.0, 90.0)),
    )


__all__ = [
    "EARLIEST_INCIDENT_DATE",
    "MAX_TOLL",
    "clean_title",
    "incident_date_problem",
    "plausible_publication",
    "toll_problem",
    "validate_incident_date",
    "point_on_globe_condition",
    "validate_not_in_future",
    "validate_point_on_globe",
]
