"""Distance expressions in metres on our SRID 4326 point columns.

GeoDjango refuses ``dwithin`` with a ``D(km=...)`` on geographic geometry
fields, so distances go through a geography cast here. The cast of a point
column is written exactly as in the GiST index on ``location::geography``
(see Incident.Meta.indexes) so PostgreSQL can use that index.
"""

from django.contrib.gis.db.models import GeometryField, PointField
from django.contrib.gis.geos import GEOSGeometry
from django.db.models import BooleanField, F, FloatField, Func, Value
from django.db.models.functions import Cast


def point_as_geography(field: str) -> Cast:
    return Cast(F(field), output_field=PointField(srid=4326, geography=True))


def geography_value(geometry: GEOSGeometry) -> Cast:
    return Cast(Value(geometry.ewkt), output_field=GeometryField(srid=4326, geography=True))


class DWithin(Func):
    function = "ST_DWithin"
    output_field = BooleanField()


class Distance(Func):
    function = "ST_Distance"
    output_field = FloatField()


def within_metres(field: str, geometry: GEOSGeometry, metres: float) -> DWithin:
    """True where the point ``field`` lies within ``metres`` of ``geometry``."""
    return DWithin(point_as_geography(field), geography_value(geometry), Value(float(metres)))


def distance_metres(field: str, geometry: GEOSGeometry) -> Distance:
    return Distance(point_as_geography(field), geography_value(geometry))
