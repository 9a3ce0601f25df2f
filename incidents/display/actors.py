"""Actors named in the interface language.

Actors are stored under their English (ACLED-style) names; their aliases carry
a language. In another language, an actor is shown under its first alias in
that language (the order of incidents/data/actors.json, where the first alias
per language is the usual name: "Forces armées maliennes", "groupe Wagner"),
with a capital letter. Unidentified groups keep their name: their aliases
describe attackers ("djihadistes"), they do not name a group.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import get_language

from incidents.models import ActorAlias, ActorKind


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def actor_names(actors: Iterable) -> dict[int, str]:
    """Actor id -> name in the interface language, in one query."""
    actors = list(actors)
    names = {a.pk: a.name for a in actors}
    language = (get_language() or "en").split("-")[0]
    if language == "en":
        return names
    named = [a.pk for a in actors if a.kind != ActorKind.UNIDENTIFIED]
    aliases = (
        ActorAlias.objects.filter(actor_id__in=named, language=language)
        .order_by("actor_id", "id")
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
