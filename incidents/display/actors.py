"""Actors named in the interface language.

Actors are stored under their English (ACLED-style) names; their aliases carry
a language. In another language, an actor is shown under the alias marked
``shown`` for that language (the reference data marks the first alias per
language in incidents/data/actors.json, the usual name: "Forces armées
maliennes", "groupe Wagner", "groupe armé non identifié"; editors can mark
another in the admin), else its first alias in that language, with a capital
letter.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils.translation import get_language

from incidents.models import ActorAlias


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _interface_language() -> str:
    return (get_language() or "en").split("-")[0]


# Which of an actor's aliases in a language is its name there: the one marked
# shown, else the oldest. Both readers below order by it.
_NAME_ALIAS_FIRST = ("-shown", "id")


def actor_names(actors: Iterable) -> dict[int, str]:
    """Actor id -> name in the interface language, in one query."""
    actors = list(actors)
    names = {a.pk: a.name for a in actors}
    language = _interface_language()
    if language == "en":
        return names
    aliases = (
        ActorAlias.objects.filter(actor_id__in=list(names), language=language)
        .order_by("actor_id", *_NAME_ALIAS_FIRST)
        .values_list("actor_id", "text")
    )
    seen: set[int] = set()
    for actor_id, text in aliases:
        if actor_id not in seen:
            seen.add(actor_id)
            names[actor_id] = _capitalised(text)
    return names


def with_local_names(queryset: QuerySet) -> QuerySet:
    """Actors of ``queryset`` carrying ``local_name``: the alias shown for the
    interface language (None in English or without one), read in the same query."""
    language = _interface_language()
    if language == "en":
        return queryset
    alias = ActorAlias.objects.filter(actor_id=OuterRef("pk"), language=language).order_by(
        *_NAME_ALIAS_FIRST
    )
    return queryset.annotate(local_name=Subquery(alias.values("text")[:1]))


def local_name(actor) -> str:
    """An actor's name in the interface language; no query when it comes from
    ``with_local_names``."""
    if hasattr(actor, "local_name"):
        return _capitalised(actor.local_name) if actor.local_name else actor.name
    return actor_names([actor])[actor.pk]


def name_actor_links(links: Iterable) -> list:
    """The links (with ``actor`` loaded), each given ``actor_name``."""
    links = list(links)
    names = actor_names({link.actor_id: link.actor for link in links}.values())
    for link in links:
        link.actor_name = names[link.actor_id]
    return links
