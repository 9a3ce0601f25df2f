"""Validators shared by models and forms, so editors get a clear message
before any database constraint fires."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MAX_TOLL = 100_000
"""Largest toll accepted for a single incident; anything bigger is a misread."""


def validate_point_on_globe(point) -> None:
    if point is None:
        return
    if not (-180.0 <= point.x <= 180.0) or not (-90.0 <= point.y <= 90.0):
        raise ValidationError(
            _("The point (%(x)s, %(y)s) is off the globe: longitude must be within ±180 "
              "and latitude within ±90."),
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


def point_on_globe_condition(field: str) -> models.Q:
    """A CHECK condition keeping a PostGIS point within ±180/±90 degrees."""
    lon = models.Func(
        models.F(field), function="ST_X", output_field=models.FloatField()
    )
    lat = models.Func(
        models.F(field), function="ST_Y", output_field=models.FloatField()
    )
    return models.Q(
        models.lookups.Range(lon, (-180.0, 180.0)),
        models.lookups.Range(lat, (-90.0, 90.0)),
    )


__all__ = [
    "MAX_TOLL",
    "point_on_globe_condition",
    "validate_not_in_future",
    "validate_point_on_globe",
]
