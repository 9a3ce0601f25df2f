"""Importing EventRecords: one savepoint per row, idempotent on the
dataset's event id, tolls through incidents.services, gazetteer extended with
the named places the datasets locate events at."""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import orjson
from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext as _
from tqdm import tqdm

from incidents import services
from incidents.geoexpr import within_metres
from incidents.interchange import acled, countries, ucdp
from incidents.interchange.models import ImportedEvent, Source
from incidents.interchange.records import ActorRef, EventRecord, RowRejected
from incidents.models import (
    Actor,
    ActorAlias,
    ActorKind,
    EntryKind,
    EventType,
    Incident,
    IncidentStatus,
    Place,
    PlaceKind,
    SubEventType,
)

PARSERS: dict[str, ModuleType] = {Source.ACLED: acled, Source.UCDP: ucdp}
SOURCE_LABEL: dict[str, str] = {Source.ACLED: "ACLED import", Source.UCDP: "UCDP import"}
SAME_PLACE_METRES = 5000
KIND_BY_INTER = {
    1: ActorKind.STATE,
    2: ActorKind.REBEL,
    3: ActorKind.MILITIA,
    4: ActorKind.MILITIA,
    5: ActorKind.CIVILIANS,
    6: ActorKind.CIVILIANS,
    7: ActorKind.CIVILIANS,
    8: ActorKind.FOREIGN,
}
PARENTHESIS = re.compile(r"\s*\([^)]*\)\s*$")
GOVERNMENT_OF = re.compile(r"^(?:government|military forces) of (.+?)(?: \(\d{4}-\))?$", re.I)


class ImportFileError(Exception):
    """The file as a whole cannot be read (missing columns, not a CSV)."""


@dataclass
class Rejection:
    line: int
    source_id: str
    reason: str


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    places_added: int = 0
    actors_added: int = 0

    @property
    def loaded(self) -> int:
        return self.created + self.updated


# --- the file ---------------------------------------------------------------------


def import_file(
    path: str | Path, *, dataset: str, status: str = IncidentStatus.PUBLISHED, progress: bool = True
) -> ImportSummary:
    parser = PARSERS[dataset]
    summary = ImportSummary()
    with open(path, newline="", encoding="utf-8-sig") as handle:
        total = max(sum(1 for _ in handle) - 1, 0)
        handle.seek(0)
        reader = csv.DictReader(handle)
        missing = [c for c in parser.REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise ImportFileError(
                f"Not a {dataset.upper()} export: missing column(s) {', '.join(missing)}."
            )
        rows = tqdm(
            reader, total=total, unit="row", disable=not progress, desc=f"{dataset.upper()} import"
        )
        codebook = Taxonomy()
        for line, row in enumerate(rows, start=2):
            if _end_of_our_export(row, line=line, summary=summary):
                break
            import_row(
                row, line=line, dataset=dataset, status=status, summary=summary, codebook=codebook
            )
    return summary


def _end_of_our_export(row: dict, *, line: int, summary: ImportSummary) -> bool:
    """Our own CSV exports end with a marker line (incidents.api.exports): the end
    of a complete file, or where an interrupted one was cut (recorded)."""
    from incidents.api.exports import CSV_END_MARKER, CSV_ERROR_MARKER

    first = next(iter(row.values()), "") or ""
    if first.startswith(CSV_ERROR_MARKER):
        summary.rejected.append(
            Rejection(line, "", "the export was interrupted here; the rows after it are missing")
        )
    return first.startswith((CSV_END_MARKER, CSV_ERROR_MARKER))


def import_row(
    row: dict, *, line: int, dataset: str, status: str, summary: ImportSummary, codebook: Taxonomy
) -> None:
    """Import one row inside its own savepoint; a bad row is recorded and
    rolled back, never half-written, and the import goes on."""
    parser = PARSERS[dataset]
    source_id = row.get(parser.ID_COLUMN) or ""
    added = (summary.places_added, summary.actors_added)
    try:
        with transaction.atomic():
            record = parser.parse_row(row)
            outcome = apply_record(
                record,
                dataset=dataset,
                digest=row_digest(row),
                status=status,
                summary=summary,
                codebook=codebook,
            )
    except (RowRejected, ValidationError, DatabaseError) as error:
        # The savepoint rolled back whatever the row had added.
        summary.places_added, summary.actors_added = added
        summary.rejected.append(Rejection(line, source_id, _reason(error)))
        return
    setattr(summary, outcome, getattr(summary, outcome) + 1)


def _reason(error: Exception) -> str:
    if isinstance(error, ValidationError):
        if hasattr(error, "error_dict"):
            return "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
        return " ".join(error.messages)
    if isinstance(error, DatabaseError):
        return str(error).splitlines()[0]
    return str(error)


def row_digest(row: dict) -> str:
    return hashlib.sha256(orjson.dumps(row, option=orjson.OPT_SORT_KEYS)).hexdigest()


# --- one event ------------------------------------------------------------------------


def apply_record(
    record: EventRecord,
    *,
    dataset: str,
    digest: str,
    status: str,
    summary: ImportSummary,
    codebook: Taxonomy,
) -> str:
    """Create or update the incident for one event; returns created, updated or unchanged."""
    known = (
        ImportedEvent.objects.select_for_update()
        .select_related("incident")
        .filter(source=dataset, source_event_id=record.source_id)
        .first()
    )
    if known is not None and known.row_digest == digest:
        return "unchanged"
    event_type, sub_event_type = codebook.resolve(record)
    fields: dict[str, Any] = {  # incident fields (services.EDITABLE_FIELDS) and their values
        "date": record.day,
        "date_precision": record.date_precision,
        "location": Point(record.longitude, record.latitude, srid=4326),
        "geo_precision": record.geo_precision,
        "location_text": record.location_text[:300],
        "country": record.country[:100],
        "admin1": record.admin1[:100],
        "admin2": record.admin2[:100],
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        "civilian_targeting": record.civilian_targeting,
        "summary": record.summary,
        "place": gazetteer_place(record, dataset, summary),
    }
    why = f"{SOURCE_LABEL[dataset]}, event {record.source_id}"
    if known:
        incident = services.update_incident(
            incident=known.incident,
            changes=fields,
            reason=_("imported again from %(why)s") % {"why": why},
        )
    else:
        incident = services.create_incident(
            reason=_("imported from %(why)s") % {"why": why}, **fields
        )
    link_actors(incident, record, summary, reason=why)
    record_toll(incident, record, dataset)
    if not known and status != IncidentStatus.DRAFT:
        services.change_status(incident=incident, status=status, user=None, reason=why)
    ImportedEvent.objects.update_or_create(
        source=dataset,
        source_event_id=record.source_id,
        defaults={
            "incident": incident,
            "row_digest": digest,
            "source_timestamp": record.source_timestamp,
        },
    )
    return "updated" if known else "created"


class Taxonomy:
    """The event types and sub-types by name (any case), read once per import."""

    def __init__(self):
        self.types = {t.name.lower(): t for t in EventType.objects.all()}
        self.sub_types = {(s.event_type_id, s.name.lower()): s for s in SubEventType.objects.all()}

    def resolve(self, record: EventRecord) -> tuple[EventType, SubEventType]:
        event_type = self.types.get(record.event_type.lower())
        if event_type is None:
            raise RowRejected(f"event_type is not in the codebook: {record.event_type!r}")
        sub = self.sub_types.get((event_type.pk, record.sub_event_type.lower()))
        if sub is None:
            raise RowRejected(
                f"sub_event_type {record.sub_event_type!r} is not a sub-type of {event_type.name}"
            )
        return event_type, sub


def record_toll(incident: Incident, record: EventRecord, dataset: str) -> None:
    """A new figure becomes a toll revision; the same figure again adds nothing."""
    toll = record.toll
    if toll is None:
        return
    low = toll.killed_min if toll.killed_min is not None else toll.killed
    high = toll.killed_max if toll.killed_max is not None else toll.killed
    if (incident.killed, incident.killed_low, incident.killed_high) == (toll.killed, low, high):
        return
    ranged = (
        toll.killed_min is not None
        and toll.killed_max is not None
        and toll.killed_min != toll.killed_max
    )
    services.record_toll_revision(
        incident=incident,
        killed=toll.killed,
        killed_min=toll.killed_min,
        killed_max=toll.killed_max,
        qualifier="range" if ranged else "exact",
        civilians_killed=toll.civilians,
        soldiers_killed=toll.soldiers,
        militants_killed=toll.militants,
        said_by=toll.said_by,
        reported_at=toll.reported_at,
        entry_kind=EntryKind.IMPORT,
        reason=f"{SOURCE_LABEL[dataset]}, event {record.source_id}",
    )


# --- actors -----------------------------------------------------------------------------


def link_actors(
    incident: Incident, record: EventRecord, summary: ImportSummary, *, reason: str = ""
) -> None:
    """The dataset's actors replace the incident's links (imports own their
    incidents), through the service so the change is in the incident's history."""
    links = [(resolve_actor(ref, record.country, summary), ref.role) for ref in record.actors]
    services.replace_actor_links(incident=incident, links=links, reason=reason)


def resolve_actor(ref: ActorRef, country: str, summary: ImportSummary) -> Actor:
    """Find the actor by name, short name or alias; "Government of Mali" is
    Mali's state force; otherwise create it, with its name as an alias so the
    extractor learns it too."""
    name = ref.name.strip()[:200]
    actor = _by_name(name) or _government(name)
    if actor is None and PARENTHESIS.search(name):
        # ACLED qualifies names with a country or years: "Civilians (Mali)".
        actor = _by_name(PARENTHESIS.sub("", name))
    if actor is None:
        info = countries.by_name(country)
        actor = Actor.objects.create(
            key=_unique_slug(Actor, "key", name),
            name=name,
            kind=_kind(ref, name),
            inter_code=ref.inter_code or _inter_guess(name),
            country=info.alpha2 if info else "",
            description="Created by an import from its name in the dataset.",
        )
        summary.actors_added += 1
    ActorAlias.objects.get_or_create(
        text__iexact=name, language="en", defaults={"actor": actor, "text": name}
    )
    return actor


def _by_name(name: str) -> Actor | None:
    return (
        Actor.objects.filter(Q(name__iexact=name) | Q(short_name__iexact=name)).first()
        or Actor.objects.filter(aliases__text__iexact=name).first()
    )


def _government(name: str) -> Actor | None:
    match = GOVERNMENT_OF.match(name)
    info = countries.by_name(match.group(1)) if match else None
    if info is None:
        return None
    # the country's national armed forces: its first top-level state actor (the
    # catalogue lists each country's armed forces before its guards, gendarmerie and
    # police, and the engine resolves "soldiers" the same way)
    return (
        Actor.objects.filter(kind=ActorKind.STATE, country=info.alpha2, parent__isnull=True)
        .order_by("id")
        .first()
    )


def _inter_guess(name: str) -> int:
    if GOVERNMENT_OF.match(name):
        return 1
    if name.lower().startswith("civilians"):
        return 7
    return 2


def _kind(ref: ActorRef, name: str) -> str:
    return KIND_BY_INTER[ref.inter_code or _inter_guess(name)]


def _unique_slug(model, field_name: str, text: str, max_length: int = 50) -> str:
    base = slugify(text)[: max_length - 6] or "imported"
    candidate, n = base, 1
    while model.objects.filter(**{field_name: candidate}).exists():
        n += 1
        candidate = f"{base}-{n}"
    return candidate


# --- gazetteer --------------------------------------------------------------------------


def gazetteer_place(record: EventRecord, dataset: str, summary: ImportSummary) -> Place | None:
    """The gazetteer place at the event's named location, added if new, so
    the extractor learns the small places the datasets know."""
    name = record.gazetteer_name.strip()[:200]
    if not name:
        return None
    point = Point(record.longitude, record.latitude, srid=4326)
    nearby = Place.objects.filter(within_metres("point", point, SAME_PLACE_METRES))
    lowered = name.lower()
    for place in nearby:
        if place.name.lower() == lowered or lowered in (n.lower() for n in place.alternate_names):
            return place
    info = countries.by_name(record.country)
    place = Place.objects.create(
        key=_unique_slug(Place, "key", f"{info.alpha2 if info else 'xx'}-{name}", 120),
        name=name,
        point=point,
        country_code=info.alpha2 if info else "",
        country=record.country[:100],
        admin1=record.admin1[:100],
        admin2=record.admin2[:100],
        kind=PlaceKind.POPULATED_PLACE,
        source=SOURCE_LABEL[dataset],
        approximate=record.geo_precision != "exact",
    )
    summary.places_added += 1
    return place
