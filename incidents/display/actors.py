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

from django.utils.translation import get_language

from incidents.models import ActorAlias


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def actor_names(actors: Iterable) -> dict[int, str]:
    """Actor id -> name in the interface language, in one query."""
    actors = list(actors)
    names = {a.pk: a.name for a in actors}
    language = (get_language() or "en").split("-")[0]
    if language == "en":
        return names
    aliases = (
        ActorAlias.objects.filter(actor_id__in=list(names), language=language)
        .order_by("actor_id", "-shown", "id")
        .values_list("actor_id", "text")
    )
    seen: set[int] = set()
    for actor_id, text in aliases:
        if actor_id not in seen:
            seen.add(actor_id)
            names[actor_id] = _capitalised(text)
    return names


def name_actor_links(links: Iterable) -> list:
    """The links (with ``actor`` loaded), each given ``actor_name``."""
    links = list(links)
    names = actor_names({link.actor_id: link.actor for link in links}.values())
    for link in links:
        link.actor_name = names[link.actor_id]
    return links
