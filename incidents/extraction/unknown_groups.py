"""Armed groups the actor catalogue does not know, found by how reports name them.

A perpetrator missing from the catalogue must never block an incident, so the name is
kept as written and filing queues it for an editor to map or add. Reports name an armed
group in three ways, each a rule here (names need capitals: a proper name):

1. a group noun before the name: "la katiba Serma", "the Katiba Hanifa", "le groupe
   Ansaroul Islam", "la milice Dozo de X", "the militia Y";
2. the name before an English group noun: "the Ansaroul Islam group", "the Macina
   Brigade", "the Azawad Salvation Movement";
3. a claim or attribution: "claimed by X", "revendiquée par X", "attributed to X".

Names made only of place names or of common capitalised words (a sentence start, "The",
"Le") are not groups; a name overlapping a catalogue alias is the catalogue's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import fold

# a capitalised word (accented capitals included), or a particle inside a name
_CAP = r"(?:[A-ZÀ-ÖØ-Þ][\w'’-]*|[A-Z]{2,}(?:-[A-Z]+)?)"
# Arabic particles inside a name ("Nusrat al-Islam wal-Muslimin"), English linking words
_PARTICLE = r"(?:al|el|ul|wal|ad|ud|of|the|for|and)"
_NAME = rf"{_CAP}(?:\s+(?:{_PARTICLE}\s+)?{_CAP}){{0,4}}"
_NOUN_BEFORE = re.compile(
    rf"\b(?P<noun>[Kk]atiba|[Gg]roupe|[Mm]ilice|[Mm]ouvement|[Mm]ilitia|[Ff]action|"
    rf"[Cc]oalition|[Bb]rigade)\s+(?P<name>{_NAME})"
)
# these nouns belong to the name as reports write it ("la katiba Serma" -> Katiba Serma)
_PART_OF_NAME = {"katiba", "brigade"}
_NOUN_AFTER = re.compile(
    rf"\b(?:the|a|an)\s+(?P<name>{_NAME})\s+(?:group|militia|brigade|movement|faction|"
    rf"katiba|coalition|front)\b"
)
_CLAIMED_BY = re.compile(
    rf"\b(?:claimed\s+by|attributed\s+to|blamed\s+on|revendiquée?s?\s+par|"
    rf"attribuée?s?\s+(?:à|au|aux)|imputée?s?\s+(?:à|au|aux))\s+(?:the\s+|le\s+|la\s+|l['’])?"
    rf"(?P<name>{_NAME})"
)
# capitalised words that do not make a group's name on their own
_NOT_NAMES = {
    "the",
    "le",
    "la",
    "les",
    "un",
    "une",
    "a",
    "an",
    "this",
    "ce",
    "cette",
    "de",
    "du",
    "etat",
    "state",
    "armed",
    "arme",
    "armes",
    "islamist",
    "islamiste",
    "islamistes",
    "jihadist",
    "jihadiste",
    "jihadistes",
    "djihadiste",
    "djihadistes",
    "terroriste",
    "terroristes",
    "terrorist",
    "self",
    "autodefense",
    "defense",
    "defence",
    "national",
    "nationale",
    "special",
    "speciale",
    "malian",
    "malienne",
    "burkinabe",
    "nigerien",
    "nigerienne",
    "french",
    "francaise",
    "army",
    "armee",
    "police",
    "gendarmerie",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
}


@dataclass(frozen=True, slots=True)
class UnknownGroup:
    name: str
    start: int
    end: int


def find_unknown_groups(
    text: str, taken: list[tuple[int, int]], place_words: frozenset[str] | set[str] = frozenset()
) -> list[UnknownGroup]:
    """Group names in ``text`` outside the ``taken`` spans (catalogue mentions).
    ``place_words``: folded gazetteer names, which alone do not name a group."""
    found: dict[int, UnknownGroup] = {}
    for rule in (_NOUN_BEFORE, _NOUN_AFTER, _CLAIMED_BY):
        for m in rule.finditer(text):
            name = _trim(m.group("name"))
            start = m.start("name")
            end = start + len(name)
            noun = m.groupdict().get("noun")
            if name and noun and noun.lower() in _PART_OF_NAME:
                start = m.start("noun")
                name = text[start:end]
            if not name or any(a < end and start < b for a, b in taken):
                continue
            words = [w.lower() for w in re.findall(r"[\w'’-]+", name)]
            meaningful = [
                w for w in words if w not in _NOT_NAMES and not re.fullmatch(_PARTICLE, w)
            ]
            if not meaningful or all(fold(w) in place_words for w in meaningful):
                continue
            if start not in found:
                found[start] = UnknownGroup(name, start, end)
    return sorted(found.values(), key=lambda g: g.start)


def _trim(name: str) -> str:
    """Drop trailing particles ("Katiba Serma de" -> "Katiba Serma")."""
    parts = name.split()
    while parts and re.fullmatch(_PARTICLE, parts[-1].lower()):
        parts.pop()
    return " ".join(parts)
