"""Incidents and deaths per day, kept exact by the database on every write,
so the timeline of all incidents costs the same at 10,000 or 1,000,000."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from incidents.models.incident import IncidentStatus


class IncidentDay(models.Model):
    """One day's incidents of one status (draft or published), and the sum of
    their current best tolls (unknown counts 0). Merged and retracted
    incidents are not counted (they are gone everywhere, see
    ``selectors.WITHDRAWN``).

    Written only by the trigger of migration 0017 on ``incidents_incident``,
    which applies each statement's change (insert, update, delete, COPY) in
    the same transaction: every path — services, imports, the synthetic
    generator's COPY, a raw UPDATE — keeps it exact, and nothing in Python
    has to remember to. Read by ``selectors.incident_timeline``.
    """

    day = models.DateField(_("day"))
    status = models.CharField(_("status"), max_length=10, choices=IncidentStatus.choices)
    incidents = models.IntegerField(_("incidents"), default=0)
    killed = models.BigIntegerField(_("killed"), default=0)

    class Meta:
        verbose_name = _("incidents of a day")
        verbose_name_plural = _("incidents per day")
        constraints = [
            # The trigger's ON CONFLICT target.
            models.UniqueConstraint(fields=["day", "status"], name="incidentday_unique_day_status"),
            # No CHECK (incidents >= 0): PostgreSQL checks the row an INSERT
            # proposes before ON CONFLICT turns it into an update, and the
            # trigger proposes negative changes. Tests assert none stays negative.
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.status}: {self.incidents}"
