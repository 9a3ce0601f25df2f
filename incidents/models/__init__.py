"""Models, split by concept; import them from here."""

from .actor import Actor, ActorAlias, ActorKind
from .article import Article, ArticleStatus, Feed
from .candidate import CandidateStatus, ExtractionCandidate, UnresolvedActor
from .geo import Place, PlaceKind, Route
from .incident import (
    DatePrecision,
    GeoPrecision,
    Incident,
    IncidentActor,
    IncidentMerge,
    IncidentSource,
    IncidentStatus,
    Role,
)
from .mapcells import FeedVersion, IncidentCell
from .taxonomy import EventType, SubEventType
from .timeline import IncidentDay
from .toll import EntryKind, Qualifier, TollRevision, TollStatus

__all__ = [
    "Actor",
    "ActorAlias",
    "ActorKind",
    "Article",
    "ArticleStatus",
    "CandidateStatus",
    "ExtractionCandidate",
    "DatePrecision",
    "EntryKind",
    "EventType",
    "Feed",
    "FeedVersion",
    "GeoPrecision",
    "Incident",
    "IncidentActor",
    "IncidentCell",
    "IncidentDay",
    "IncidentMerge",
    "IncidentSource",
    "IncidentStatus",
    "Place",
    "PlaceKind",
    "Qualifier",
    "Role",
    "Route",
    "SubEventType",
    "TollRevision",
    "TollStatus",
    "UnresolvedActor",
]
