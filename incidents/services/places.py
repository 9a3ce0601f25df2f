"""Gazetteer writes. The engine places incidents with the database's places
(curated, imported with ACLED/UCDP events, added by editors: the overlay)
over the full GeoNames dump, which stays a file (``incidents/data/
geonames.tsv``). When an editor approves an incident placed at a place known
only to the dump — a well, a camp, a hamlet — that place is copied into the
database, so it becomes a place editors see and curate like the others, and
incidents can link to it. A place the overlay already holds (the same
GeoNames id, or the same name within 25 km) is used as it is: imported and
editor-added places keep precedence over the dump."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.contrib.gis.geos import Point
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from incidents.extraction import GazetteerPlace
from incidents.extraction.layers import SAME_PLACE_KM, overlay_twin
from incidents.extraction.resources import COUNTRY_NAMES
from incidents.geoexpr import within_metres
from incidents.ingest.extraction import dump_place, place_entry
from incidents.models import Place
from incidents.services.history import save_with_history

GEONAMES_ATTRIBUTION = "GeoNames (https://www.geonames.org/), CC BY 4.0"
COUNTRY_CODES = {name: code for code, name in COUNTRY_NAMES.items()}


def place_for_key(*, key: str, user: User | None = None) -> Place | None:
    """The database place with this key; for a key of the GeoNames dump, the
    overlay's place for it, or else the dump row copied into the database
    (recorded in the place's history). None for an unknown key."""
    if not key:
        return None
    place = Place.objects.filter(key=key).first()
    if place is not None:
        return place
    row = dump_place(key)
    if row is None:
        return None
    return _adopt(row, user=user)


@transaction.atomic
def _adopt(row: GazetteerPlace, *, user: User | None) -> Place:
    point = Point(row.longitude, row.latitude, srid=4326)
    nearby = list(
        Place.objects.select_for_update().filter(
            Q(geonameid=row.geonameid) | within_metres("point", point, SAME_PLACE_KM * 1000)
        )
    )
    twin = overlay_twin(row, [place_entry(p) for p in nearby])
    if twin is not None:
        return next(p for p in nearby if p.key == twin.key)
    place = Place(
        key=row.key,
        name=row.name[:200],
        alternate_names=[name[:200] for name in row.alternate_names],
        point=point,
        country_code=COUNTRY_CODES.get(row.country, row.key[:2].upper()),
        country=row.country,
        admin1=row.admin1 or "",
        admin2=row.admin2 or "",
        population=row.population,
        kind=row.kind,
        geonameid=row.geonameid,
        source=GEONAMES_ATTRIBUTION,
    )
    place.full_clean()
    save_with_history(
        place,
        user=user,
        act=_("copied from the GeoNames gazetteer when an incident placed there was approved"),
    )
    return place
