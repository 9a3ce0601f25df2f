"""The machine's proposal, as the review page shows it, in the interface
language: precisions and roles by their labels, actors and places by their
names in that language (the proposal itself stores codes and English names)."""

from __future__ import annotations

from django.db.models import TextChoices

from incidents.display.actors import actor_names
from incidents.display.places import area_name, area_names
from incidents.models import Actor, DatePrecision, GeoPrecision, Place, Role


def _label(choices: type[TextChoices], value: str | None) -> str:
    try:
        return str(choices(value or "").label)
    except ValueError:
        return value or "?"


def proposal_words(proposal: dict) -> dict:
    listed = [a for a in proposal.get("actors") or [] if isinstance(a, dict)]
    actors = list(Actor.objects.filter(key__in=[a.get("key") for a in listed if a.get("key")]))
    names = actor_names(actors)
    by_key = {actor.key: names[actor.pk] for actor in actors}
    place_key = proposal.get("place_key")
    place = Place.objects.filter(key=place_key).first() if place_key else None
    return {
        "date_precision": _label(DatePrecision, proposal.get("date_precision")),
        "geo_precision": _label(GeoPrecision, proposal.get("geo_precision")),
        "place": place.local_name() if place else (proposal.get("place_name") or "?"),
        "admin1": area_name(proposal.get("admin1") or "", area_names()),
        "actors": [
            {
                "name": by_key.get(actor.get("key") or "", actor.get("name") or "?"),
                "role": _label(Role, actor.get("role")),
            }
            for actor in listed
        ],
    }
