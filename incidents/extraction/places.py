"""Gazetteer matching and location expressions ("between A and B", "near X", ...).

Matching works on folded tokens (accents and case removed, hyphens and apostrophes
split), longest name first, and only where the original text is capitalised (so the
French verb "dire" never becomes Diré). A name also matches written solid or split
differently ("Bani Bangou" = "Banibangou", Tamasheq "In-Delimane" = "Indelimane" =
"I-n-Délimane", "Tin Zaouatène" = "Ti-n-Zaouâtene"). Overlay names (curated, imported,
editor-added) of six letters or more also match with one typo (a deletion index built
once); the 49,000 GeoNames dump rows do not, and match only where the text frames them as
a place: a preposition of place, a place noun ("le village de", "the camp of"), an
appositive (", un village"), or a list after another place; never beside another
capitalised word (a person's name), never as half of a hyphenated name, and an everyday
word ("Tango") only after a place noun. A name shared by several places is settled by
the other places the article names (country, admin area, distance), then overlay before
dump, the feature the context calls for ("camp de", "puits", "province du"), rank
(capital first) and population.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from .geo import BEARINGS, Polyline, destination, haversine_km, initial_bearing, midpoint
from .numbers import VAGUE, word_value
from .text import Token, fold, name_tokens, tokens
from .types import GazetteerPlace, RouteLine, Span

_KIND_RANK = {
    "country_capital": 0,
    "admin1_capital": 1,
    "admin2_capital": 2,
    "populated_place": 3,
    "military_site": 3,
    "camp": 4,
    "admin1": 4,
    "locality": 5,
    "mine": 5,
    "airfield": 5,
    "well": 6,
    "wadi": 7,
}
_STOP = {
    "the",
    "and",
    "for",
    "with",
    "les",
    "des",
    "est",
    "sud",
    "nord",
    "une",
    "par",
    "sur",
    "dans",
    "pour",
    "avec",
    "this",
    "that",
    "from",
    "army",
    "town",
    "city",
    "ville",
    "road",
    "route",
    "axe",
    "region",
    "cercle",
    "village",
    "mali",
    "niger",
    "sahel",
    "burkina",
    "faso",
    "africa",
    "afrique",
    "police",
    "state",
    "etat",
    "national",
    "nord-est",
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
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "janvier",
    "fevrier",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "aout",
    "septembre",
    "octobre",
    "novembre",
    "decembre",
    "wagner",
    "minusma",
    "union",
}
FUZZY_MIN_LEN = 6
_MAX_SOLID_PARTS = 4
_SEPARATORS = {"-", " ", "'"}
_NEAR_ANCHOR_KM = 120.0
_SEAT_KINDS = {"country_capital", "admin1_capital", "admin2_capital"}
_AREA_KINDS = {"admin1", *_SEAT_KINDS}
_SETTLEMENT_KINDS = {
    "country_capital",
    "admin1_capital",
    "admin2_capital",
    "populated_place",
    "admin1",
}


@dataclass(slots=True)
class PlaceMatch:
    start: int
    end: int
    candidates: list[int]  # indexes into Gazetteer.places
    fuzzy: bool = False
    chosen: int | None = None
    ignored: str | None = None  # reason when not an incident location (outlet, dateline...)

    @property
    def place(self) -> int:
        """The chosen candidate, for a match already settled (``chosen`` set)."""
        if self.chosen is None:
            raise ValueError(f"place match at {self.start} is not settled")
        return self.chosen


@dataclass(slots=True)
class Location:
    """A resolved location expression in one sentence."""

    kind: str  # exact | near | between | region | unknown | dateline
    span: Span
    priority: float
    places: list[int] = field(default_factory=list)
    bearing: float | None = None
    distance_km: float | None = None
    unknown_name: str | None = None
    # found elsewhere in the article, standing in for an incident that names no place
    # of its own (never for a background event: that happened somewhere else)
    article_wide: bool = False


class Gazetteer:
    """Place names of an article: matched on folded tokens, then settled to one place each.

    Two layers (see ``layers.py``): overlay places (curated, imported, editor-added) match
    wherever they are capitalised; GeoNames dump rows, many of them tiny villages and
    wells whose names are also words or people's names, only where the text frames them
    as a place (``_framed_as_place``).
    """

    def __init__(self, places: list[GazetteerPlace], routes: list[RouteLine]):
        self.places = places
        self.routes = [(r, Polyline(r.coordinates)) for r in routes if len(r.coordinates) >= 2]
        self._index: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        self._compact: dict[str, list[int]] = {}
        self._fuzzy: dict[str, set[str]] = {}
        self._single: dict[str, set[int]] = {}
        self._admin_rows: dict[tuple[str, str], int] = {}
        self._admin2_seats: dict[tuple[str, str], int] = {}
        for idx, place in enumerate(places):
            if place.kind == "admin1" and place.admin1:
                self._admin_rows.setdefault((place.country, fold(place.admin1)), idx)
            if place.kind in _SEAT_KINDS and place.admin2 and not place.from_dump:
                seat = (place.country, "".join(name_tokens(place.admin2)))
                self._admin2_seats.setdefault(seat, idx)
            for name in (place.name, *place.alternate_names):
                toks = name_tokens(name)
                if not toks or (len(toks) == 1 and (len(toks[0]) < 3 or toks[0] in _STOP)):
                    continue
                self._add(toks, idx)
                compact = "".join(toks)
                if len(toks) > 1 and compact not in _STOP:
                    bucket = self._compact.setdefault(compact, [])
                    if idx not in bucket:
                        bucket.append(idx)
        for first, entries in self._index.items():
            entries.sort(key=lambda e: -len(e[0]))
            if len(first) < FUZZY_MIN_LEN:
                continue
            overlay = {idx for toks, idx in entries if len(toks) == 1 and not places[idx].from_dump}
            if overlay:  # one-typo matching only for the overlay: 40,000 village names
                self._single[first] = overlay  # would turn every long word into a place
                for variant in _deletions(first):
                    self._fuzzy.setdefault(variant, set()).add(first)

    def _add(self, toks: tuple[str, ...], idx: int) -> None:
        bucket = self._index.setdefault(toks[0], [])
        if (toks, idx) not in bucket:
            bucket.append((toks, idx))

    # --- matching ------------------------------------------------------------
    def match(self, text: str, toks: list[Token], blocked: set[int]) -> list[PlaceMatch]:
        """Place names in a token list; ``blocked`` holds token starts used by actors.

        At each capitalised token: the longest name (as tokens, or written solid or
        split: "In-Delimane" = "Indelimane" = "I-n-Délimane"); else a one-typo overlay
        name. Dump-only matches must then be framed as a place."""
        out: list[PlaceMatch] = []
        i = 0
        while i < len(toks):
            tok = toks[i]
            if tok.start in blocked or not _capitalised(text, tok.start):
                i += 1
                continue
            hit = self._longest_at(text, toks, i)
            if hit:
                length, cands = hit
                m = PlaceMatch(tok.start, toks[i + length - 1].end, cands)
                m.candidates = self._admitted(text, m, out)
                if m.candidates:
                    out.append(m)
                    i += length
                    continue
                i += 1
                continue
            fuzzy = self._fuzzy_at(tok.text)
            # a typo match is weak evidence: never next to another capitalised word
            # ("Rodolphe Sorgho" is a governor, not Zorgho), even at a sentence start
            if fuzzy and not _beside_capitalised_word(text, tok.start, tok.end, strict=True):
                out.append(PlaceMatch(tok.start, tok.end, fuzzy, fuzzy=True))
            i += 1
        return out

    def _longest_at(self, text: str, toks: list[Token], i: int) -> tuple[int, list[int]] | None:
        exact = self._exact_at(toks, i)
        solid = self._solid_at(text, toks, i)
        if exact and solid:
            if solid[0] > exact[0]:
                return solid
            if solid[0] == exact[0]:
                return exact[0], list(dict.fromkeys([*exact[1], *solid[1]]))
        return exact or solid

    def _exact_at(self, toks: list[Token], i: int) -> tuple[int, list[int]] | None:
        """The longest name starting at token i, as whole tokens written close together,
        with every place of that name (in gazetteer order)."""
        entries = self._index.get(toks[i].text)
        if not entries:
            return None
        best_len, cands = 0, []
        words: dict[int, tuple[str, ...]] = {}  # the n tokens from i, built once per length
        for names, idx in entries:
            n = len(names)
            if n < best_len:
                break  # entries run longest first: only shorter names follow
            if i + n > len(toks):
                continue
            key = words.get(n)
            if key is None:
                key = words[n] = tuple(t.text for t in toks[i : i + n])
            if names == key:
                if n > 1 and toks[i + n - 1].start - toks[i].end > 3 * n:  # must be adjacent
                    continue
                if n > best_len:
                    best_len, cands = n, [idx]
                elif idx not in cands:
                    cands.append(idx)
        return (best_len, cands) if best_len else None

    def _solid_at(self, text: str, toks: list[Token], i: int) -> tuple[int, list[int]] | None:
        """A name written with its parts joined or split differently: tokens i.. joined
        by one hyphen, space or apostrophe, each part capitalised except the Tamasheq
        linking "n" (I-n-, Ti-n-), compared with every name's separator-free form."""
        best = None
        joined = toks[i].text
        for n in range(2, _MAX_SOLID_PARTS + 1):
            k = i + n - 1
            if k >= len(toks):
                break
            gap = text[toks[k - 1].end : toks[k].start]
            if len(gap) != 1 or gap not in _SEPARATORS:
                break
            if toks[k].text != "n" and not _capitalised(text, toks[k].start):
                break
            joined += toks[k].text
            if joined in self._compact:
                best = (n, self._compact[joined])
        if best is None and toks[i].text in self._compact:
            best = (1, self._compact[toks[i].text])
        return best

    def _admitted(self, text: str, m: PlaceMatch, earlier: list[PlaceMatch]) -> list[int]:
        """The candidates a match may keep. Overlay places stand on their capital
        letter unless they are part of a person's name; GeoNames dump rows only when
        the text frames the name as a place."""
        if self._half_of_another_name(text, m, earlier):
            return []  # "le camp Nazi-Boni" (but "l'axe Gao-Ansongo" names two places)
        if any(not self.places[c].from_dump for c in m.candidates):
            return [] if _beside_capitalised_word(text, m.start, m.end) else m.candidates
        common = all(self.places[c].common_word for c in m.candidates)
        listed = bool(earlier) and _LIST_GAP.fullmatch(text[earlier[-1].end : m.start]) is not None
        return m.candidates if _framed_as_place(text, m.start, m.end, common, listed) else []

    def _half_of_another_name(self, text: str, m: PlaceMatch, earlier: list[PlaceMatch]) -> bool:
        """One half of a hyphenated name whose other, capitalised half is no place."""
        s, e = m.start, m.end
        if s >= 2 and text[s - 1] == "-" and text[s - 2].isalpha():
            return not (earlier and earlier[-1].end == s - 1)
        if e + 1 < len(text) and text[e] == "-" and text[e + 1].isupper():
            nxt = re.match(r"[^\W\d_]+", text[e + 1 : e + 40])
            word = fold(nxt.group()) if nxt else ""
            return word not in self._index and word not in self._compact
        return False

    def _fuzzy_at(self, word: str) -> list[int]:
        if len(word) < FUZZY_MIN_LEN or word in _STOP or word.isdigit():
            return []
        names: set[str] = set()
        for variant in (word, *_deletions(word)):
            names |= self._fuzzy.get(variant, set())
            if variant in self._single:
                names.add(variant)
        cands: list[int] = []
        for name in names:
            if _within_one_edit(word, name):
                cands.extend(self._single.get(name, ()))
        return sorted(set(cands))

    # --- disambiguation --------------------------------------------------------
    def settle(self, matches: list[PlaceMatch], text: str = "") -> None:
        """Choose one candidate per match by what the rest of the article names.

        1. Anchors: matches that name one place only, or one overlay town or capital.
        2. The admin areas the article names: the regions it mentions and those of
           its anchors.
        3. Each candidate is ranked by: country of the anchors; lying in a named admin
           area or near an anchor; distance to the nearest anchor (100 km steps);
           overlay before dump; a feature fitting the words around it ("camp de",
           "puits", else a settlement); rank (capital first); population.
        """
        anchor_of = [self._anchor(m) for m in matches]
        anchors = [a for a in anchor_of if a is not None]
        countries = Counter(self.places[a].country for a in anchors)
        km: dict[tuple[int, int], float] = {}  # each mention of a name asks the same distances
        for k, m in enumerate(matches):
            if len(m.candidates) == 1:
                m.chosen = m.candidates[0]
                continue
            own = anchor_of[k]
            others = [a for j, a in enumerate(anchor_of) if a is not None and j != k]
            if own is not None:
                countries_here = countries.copy()
                countries_here[self.places[own].country] -= 1
            else:
                countries_here = countries
            areas = {(self.places[a].country, self.places[a].admin1) for a in others}
            non_admin = [c for c in m.candidates if self.places[c].kind != "admin1"]
            pool = non_admin or m.candidates
            wanted = _wanted_kinds(fold(text[max(0, m.start - 30) : m.start])) if text else None
            near = list(dict.fromkeys(others))  # an anchor named twice is as near once
            m.chosen = min(
                pool, key=lambda c: self._rank(c, near, countries_here, areas, wanted, km)
            )

    def _anchor(self, m: PlaceMatch) -> int | None:
        if m.fuzzy:
            return None
        if len(m.candidates) == 1:
            return m.candidates[0]
        towns = [
            c
            for c in m.candidates
            if not self.places[c].from_dump and _KIND_RANK.get(self.places[c].kind, 9) <= 2
        ]
        if len(towns) == 1:
            return towns[0]
        regions = [c for c in m.candidates if self.places[c].kind == "admin1"]
        return regions[0] if len(regions) == 1 else None

    def _rank(
        self,
        c: int,
        others: list[int],
        countries: Counter[str],
        areas: set[tuple[str, str | None]],
        wanted: set[str] | None,
        km: dict[tuple[int, int], float],
    ) -> tuple[int, int, int, int, int, int, int]:
        p = self.places[c]
        dist = min((self._km(c, a, km) for a in others), default=0.0)
        in_area = (p.country, p.admin1) in areas or dist <= _NEAR_ANCHOR_KM
        return (
            -countries.get(p.country, 0),
            0 if in_area or not others else 1,
            1 if p.from_dump else 0,
            round(dist / 100),
            0 if self._fits(c, wanted) else 1,
            _KIND_RANK.get(p.kind, 5),
            -(p.population or 0),
        )

    def _km(self, c: int, a: int, km: dict[tuple[int, int], float]) -> float:
        """Distance between two places, kept in ``km`` for the article."""
        d = km.get((c, a))
        if d is None:
            p, q = self.places[c], self.places[a]
            d = km[c, a] = haversine_km(p.latitude, p.longitude, q.latitude, q.longitude)
        return d

    def _fits(self, c: int, wanted: set[str] | None) -> bool:
        """The place is of the kind the words before it call for; an admin area
        ("province du Soum") fits when the name has an admin row or seat."""
        if wanted is None:
            return self.places[c].kind in _SETTLEMENT_KINDS
        if wanted is _AREA_KINDS:
            return self.places[self.admin_row(c)].kind in _AREA_KINDS
        return self.places[c].kind in wanted

    def admin_row(self, idx: int) -> int:
        """The admin1 row standing for the region that has this name, if any."""
        place = self.places[idx]
        if place.kind == "admin1":
            return idx
        if place.kind == "admin1_capital" and place.admin1:
            return self._admin_rows.get((place.country, fold(place.admin1)), idx)
        key = name_tokens(place.name)
        for names, cand in self._index.get(key[0], ()):
            if names == key and self.places[cand].kind == "admin1":
                return cand
        # "la province du Soum", "cercle de Bourem": the seat of the admin2 unit of
        # that name (Djibo), not a village that happens to share the name
        return self._admin2_seats.get((place.country, "".join(key)), idx)

    # --- routes -------------------------------------------------------------------
    def road_between(
        self, a: int, b: int, max_offset_km: float = 10.0
    ) -> tuple[RouteLine, float, float, float] | None:
        """(route, km, lat, lon) halfway between A and B along a road passing near both."""
        pa, pb = self.places[a], self.places[b]
        best = None
        for route, line in self.routes:
            ja = line.project(pa.latitude, pa.longitude)
            jb = line.project(pb.latitude, pb.longitude)
            if not ja or not jb or ja.offset_km > max_offset_km or jb.offset_km > max_offset_km:
                continue
            if abs(ja.km - jb.km) < 1.0:
                continue
            km = (ja.km + jb.km) / 2
            lat, lon = line.point_at(km)
            offset = ja.offset_km + jb.offset_km
            if best is None or offset < best[0]:
                best = (offset, route, km, lat, lon)
        return best[1:] if best else None

    def along_road(
        self, idx: int, bearing: float, km: float, max_offset_km: float = 5.0
    ) -> tuple[RouteLine, float, float, float] | None:
        """(route, km, lat, lon): ``km`` along a road through the place, in the direction
        closest to ``bearing`` ("30 km north of Ansongo, on the road to Gao")."""
        p = self.places[idx]
        best = None
        for route, line in self.routes:
            proj = line.project(p.latitude, p.longitude)
            if proj is None or proj.offset_km > max_offset_km:
                continue
            for target in (proj.km + km, proj.km - km):
                if not 0 <= target <= line.length_km:
                    continue
                lat, lon = line.point_at(target)
                diff = abs(
                    (initial_bearing(p.latitude, p.longitude, lat, lon) - bearing + 180) % 360 - 180
                )
                if diff <= 60 and (best is None or diff < best[0]):
                    best = (diff, route, target, lat, lon)
        return best[1:] if best else None

    def coordinates(self, loc: Location) -> tuple[float, float] | None:
        if not loc.places:
            return None
        p = self.places[loc.places[0]]
        if loc.kind == "between" and len(loc.places) == 2:
            q = self.places[loc.places[1]]
            return midpoint(p.latitude, p.longitude, q.latitude, q.longitude)
        if loc.kind == "near" and loc.bearing is not None and loc.distance_km:
            return destination(p.latitude, p.longitude, loc.bearing, loc.distance_km)
        return p.latitude, p.longitude


# --- is a dump name framed as a place? --------------------------------------------------
# Reports put a small place after a preposition of place ("à Nombori", "in Fawargou",
# "near Tondobi"), after a place noun ("le village de", "the town of", "camp de"), in an
# appositive (", un village", "(localité voisine"), or in a list after another place.
_PLACE_NOUN = (
    r"(?:village|hameau|localite|commune|ville|town|city|hamlet|settlement|camp|campement|"
    r"puits|well|oued|wadi|site|base|poste|position|detachement|garrison|garnison|market|"
    r"marche|quartier|neighbou?rhood|secteur|area|zone|locality|cercle|department|"
    r"departement|province|region|mine|fort|caserne|barracks|outpost|checkpoint)s?"
)
_PLACE_BEFORE = re.compile(
    rf"(?:\b(?:a|au|aux|en|dans|vers|sur|pres\s+d[e']|non\s+loin\s+d[e']|entre|in|at|near|"
    rf"from|to|into|outside|between|around|towards?|via|depuis|jusqu'a|inside|"
    rf"environs\s+d[e']|abords\s+d[e']|outskirts\s+of)|"
    rf"\b{_PLACE_NOUN}(?:\s+(?:voisine?s?|proches?|nearby|neighbou?ring|rurale?s?|militaire|military))?"
    rf"\s+(?:of|de|du|d'|de\s+la|called|named|nomme\w*)?)\s*$"
)
_NOUN_BEFORE = re.compile(
    rf"\b{_PLACE_NOUN}(?:\s+(?:voisine?s?|proches?|nearby|neighbou?ring|rurale?s?|militaire|military))?"
    rf"\s+(?:of|de|du|d'|de\s+la|called|named|nomme\w*)?\s*$"
)
_APPOSITION_AFTER = re.compile(
    rf"^\s*(?:,|\(|-)\s*(?:(?:un|une|a|an|the|le|la|small|petite?|remote|rural|tiny)\s+)*"
    rf"(?:\w+\s+)?{_PLACE_NOUN}\b"
)
_LIST_GAP = re.compile(r"\s*(?:,|,?\s*(?:et|and|ou|or)(?:\s+(?:de|d'|in|at|a))?)\s*")
_TITLE_BEFORE = re.compile(
    r"\b(?:m|mr|mrs|mme|dr|gen|col|general|colonel|capitaine|captain|commandant|lieutenant|"
    r"president|ministre|minister|chef|chief|imam|cheikh|sheikh|emir|leader|dit|alias|"
    r"named|nomme|appele|fils|son|daughter|fille|family|famille|spokesman|porte-parole)"
    r"\.?\s+(?:de\s+|of\s+)?$"
)


def _framed_as_place(text: str, start: int, end: int, common_word: bool, listed: bool) -> bool:
    before = fold(text[max(0, start - 45) : start])
    after = fold(text[end : end + 45])
    if _TITLE_BEFORE.search(before):
        return False
    if _beside_capitalised_word(text, start, end):
        return False  # "Bara Sidibé", "Moussa Ag Acharatoumane": a person or a group
    if _NOUN_BEFORE.search(before) or _APPOSITION_AFTER.match(after):
        return True
    if common_word:
        return False  # "Dans", "Police": an everyday word needs a place noun beside it
    if listed:
        return True
    cue = _PLACE_BEFORE.search(before)
    if cue is None:
        return False
    # French "à" folds to "a", which in English is the article ("a Peul man")
    return cue.group().strip() != "a" or text[max(0, start - 45) + cue.start()] in "àÀ"


_CAP_WORD_AFTER = re.compile(r"^ (?P<w>[A-Z\u00c0-\u00dd][\w'-]*)")
_CAP_WORD_BEFORE = re.compile(r"(?P<w>[A-Z\u00c0-\u00dd][\w'-]*) $")
_NAME_PART_OK = re.compile(
    rf"^(?:{_PLACE_NOUN}|nord|sud|est|ouest|north|south|east|west|centre|center|central|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|"
    r"april|may|june|july|august|september|october|november|december|"
    r"a|au|aux|en|dans|in|at|near|vers|de|du|des|le|la|les|the|entre|between|pres|from)$"
)


def _beside_capitalised_word(text: str, start: int, end: int, strict: bool = False) -> bool:
    """The name touches another capitalised word (one space apart) that is neither a
    place word nor a preposition at the start of a sentence. Title Case lines
    (English headlines) tell nothing."""
    if _title_case_line(text, start):
        return False
    after = _CAP_WORD_AFTER.match(text[end : end + 40])
    if after and not _NAME_PART_OK.match(fold(after.group("w"))):
        return True
    before = _CAP_WORD_BEFORE.search(text[max(0, start - 40) : start])
    if before and not _NAME_PART_OK.match(fold(before.group("w"))):
        pos = max(0, start - 40) + before.start("w")
        head = text[max(0, pos - 3) : pos].strip()
        return strict or not (head == "" or head[-1] in '.!?\n:;"(')
    return False


def _title_case_line(text: str, pos: int) -> bool:
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    return _title_case(text[line_start : line_end if line_end >= 0 else None])


_LONG_WORD = re.compile(r"[^\W\d_]{4,}")


@lru_cache(maxsize=64)  # asked for every capitalised name of a line, often the same line
def _title_case(line: str) -> bool:
    words = _LONG_WORD.findall(line)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


_WANTED_BY_CONTEXT = [
    (
        re.compile(r"\b(?:camp|campement|camps)\s+(?:de|d'|of|du)?\s*$"),
        {"camp", "military_site", "populated_place", "admin2_capital", "admin1_capital"},
    ),
    (
        re.compile(
            r"\b(?:base|poste|post|position|detachement|garrison|garnison|caserne|"
            r"barracks|outpost)\s+(?:militaire\s+|military\s+)?(?:de|d'|of|du|at|a)?\s*$"
        ),
        {"military_site", "camp", "populated_place", "admin2_capital", "admin1_capital"},
    ),
    (
        re.compile(r"\b(?:puits|wells?|point\s+d'eau|waterhole|forage)\s+(?:de|d'|of|du)?\s*$"),
        {"well"},
    ),
    (re.compile(r"\b(?:oued|wadi|vallee|valley)\s+(?:de|d'|of|du)?\s*$"), {"wadi"}),
    (
        re.compile(
            r"\b(?:mine|site\s+(?:d'orpaillage|aurifere|minier)|gold\s+(?:mine|site))"
            r"\s+(?:de|d'|of|du|at)?\s*$"
        ),
        {"mine", "locality"},
    ),
]


def _wanted_kinds(before: str) -> set[str] | None:
    """Place kinds the words before a name call for ("le camp de X", "the well of X")."""
    if _REGION_BEFORE.search(before):
        return _AREA_KINDS
    for pattern, kinds in _WANTED_BY_CONTEXT:
        if pattern.search(before):
            return kinds
    return None


# --- location expressions ---------------------------------------------------------
_BETWEEN_BEFORE = re.compile(
    r"(?:\bbetween|\bentre)\s+(?:the\s+(?:towns?|villages?|localities|cities)\s+of\s+|"
    r"les\s+(?:localites|villes|villages|communes)\s+de\s+|les\s+)?$"
)
_FROM_BEFORE = re.compile(r"(?:\bfrom|\bde|\bd')\s*$")
_AND = re.compile(r"^\s*(?:and|et)\s+(?:d'|de\s+)?$")
_TO = re.compile(r"^\s*(?:to|a|towards|vers)\s+$")
_DASH = re.compile(r"^\s*-\s*$")
_ROAD_AROUND = re.compile(r"(?:\b(?:road|axis|highway|route|axe|troncon|corridor|stretch)\b)")
_NEAR_BEFORE = re.compile(
    r"(?:\bnear|\bnearby|close\s+to|\boutside(?:\s+of)?|outskirts\s+of|vicinity\s+of|not\s+far\s+from|"
    r"\bpres\s+d[e']|non\s+loin\s+d[e']|environs\s+d[e']|proximite\s+d[e']|abords\s+d[e']|"
    r"peripherie\s+d[e']|a\s+quelques\s+kilometres\s+d[e']|around|autour\s+d[e'])\s*(?:the\s+town\s+of\s+|la\s+ville\s+d[e']\s*)?$"
)
_DIR_ALT = "|".join(sorted(BEARINGS, key=len, reverse=True))
_KM = r"km|kms|kilometres?|kilometers?"
# tried at every position, the leading word backtracks over every split of the words
# before it: ``_distance_before`` first looks for the unit the expression needs
_DIST_BEFORE = re.compile(
    rf"(?P<n>\d+|[a-z]+(?:[- ][a-z]+)?)(?:\s+de|\s+d'|\s+of)?\s*"
    rf"(?:{_KM})\s+"
    rf"(?:(?:to\s+the\s+|au\s+|a\s+l'|a\s+l\s|en\s+)?(?P<dir>{_DIR_ALT})\s+)?(?:of|from|de|d')\s*$"
)
_KM_UNIT = re.compile(_KM)
_DIR_BEFORE = re.compile(
    rf"(?:\b(?:to\s+the\s+|au\s+|a\s+l'|just\s+)?(?P<dir>{_DIR_ALT})\s+(?:of|de|d'))\s*$"
)
_APPOSITIVE = re.compile(
    r"\s*,\s*(?:(?:un|une|a|an|the|le|la)\s+(?:petite?\s+|small\s+|remote\s+)?"
    r"(?:hameau|village|localite|hamlet|settlement|town|campement|camp|site|bourgade)\s+)?"
    r"(?:(?:some|about|around|roughly|environ|a|situee?|located|lying|just|qui\s+se\s+trouve)"
    r"\s+)*"
)
_REGION_BEFORE = re.compile(
    r"(?:\bregion\s+(?:of|de|du|d')|\bcercle\s+(?:of|de|du|d')|\bprovince\s+(?:of|de|du|d')|"
    r"\bprefecture\s+(?:of|de|du|d')|\bdepartement\s+(?:of|de|du|d')|\bdistrict\s+(?:of|de|du|d')|"
    r"\bcommune\s+(?:of|de|du|d')|\bzone\s+(?:of|de|du|d'))\s*(?:la\s+|le\s+|l')?$"
)
_REGION_AFTER = re.compile(r"^\s*(?:region|province|cercle|area|district|prefecture)\b")
_IGNORE_BEFORE = re.compile(
    r"(?:(?:taken|evacuated|transported|transferred|rushed|flown|brought|airlifted|admitted)"
    r"\s+(?:\w+\s+)?(?:to|in)\s+(?:the\s+|a\s+)?(?:\w+\s+)?(?:hospitals?\s+(?:in|of|at)\s+)?|"
    r"(?:(?:evacu|transport|transfer|achemin|rapatri|hospitalis)(?:ee?s?|er)|conduite?s?|"
    r"admise?s?)\s+(?:\w+\s+)?"
    r"(?:vers|a|sur|dans)\s+(?:l'|les?\s+|la\s+)?(?:hopita(?:l|ux)\s+(?:de\s+|d')?)?|"
    r"hospital\s+(?:in|of|at)\s+|hopital\s+(?:de\s+|d')|"
    r"(?:authorities|government|junta|officials|capital)\s+in\s+|"
    r"(?:autorites|gouvernement|junte)\s+(?:de\s+|a\s+)|based\s+in\s+|basee?s?\s+a\s+|"
    # where the news was given, not where the event was: "sources concordantes à Niamey"
    r"sources?\s+(?:\w+\s+)?(?:a|in)\s+|"
    r"(?:radio|studio|journal|le\s+journal\s+du|l'essor\s+de|reporting\s+from|correspondent\s+in)\s+)$"
)
_OUTLET_AFTER = re.compile(
    r"^\s*(?:times|post|wire|news|journal|info|infos|fm|tv|herald|tribune|daily|matin|soir|"
    r"hebdo|press|presse|-based|based|'s\s+(?:government|junta|authorities)|"
    # a group named after its home ground: "Macina brigade", "Macina Liberation Front"
    r"brigade|katiba|liberation|front|battalion|movement|mouvement)\b"
)
_UNKNOWN_RE = re.compile(
    r"\b(?i:(?:the\s+)?(?:village|hamlet|town|locality|settlement|camp|hameau|localit[eé]|"
    r"bourgade|commune\s+rurale|position|base|poste|d[ée]tachement)s?"
    r"(?:\s+(?:militaire|military|voisine?|nearby))?\s+(?:of|de|d'|d’|à|at)\s*)"
    r"(?P<n>[A-ZÀ-Ý][\w'-]+(?:[ -][A-ZÀ-Ý][\w'-]+)?)"
)
# "north of Tilwa", "au sud de Tazalit": a direction from a place no gazetteer holds
_UNKNOWN_DIRECTION = re.compile(
    r"\b(?i:(?:north|south|east|west|nord|sud|est|ouest)(?:-?(?:east|west|est|ouest))?"
    r"\s+(?:of|de|d'|d’))\s*(?P<n>[A-ZÀ-Ý][\w'-]{2,})"
)
# neighbouring countries: "north of Nigeria" is a border area, not a settlement
_COUNTRIES = {
    "nigeria",
    "algeria",
    "algerie",
    "mauritania",
    "mauritanie",
    "senegal",
    "guinea",
    "guinee",
    "ghana",
    "togo",
    "benin",
    "chad",
    "tchad",
    "libya",
    "libye",
    "cote",
    "ivory",
    "morocco",
    "maroc",
    "cameroon",
    "cameroun",
    "sudan",
    "soudan",
    "the",
    "la",
    "le",
    "l'",
}
# A settlement the text names with a place noun ("le village de X", "the camp of X") is the
# event's own place: it outranks a known town named elsewhere in the story (priority 4).
_UNKNOWN_PRIORITY = 4.5


def find_locations(
    gaz: Gazetteer,
    text: str,
    folded: str,
    start: int,
    end: int,
    matches: list[PlaceMatch],
    dateline: tuple[int, int],
) -> list[Location]:
    """Location expressions between start and end (a sentence).

    For each settled place match, in order: a dateline or a place named only as where
    someone was taken or where an outlet sits is set aside (``_set_aside``); then the
    first expression that fits is kept: a pair ("between A and B", "from A to B", "the
    A-B road", ``_pair``), a distance or direction ("30 km north of X", "near X",
    ``_near``), a region ("région de X", ``_region``), else the place itself. Names
    introduced by a place noun that no gazetteer holds come last (``_unknown_places``).
    """
    inside = [m for m in matches if start <= m.start < end and m.chosen is not None]
    out: list[Location] = []
    paired: set[int] = set()
    for i, m in enumerate(inside):
        ctx = _Context(text, folded, start, end, m, folded[max(start, m.start - 60) : m.start])
        aside = _set_aside(ctx, dateline)
        if aside is not None:
            if aside.kind == "dateline":
                out.append(aside)
            continue
        if i in paired:
            continue
        nxt = inside[i + 1] if i + 1 < len(inside) else None
        pair = _pair(ctx, nxt) if nxt is not None else None
        if pair is not None:
            out.append(pair)
            paired.add(i + 1)
            continue
        prev = inside[i - 1] if i > 0 else None
        if _describes_previous(ctx, prev):
            continue  # "near Inékar, some 80 km east of Ménaka" describes Inékar
        loc = _near(ctx) or _region(gaz, ctx)
        out.append(loc or Location("exact", _sp(text, m.start, m.end), 4, [m.place]))
    out.extend(_unknown_places(text, start, end, inside))
    out.sort(key=lambda loc: loc.span.start)
    return out


@dataclass(slots=True)
class _Context:
    text: str
    folded: str
    start: int  # the sentence
    end: int
    m: PlaceMatch
    before: str  # up to 60 folded characters before the name, inside the sentence
    _cues: dict[re.Pattern[str], re.Match[str] | None] = field(default_factory=dict)

    def cue(self, regex: re.Pattern[str]) -> re.Match[str] | None:
        """``regex`` searched in ``before``; several steps ask the same, it runs once."""
        if regex not in self._cues:
            self._cues[regex] = regex.search(self.before)
        return self._cues[regex]

    def distance(self) -> re.Match[str] | None:
        """ "30 km north of" right before the name (``_DIST_BEFORE``)."""
        if _KM_UNIT.search(self.before) is None:
            return None  # no unit, no distance: spares the costly search
        return self.cue(_DIST_BEFORE)

    def span_from(self, cue_start_in_before: int, end: int) -> Span:
        s = self.m.start - (len(self.before) - cue_start_in_before)
        return _sp(self.text, s, end)


def _set_aside(ctx: _Context, dateline: tuple[int, int]) -> Location | None:
    """A dateline location, or a placeholder for a name that locates no event; None when
    the name may locate the event. Marks the match's ``ignored`` reason."""
    m = ctx.m
    if dateline[0] <= m.start < dateline[1]:
        m.ignored = "dateline"
        return Location("dateline", _sp(ctx.text, m.start, m.end), 0, [m.place])
    after = ctx.folded[m.end : min(ctx.end, m.end + 30)]
    if ctx.cue(_IGNORE_BEFORE) or _OUTLET_AFTER.match(after):
        m.ignored = "context"
        return Location("ignored", _sp(ctx.text, m.start, m.end), 0)
    return None


def _pair(ctx: _Context, nxt: PlaceMatch) -> Location | None:
    """ "between A and B", "entre A et B", "from A to B", "the A-B road"."""
    m, before = ctx.m, ctx.before
    gap = ctx.folded[m.end : nxt.start]
    cue = None
    between = _BETWEEN_BEFORE.search(before)
    from_ = _FROM_BEFORE.search(before)
    if between and _AND.match(gap):
        cue = between.start()
    elif from_ and _TO.match(gap) and not ctx.cue(_IGNORE_BEFORE):
        cue = from_.start()
    elif _DASH.match(gap) and _ROAD_AROUND.search(
        ctx.folded[max(ctx.start, m.start - 25) : min(ctx.end, nxt.end + 20)]
    ):
        cue = len(before)
    if cue is None:
        return None
    # "the Gao-Ansongo road" names a road, weaker than "between Gao and Ansongo"
    priority = 3.5 if cue == len(before) else 6
    return Location("between", ctx.span_from(cue, nxt.end), priority, [m.place, nxt.place])


def _describes_previous(ctx: _Context, prev: PlaceMatch | None) -> bool:
    """A distance or direction right after another place, in apposition, describes that
    place ("Inékar, some 80 km east of Ménaka"), not a location of its own."""
    cue = ctx.distance() or ctx.cue(_NEAR_BEFORE) or ctx.cue(_DIR_BEFORE)
    if cue is None or prev is None or prev.ignored is not None:
        return False
    expr_start = ctx.m.start - (len(ctx.before) - cue.start())
    return _APPOSITIVE.fullmatch(ctx.folded[prev.end : expr_start]) is not None


def _near(ctx: _Context) -> Location | None:
    """ "30 km north of X" (with distance and bearing), or "near X", "north of X"."""
    m = ctx.m
    dist = ctx.distance()
    if dist:
        n = dist.group("n")
        km = float(n) if n.isdigit() else (VAGUE[n][0] if n in VAGUE else word_value(n, "en"))
        if km is not None:
            bearing = BEARINGS.get(dist.group("dir") or "")
            span = ctx.span_from(dist.start(), m.end)
            return Location("near", span, 5.5, [m.place], bearing, km)
    near = ctx.cue(_NEAR_BEFORE) or ctx.cue(_DIR_BEFORE)
    if near:
        return Location("near", ctx.span_from(near.start(), m.end), 5, [m.place])
    return None


def _region(gaz: Gazetteer, ctx: _Context) -> Location | None:
    """ "région de X", "X region", or a name that is only a region: the admin1 row."""
    m = ctx.m
    reg_b = _REGION_BEFORE.search(ctx.before)
    reg_a = _REGION_AFTER.match(ctx.folded[m.end : min(ctx.end, m.end + 30)])
    if not (reg_b or reg_a or gaz.places[m.place].kind == "admin1"):
        return None
    s = m.start - (len(ctx.before) - reg_b.start()) if reg_b else m.start
    e = m.end + reg_a.end() if reg_a else m.end
    return Location("region", _sp(ctx.text, s, e), 2, [gaz.admin_row(m.place)])


def _unknown_places(text: str, start: int, end: int, inside: list[PlaceMatch]) -> list[Location]:
    """ "le village de X", "in X, a small village": X is in no gazetteer."""
    out = []
    found = (
        *_UNKNOWN_RE.finditer(text, start, end),
        *_UNKNOWN_APPOS.finditer(text, start, end),
        *_UNKNOWN_DIRECTION.finditer(text, start, end),
    )
    for um in found:
        name_start = um.start("n")
        if any(m.start <= name_start < m.end for m in inside):
            continue
        name = um.group("n").rstrip("'-")
        if fold(name) in _STOP or fold(name) in _COUNTRIES:
            continue
        span = _sp(text, um.start(), um.end())
        out.append(Location("unknown", span, _UNKNOWN_PRIORITY, unknown_name=name))
    return out


def _sp(text: str, s: int, e: int) -> Span:
    return Span(text[s:e], s, e)


def _capitalised(text: str, pos: int) -> bool:
    return text[pos].isupper()


def _deletions(word: str) -> set[str]:
    return {word[:k] + word[k + 1 :] for k in range(len(word))}


def _within_one_edit(a: str, b: str) -> bool:
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diffs = [k for k in range(la) if a[k] != b[k]]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and a[diffs[0]] == b[diffs[1]]
            and a[diffs[1]] == b[diffs[0]]
        )
    if la > lb:
        a, b = b, a
    for k in range(len(b)):
        if b[:k] + b[k + 1 :] == a:
            return True
    return False


_UNKNOWN_APPOS = re.compile(
    r"\b(?:in|at|à|a|near|près\s+de)\s+(?P<n>[A-Z][\w'-]+(?:[ -][A-Z][\w'-]+)?),\s+"
    r"(?:un|une|a|an|le|la|the)\s+(?:petit\s+|small\s+|remote\s+)?(?:hameau|village|localité|"
    r"hamlet|settlement|town|campement|camp|site)\b"
)
DATELINE_RE = re.compile(
    r"^\s*(?P<place>[A-Z\u00c0-\u00dd][A-Za-z\u00c0-\u00ff'. -]{1,40}?)\s*"
    r"(?:,\s*[A-Za-z\u00c0-\u00ff]+\.?\s*\d{0,2},?\s*\d{0,4}\s*)?(?:\([^)\n]{1,80}\))?\s*[-:]"
)


def dateline_span(text: str) -> tuple[int, int]:
    """(start, end) of a 'GAO (Sahel Wire) —' dateline opening one of the first three
    lines (a headline or byline may come first), or (0, 0)."""
    pos = 0
    for _ in range(3):
        m = DATELINE_RE.match(text[pos : pos + 120].translate(_DASHES))
        line_end = text.find("\n", pos)
        rest = (line_end if line_end >= 0 else len(text)) - pos - (m.end() if m else 0)
        # a town in capitals, or with the agency in brackets; or in title case when a
        # whole lead paragraph follows ("Niamey: Niger's army said on Saturday ...") —
        # a headline "Ménaka : le bilan s'alourdit" is short
        if m and (
            m.group("place").split(",")[0].strip().isupper()
            or "(" in m.group()
            or rest > _LEAD_AFTER_DATELINE
        ):
            return pos, pos + m.end()
        nl = text.find("\n", pos)
        if nl < 0:
            break
        pos = nl + 1
    return 0, 0


_DASHES = str.maketrans({"—": "-", "–": "-"})
_LEAD_AFTER_DATELINE = 120  # characters: longer than a headline

__all__ = [
    "Gazetteer",
    "PlaceMatch",
    "Location",
    "find_locations",
    "dateline_span",
    "fold",
    "tokens",
]
