"""ACLED codes one event per place per day: a cluster whose sentence gives each
village its own toll becomes one incident per village (``OneEventPerPlace``), and an
event filed twice, or context filed as news, is caught after building
(``one_event_each``)."""

from __future__ import annotations

import copy

from .clustering import Cluster
from .cues import PLACE_TOLL_GAP
from .facts import SentenceFacts
from .numbers import NumberMention, find_numbers
from .places import Gazetteer, Location
from .text import fold
from .types import ExtractedIncident, Span, TollClaim
from .villages import VillageList, group_of


class OneEventPerPlace:
    """Splits an incident by the villages its sentence gives their own tolls."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer

    def split_by_place(
        self,
        text: str,
        folded: str,
        inc: ExtractedIncident,
        cl: Cluster,
        lang: str,
        lists: list[VillageList],
    ) -> list[ExtractedIncident]:
        """ACLED codes one event per place per day: when a sentence gives each village
        its own toll ("15 were killed in Djimdo, 16 in Gouari and two in Pangadougou",
        "31 morts à Kourakou et 13 à Tondobi"), each village becomes an incident with
        its figure; the rest (date, actors, type) is shared."""
        for f in cl.facts:
            pairs = self._place_tolls(folded, f, lang)
            if len(pairs) < 2:
                continue
            out = []
            for number, loc in pairs:
                part = copy.deepcopy(inc)
                self._set_exact_place(part, loc)
                evidence = Span(text[number.start : loc.span.end], number.start, loc.span.end)
                latest = inc.toll_revisions[-1] if inc.toll_revisions else None
                claim = TollClaim(
                    killed=number.best,
                    killed_min=number.low,
                    killed_max=number.high,
                    qualifier=number.qualifier,
                    wounded=None,
                    said_by=latest.said_by if latest else None,
                    reported_on=latest.reported_on if latest else None,
                    evidence=evidence,
                )
                part.toll_revisions = [claim]
                sentence = [Span(text[f.sent.start : f.sent.end], f.sent.start, f.sent.end)]
                part.sentences = {**part.sentences, "place": sentence, "toll": sentence}
                part.notes.append("one event per place: this village's own toll in the text")
                out.append(part)
            out.extend(self._listed_without_toll(inc, cl, pairs, lists))
            return out
        return [inc]

    def _listed_without_toll(
        self,
        inc: ExtractedIncident,
        cl: Cluster,
        pairs: list[tuple[NumberMention, Location]],
        lists: list[VillageList],
    ) -> list[ExtractedIncident]:
        """A village listed with those of a per-village breakdown but given no toll of
        its own ("the villages of A, B, C and D ... 15 in A, 16 in B and two in C"): its
        own incident too, with no figure (ACLED: one event per place)."""
        groups = {group_of(loc.unknown_name or loc.span.text, lists) for _, loc in pairs}
        done = {fold(loc.unknown_name or loc.span.text) for _, loc in pairs}
        out = []
        for f in cl.facts:
            for loc in f.locations:
                name = loc.unknown_name or (loc.span.text if loc.kind == "exact" else None)
                if name is None or fold(name) in done or loc.kind not in ("exact", "unknown"):
                    continue
                if group_of(name, lists) not in groups - {None}:
                    continue
                done.add(fold(name))
                part = copy.deepcopy(inc)
                self._set_exact_place(part, loc)
                part.toll_revisions = []
                part.notes.append("one event per place: a listed village with no toll of its own")
                out.append(part)
        return out

    @staticmethod
    def _place_tolls(
        folded: str, f: SentenceFacts, lang: str
    ) -> list[tuple[NumberMention, Location]]:
        """(number, place) pairs of a per-village breakdown in one sentence: each place
        right after its own number ("16 in Gouari", "13 à Tondobi"), no other number
        or place between them, two different places at least."""
        locs = [lc for lc in f.locations if lc.kind in ("exact", "unknown") and lc.span]
        if len(locs) < 2 or not f.claims:
            return []
        numbers = find_numbers(folded, f.sent.start, f.sent.end, lang)
        pairs: list[tuple[NumberMention, Location]] = []
        used: set[str] = set()
        for loc in locs:
            before = [n for n in numbers if n.end <= loc.span.start]
            if not before:
                continue
            n = before[-1]
            gap = folded[n.end : loc.span.start]
            if len(gap) > 45 or not PLACE_TOLL_GAP.fullmatch(gap):
                continue
            if any(n.end <= o.span.start < loc.span.start for o in locs if o is not loc):
                continue
            name = fold(loc.span.text)
            if name in used:
                continue
            used.add(name)
            pairs.append((n, loc))
        return pairs if len(pairs) >= 2 else []

    def _set_exact_place(self, inc: ExtractedIncident, loc: Location) -> None:
        """Point the incident at one named village of a per-village breakdown."""
        inc.location_text = loc.span.text
        inc.place_evidence = loc.span
        inc.route_km = None
        if loc.kind == "exact" and loc.places:
            place = self.gazetteer.places[loc.places[0]]
            inc.place, inc.place_name = place.key, place.name
            inc.latitude, inc.longitude = place.latitude, place.longitude
            inc.country, inc.admin1 = place.country, place.admin1
            inc.geo_precision, inc.unknown_place = "exact", None
        else:  # a village the gazetteer lacks: keep the area's point, say which village
            inc.unknown_place = loc.unknown_name or loc.span.text
            inc.geo_precision = "near" if inc.latitude is not None else None


_NO_TOLL_EXPECTED = {
    "Abduction/forced disappearance",
    "Looting/property destruction",
    "Arrests",
    "Peaceful protest",
    "Protest with intervention",
    "Violent demonstration",
    "Mob violence",
}


def one_event_each(
    incidents: list[ExtractedIncident], *, dated: bool = True
) -> list[ExtractedIncident]:
    """After the main incident, two reporting habits that would file one event twice or
    file context as news (ACLED: one event per place and day):

    1. the same figure told again at the same place or with no place of its own ("24
       soldiers were killed ... The 24 soldiers died near Ségou"): the second is dropped;
    2. another event with neither a toll nor a day of its own ("attacks have hit the
       region since March 2012") is context: it is kept, flagged background, for the
       review queue. Abductions, looting, arrests and demonstrations often have no toll
       and are not concerned, nor are articles without a publication date (no day can
       be resolved in them)."""
    out: list[ExtractedIncident] = []
    main = next((i for i in incidents if not i.background), None)
    for inc in incidents:
        if inc.background or inc is main or main is None:
            out.append(inc)
            continue
        duplicate = inc.killed is not None and any(
            not o.background
            and o.killed == inc.killed
            and (o.place == inc.place or inc.place is None or o.place is None)
            for o in out
        )
        if duplicate:
            continue
        own_day = inc.date_evidence is not None and inc.date_precision == "day"
        if (
            dated
            and inc.killed is None
            and not own_day
            and inc.sub_event_type not in _NO_TOLL_EXPECTED
        ):
            inc.background = True
            inc.notes.append("background: another event named without a toll or a day")
        out.append(inc)
    return out
