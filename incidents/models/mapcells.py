"""The map's grid pyramid and the feed's change counter, both kept by the
database on every write (migration 0021), so a low-zoom map answer costs per
grid cell, not per incident, and an unchanged view is known without a query
over the incidents."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from incidents.models.incident import IncidentStatus

CELL_PIXELS = 64  # a map grid cell's side on screen (a cluster icon is 26–60 px)


def cell_degrees(zoom: int) -> float:
    """The side of a map grid cell at ``zoom``, in degrees of longitude (Web
    Mercator's world is 256 × 2^zoom pixels wide): 90 / 2**zoom, which is
    also the side of a pyramid cell of level ``zoom``."""
    return CELL_PIXELS * 360 / (256 * 2**zoom)


# Grid levels kept: a level-L cell is a square of cell_degrees(L) degrees anchored
# at 0°, 0° (the map's cell at zoom L), so the
# cells of one level nest in those of the levels below. All-time rows are
# kept at every level of CELL_LEVELS, rows per month at MONTH_LEVELS.
# Migration 0021's trigger writes exactly these levels (it holds a frozen
# copy; tests/dashboard/test_map_cells_exact.py checks the two agree).
CELL_LEVELS = (2, 4, 6, 8, 10, 12)
MONTH_LEVELS = (2, 4, 6, 8)


class IncidentCell(models.Model):
    """The counted incidents (not merged, not retracted) of one grid cell,
    status and event type, over all time (``month`` null) or in one month:
    how many, their deaths (unknown counts 0), the sums of their longitudes
    and latitudes (for the centroid), their extent and their smallest id
    (the incident itself when there is one).

    Written only by the triggers of migration 0021 on ``incidents_incident``:
    an INSERT (a COPY included) adds its rows' sums, merging extents with
    least/greatest; an UPDATE that changes a counted column (status, merge,
    date, location, type, toll) or a DELETE recomputes the cells it touched,
    the finest level from the incidents and each coarser one from the level
    above it, so extents stay exact when an incident leaves a cell; a
    TRUNCATE of the incidents empties the table. Read by ``selectors.map_cells_aggregated``.
    """

    level = models.PositiveSmallIntegerField(_("grid level"))
    month = models.DateField(_("month"), null=True, blank=True)
    x = models.IntegerField(_("column"))
    y = models.IntegerField(_("row"))
    status = models.CharField(_("status"), max_length=10, choices=IncidentStatus.choices)
    event_type_id = models.BigIntegerField(_("event type"))
    incidents = models.IntegerField(_("incidents"))
    killed = models.BigIntegerField(_("killed"))
    lon_sum = models.FloatField(_("sum of longitudes"))
    lat_sum = models.FloatField(_("sum of latitudes"))
    west = models.FloatField(_("west edge"))
    east = models.FloatField(_("east edge"))
    south = models.FloatField(_("south edge"))
    north = models.FloatField(_("north edge"))
    first_id = models.BigIntegerField(_("first incident"))

    class Meta:
        verbose_name = _("incidents of a map cell")
        verbose_name_plural = _("incidents per map cell")
        constraints = [
            # The trigger's ON CONFLICT target and the reads' index (level,
            # month, then a range of columns). All-time rows have no month.
            models.UniqueConstraint(
                fields=["level", "month", "x", "y", "status", "event_type_id"],
                name="incidentcell_unique_key",
                nulls_distinct=False,
            ),
        ]

    def __str__(self) -> str:
        return f"L{self.level} {self.x},{self.y} {self.month or 'all'}: {self.incidents}"


class FeedVersion(models.Model):
    """One row whose ``version`` goes up with every statement that writes
    what the dashboard's feed shows or filters on (incidents, their actors,
    actors and aliases, event and sub-event types, routes): the feed's
    validator. Bumped by the statement triggers of migration 0021, the first
    of the incident triggers to fire, so concurrent writers take it before
    the per-day and per-cell rows, always in the same order. Transactional:
    a reader that sees a version sees every write counted in it, so a reply
    is never tagged newer than what it holds."""

    version = models.BigIntegerField(_("version"), default=0)

    class Meta:
        verbose_name = _("feed version")
        verbose_name_plural = _("feed versions")

    def __str__(self) -> str:
        return str(self.version)
