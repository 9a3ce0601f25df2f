"""Who said a figure: source phrases mapped to short canonical labels (in English)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# (label, folded pattern); first match at a position wins, so specific before generic.
_SOURCES: list[tuple[str, str]] = [
    (
        "medical source",
        r"medical\s+sources?|hospital\s+(?:sources?|officials?|staff|director)|"
        r"doctors?|medics?|health\s+(?:officials?|workers?|sources?)|sources?\s+medicales?|"
        r"sources?\s+hospitalieres?|medecins?|personnel\s+(?:medical|soignant)|"
        r"responsable\s+(?:de\s+l'hopital|medical)|hopital",
    ),
    (
        "security source",
        r"security\s+sources?|sources?\s+securitaires?|"
        r"sources?\s+(?:militaires?|de\s+securite)|military\s+sources?",
    ),
    (
        "local official",
        r"local\s+(?:officials?|authorities|councillors?|councilors?|leaders?|"
        r"elected\s+officials?|administrators?)|(?:town|village|municipal|regional)\s+"
        r"(?:officials?|chiefs?|mayor)|mayor|elus?\s+locaux|elue?s?\s+locale?s?|"
        r"autorites?\s+locales?|responsables?\s+locaux|responsable\s+local|"
        r"(?:un\s+)?maire|chef\s+de\s+village|notable|prefet|sous-prefet|official\s+in|"
        r"an\s+official|officials|responsable\s+administratif",
    ),
    (
        "NGO",
        r"ngos?|non-governmental\s+organi[sz]ations?|humanitarian\s+(?:organi[sz]ations?|"
        r"groups?|agency|sources?|workers?)|aid\s+(?:groups?|agency|organi[sz]ations?|workers?)|"
        r"rights\s+groups?|ong|organisations?\s+(?:non\s+gouvernementales?|humanitaires?)|"
        r"sources?\s+humanitaires?|red\s+cross|croix-rouge|human\s+rights\s+watch|amnesty",
    ),
    (
        "UN",
        r"united\s+nations|u\.n\.|un\s+(?:agency|office|experts?|officials?)|ocha|"
        r"nations\s+unies|onu|minusma",
    ),
    (
        "army",
        r"the\s+army|army\s+(?:said|statement|spokesman|spokesperson)|malian\s+army|"
        r"armed\s+forces|military\s+(?:said|statement|spokesman|officials?)|general\s+staff|"
        r"l'armee|etat-major|forces\s+armees|communique\s+(?:de\s+l'armee|militaire)|fama|"
        r"defence\s+ministry|defense\s+ministry|ministere\s+de\s+la\s+defense",
    ),
    (
        "government",
        r"government|gouvernement|ministry|ministere|minister|ministre|"
        r"authorities|autorites|junta|junte|spokesman\s+for\s+the\s+government",
    ),
    (
        "local sources",
        r"local\s+sources?|sources?\s+locales?|local\s+residents?\s+and\s+"
        r"officials|sources?\s+concordantes?",
    ),
    (
        "residents",
        r"residents?|villagers?|habitants?|witness(?:es)?|temoins?|survivors?|"
        r"survivants?|inhabitants|community\s+leaders?",
    ),
    (
        "perpetrator claim",
        r"claimed\s+responsibility|revendique\w*|in\s+a\s+claim|"
        r"propaganda|statement\s+from\s+(?:jnim|the\s+group)",
    ),
]
# the leading word boundary is shared: tested once per position, not once per label
_LABELLED = "|".join(f"(?P<s{i}>(?:{pat})\\b)" for i, (_label, pat) in enumerate(_SOURCES))
_SOURCE_RE = re.compile(rf"\b(?:{_LABELLED})")
_LABELS = [label for label, _ in _SOURCES]
# a reporting verb or preposition must be near for "government"/"residents" to count
_REPORT_NEAR = re.compile(
    r"\b(?:said|says|told|according|reported|announced|confirmed|stated|gave|put|counted|"
    r"estimated|declared|revised|selon|revu|ont\s+revu|a\s+revu|evoque|avance|compte|"
    r"a\s+declare|ont\s+declare|a\s+indique|ont\s+indique|"
    r"a\s+annonce|ont\s+annonce|a\s+confirme|ont\s+confirme|a\s+precise|a\s+affirme|"
    r"a\s+rapporte|fait\s+etat|a\s+fait\s+etat|de\s+source|d'apres|cite|citing|per)\b"
)


@dataclass(frozen=True, slots=True)
class SourceMention:
    label: str
    start: int
    end: int


_NOT_SPEAKER = re.compile(
    r"(?:escorted|escortee?s?|accompanied|accompagnee?s?|protected|protegee?s?|ambushed|"
    r"attacked|attaquee?s?|targeted|ciblee?s?|against|contre|escort\s+of|escorte\s+d[eu']|"
    r"soldiers\s+of|soldats\s+d[eu']|killed|tuee?s?)\s+(?:by\s+|par\s+)?"
    r"(?:the\s+|l'|les\s+|la\s+|le\s+|des\s+|a\s+|an\s+|un\s+|une\s+)?(?:[\w-]+\s+)?$"
)
_WINDOW = 90


def find_sources(folded: str, start: int, end: int) -> list[SourceMention]:
    """Source phrases that speak: a reporting verb within a few words, not an object."""
    reports = [(r.start(), r.end()) for r in _REPORT_NEAR.finditer(folded, start, end)]
    out: list[SourceMention] = []
    for m in _SOURCE_RE.finditer(folded, start, end):
        group = m.lastgroup  # the s<i> group that matched: every alternative is one
        if group is None:
            continue
        label = _LABELS[int(group[1:])]
        near = any(rs - _WINDOW <= m.end() and m.start() <= re_ + _WINDOW for rs, re_ in reports)
        if not near and label not in ("medical source", "security source", "local sources"):
            continue
        if _NOT_SPEAKER.search(folded[max(start, m.start() - 40) : m.start()]):
            continue
        if out and out[-1].label == label and m.start() - out[-1].end < 40:
            continue
        out.append(SourceMention(label, m.start(), m.end()))
    return out


def join_labels(labels: Sequence[str | None]) -> str | None:
    seen: list[str] = []
    for label in labels:
        for part in (label or "").split("; "):
            if part and part not in seen:
                seen.append(part)
    return "; ".join(seen) or None
