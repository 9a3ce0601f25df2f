"""Villages a report names in a list ("attacked the villages of Gouari, Djimdo,
Pangadougou and Dialaikanda", "les localités de Ouatagouna, Dirgua et Karou").

Reports of raids on several villages list them once, after a plural place noun, and then
give each its own toll by name alone ("15 were killed in Djimdo, 16 in Gouari and two in
Pangadougou"). Most such villages are in no gazetteer, and a bare capitalised name is not
read as a place elsewhere in the text; once listed, it is. ACLED codes one event per
place, so a listed village is a place of its own wherever the article names it again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .places import Location
from .text import fold
from .types import Span

# after a plural place noun, names separated by commas and a final "and"/"et"
_NAME = r"[A-ZÀ-Ý][\w'’-]+(?:[ -][A-ZÀ-Ý][\w'’-]+)?"
_LIST = re.compile(
    r"\b(?i:villages|localit[eé]s|localities|hamlets|hameaux|campements|settlements)\s+"
    r"(?i:of|de|d'|d’)\s*(?P<names>" + _NAME + r"(?:\s*,\s*(?:(?i:de\s+|d'|d’))?" + _NAME + r")*"
    r"\s*,?\s+(?i:and|et)\s+(?:(?i:de\s+|d'|d’))?" + _NAME + r")"
)
_SPLIT = re.compile(r"\s*,\s*|\s+(?:and|et)\s+")
_ARTICLE = re.compile(r"^(?:de\s+|d'|d’)")
# a listed village is found again only as a whole word
_PRIORITY = 4.5


@dataclass(frozen=True, slots=True)
class VillageList:
    names: tuple[str, ...]  # as written, in the list's order

    @property
    def key(self) -> str:
        """One name for the whole group: the incidents they share before a breakdown."""
        return fold(self.names[0])


def find_lists(text: str) -> list[VillageList]:
    out = []
    for m in _LIST.finditer(text):
        names = tuple(
            _ARTICLE.sub("", n).strip() for n in _SPLIT.split(m.group("names")) if n.strip()
        )
        if len(names) >= 2:
            out.append(VillageList(names))
    return out


def mentions(text: str, start: int, end: int, lists: list[VillageList]) -> list[Location]:
    """Where a sentence names a listed village (as written, a whole word)."""
    found = []
    for vl in lists:
        for name in vl.names:
            for m in re.finditer(r"(?<![\w'’-])" + re.escape(name) + r"(?![\w'’-])", text):
                if start <= m.start() < end:
                    span = Span(text[m.start() : m.end()], m.start(), m.end())
                    found.append(Location("unknown", span, _PRIORITY, unknown_name=name))
    return found


def group_of(name: str | None, lists: list[VillageList]) -> str | None:
    """The list a village belongs to (its key), for a name folded or as written."""
    if name is None:
        return None
    folded = fold(name)
    for vl in lists:
        if any(fold(n) == folded for n in vl.names):
            return vl.key
    return None
