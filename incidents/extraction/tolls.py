"""Toll claims in a sentence, and their assembly into an ordered revision history.

A number is a *killed* figure when a death word binds it: after it ("32 people were
killed", "dix morts", "dozens of soldiers died") or before it ("killing 32", "the toll
rose to 32", "bilan de 32 morts", "put it at 32"); a *wounded* figure likewise with
wounded/injured/blessés. A bare number right after a source phrase in a sentence that
already states a toll ("the army said 9 were killed, local sources 16") is a claim by
that source. Numbers after "including/dont/parmi" are a breakdown, not a total; two
killed figures for different groups ("5 soldiers and 12 civilians") add up.

Revisions: claims carry a cue — *initial* ("initially", "provisional", "premier bilan")
or *update* ("rose to", "later", "the next day", "revu à la hausse", "s'est alourdi").
Stage 0 is the initial claims (or cue-less claims before the first update), then one
stage per distinct updated figure in text order; a cue-less claim repeating a staged
figure joins that stage. Claims in one stage that disagree ("the army said 9, local
sources 16") make one revision of qualifier "range": best = the lowest figure
(conservative, ACLED), min/max = the spread, every claim kept under ``claims``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .numbers import NumberMention
from .sources import SourceMention, join_labels
from .types import Span, TollRevision

_DEATH = (
    r"killed|dead|deaths?|died|die|lives|fatalities|perished|slain|murdered|executed|"
    r"massacred|neutrali[sz]ed|bodies|morts?|tuee?s?|deces|decedee?s?|peri|"
    r"perdu\s+la\s+vie|trouve\s+la\s+mort|sans\s+vie|victimes\s+mortelles|neutralisee?s?|"
    r"abattue?s?|executee?s?|massacree?s?|assassinee?s?|fatality"
)
_WOUND = r"wounded|injured|injuries|hurt|blessee?s?|blessures?"
_FILLER = (
    r"(?:other|others|more|additional|people|persons?|civilians?|soldiers?|troops|"
    r"militants?|jihadists?|djihadistes?|fighters?|assailants?|attackers?|terrorists?|"
    r"passengers?|villagers?|residents?|members?|gendarmes?|police(?:men)?|officers?|"
    r"guards?|children|women|men|individuals|drivers?|traders?|civilian|malian|"
    r"armees?|armed|maliennes?|fama|nigeriennes?|burkinabes?|dogons?|peuls?|fulani|"
    r"burkinabe|nigerien|military|army|security|forces?|wagner|russian|"
    r"of|the|them|whom|and|et|de|d'|des|les|autres|personnes?|civils?|soldats?|militaires?|"
    r"terroristes?|assaillants?|passagers?|villageois|habitants?|enfants?|femmes?|"
    r"hommes?|elements?|membres?|agents?|gardes?|policiers?|chauffeurs?|commercants?|"
    r"maliens?|burkinabes?|nigeriens?|russes?|parmi|eux|were|was|have|has|had|been|"
    r"are|ont|a|ete|sont|reportedly|also|all|reported|confirmed|dont|y|compris|"
    r"presumed|suspected|presumes?|at|least|on|spot|sur|le|coup|place|who|qui|"
    r"perdu|la|trouve|mort|in|the|attack|attaque|l'attaque)"
)
_INSERT = r"(?:,\s*(?:dont|including|among\s+them|parmi\s+(?:eux|lesquels))[^,.;]{0,50},)?"
_AFTER = re.compile(
    rf"^[\s,()\"']*(?:{_FILLER}[\s,'()]+){{0,9}}?{_INSERT}[\s,()]*(?:{_FILLER}[\s,'()]+){{0,4}}?"
    rf"(?:(?P<d>{_DEATH})|(?P<w>{_WOUND}))\b"
)
_BEFORE_DEATH = re.compile(
    r"(?:\bkilling|\bkilled|\bkills|\bclaimed\s+the\s+lives\s+of|\btoll\b[^.;]{0,40}?"
    r"(?:at|to|of|reached|hit|stood|is|was|rose|climbed|now)|\bbilan\b[^.;]{0,50}?"
    r"(?:de|d'|a|est|s'eleve|passe|porte|fait\s+etat\s+de)|\btuant|\bfaisant|\bfait|"
    r"\bput\s+(?:it|the\s+(?:death\s+)?toll|the\s+number\s+of\s+(?:dead|deaths|victims))\s+at|"
    r"\bputting\s+it\s+at|\bdeaths?\s+(?:rose|climbed|reached)\s+to|\brose\s+to|\bclimbed\s+to|"
    r"\brisen\s+to|\bincreased\s+to|\bporte\s+a|\bpasse\s+a|\bs'eleve\s+a|\bs'est\s+alourdi\s+a|"
    r"\bhausse\s+a|\brevised\s+(?:upward\s+|up\s+)?to|\bdeath\s+of|\bkilled\s+at\s+least|"
    r"\bleft|\bleaving|\blaissant|\bsome|\bcounted|\bcompte|\brecense|\bdenombre|"
    r"\bfigure\s+of|\bchiffre\s+de|\bneutrali[sz]\w*|\bporte\s+le\s+(?:nombre|bilan)[^.;]{0,30}a|"
    r"\bnumber\s+of\s+(?:dead|deaths|victims)\s+(?:to|at)|"
    r"\b(?:ont|a|avoir|auraient|aurait|avaient|avait)\s+(?:\w+\s+)?(?:tue|abattu|execute|massacre))"
    r"[\s\"']*(?:(?:an?\s+|the\s+|au\s+moins\s+|at\s+least\s+|some\s+|about\s+|un\s+|une\s+)?)$"
)
_BEFORE_WOUND = re.compile(
    r"(?:\bwounding|\binjuring|\bblessant|\bet\s+blesse|\band\s+wounded"
    r"|\band\s+injured)\s*$"
)
_BREAKDOWN = re.compile(
    r"(?:\bincluding|\bamong\s+them|\bamong\s+whom|\bof\s+whom|\bdont|"
    r"\bparmi\s+(?:eux|lesquels|lesquelles|les\s+victimes)|\bnotamment|"
    r"\by\s+compris|\bmostly|\bmainly|\bin\s+particular)\s*[^.;]{0,30}$"
)
_TOLL_CONTEXT = re.compile(
    rf"\b(?:{_DEATH}|toll|bilan|killing|kills?|tuant|faisant|fait|"
    rf"neutrali\w*|claimed\s+the\s+lives)\b"
)
INITIAL_CUE = re.compile(
    r"\b(?:initially|initial|first\s+(?:toll|report|count|figure)|at\s+first|provisional|"
    r"preliminary|earlier\s+(?:toll|figure|count)|had\s+(?:earlier\s+)?(?:reported|said|given)|"
    r"d'abord|initialement|provisoire|premier\s+bilan|bilan\s+initial|dans\s+un\s+premier\s+temps|"
    r"avait\s+(?:fait\s+etat|annonce|indique|evoque|donne))\b"
)
UPDATE_CUE = re.compile(
    r"\b(?:rose|risen|rising|climbed|increased|jumped|later|revised|updated|new\s+toll|"
    r"final\s+toll|has\s+since|since\s+risen|subsequently|the\s+(?:next|following)\s+day|"
    r"a\s+day\s+later|now\s+(?:stands|put|puts|says)|grew|mounted|lendemain|"
    r"s'est\s+alourdi|alourdi|revu\s+a\s+la\s+hausse|revu|nouveau\s+bilan|bilan\s+definitif|"
    r"bilan\s+actualise|desormais|finalement|passe\s+a|porte\s+a|grimpe|augmente|"
    r"porte\s+le\s+(?:nombre|bilan)|(?:other|more)\s+bodies|d'autres\s+corps)\b"
)


@dataclass(slots=True)
class Claim:
    killed: int | None
    low: int | None
    high: int | None
    qualifier: str
    wounded: int | None
    said_by: str | None
    cue: str | None  # initial | update | None
    pos: int
    evidence: Span
    reported_on: date | None = None
    killed_span: tuple[int, int] | None = None
    extra: list[dict] = field(default_factory=list)


def sentence_claims(
    text: str,
    folded: str,
    s_start: int,
    s_end: int,
    numbers: list[NumberMention],
    sources: list[SourceMention],
    excluded: list[tuple[int, int]],
) -> list[Claim]:
    """Killed/wounded claims in one sentence."""
    if not _TOLL_CONTEXT.search(folded, s_start, s_end) and not re.search(
        _WOUND, folded[s_start:s_end]
    ):
        return []
    kills: list[tuple[NumberMention, int]] = []  # (mention, end of binding)
    wounds: list[NumberMention] = []
    for n in numbers:
        if any(n.num_start < e and s < n.end for s, e in excluded):
            continue
        head = folded[max(s_start, n.start - 70) : n.start]
        tail = folded[n.end : s_end]
        after = _AFTER.match(tail)
        if (
            after
            and after.group("w")
            and not (n.vague and n.qualifier == "at_least" and n.best >= 100)
        ):
            wounds.append(n)
            continue
        if _BEFORE_WOUND.search(head):
            wounds.append(n)
            continue
        if after and after.group("d"):
            kills.append((n, n.end + after.end()))
            continue
        if _BEFORE_DEATH.search(head) and not _unit_follows(tail):
            kills.append((n, n.end))
            continue
        if kills and not n.vague and _bare(tail) and _source_just_before(sources, n.start):
            kills.append((n, n.end))
    if not kills and not wounds:
        return []
    claims: list[Claim] = []
    evidence = Span(text[s_start:s_end], s_start, s_end)
    update_at = UPDATE_CUE.search(folded, s_start, s_end)
    initial_at = INITIAL_CUE.search(folded, s_start, s_end)
    for n, _bind_end in kills:
        if _BREAKDOWN.search(folded[max(s_start, n.start - 45) : n.start]) and (
            claims or any(k.start < n.start for k, _ in kills)
        ):
            continue
        src = _source_for(sources, n.start, folded)
        cue = None
        if update_at and (n.start > update_at.start() or not initial_at):
            cue = "update"
        if initial_at and (not update_at or n.start < update_at.start()):
            cue = "initial"
        if (
            update_at
            and not initial_at
            and n.start < update_at.start()
            and any(k.start > update_at.start() for k, _ in kills)
        ):
            cue = "initial"
        prev = claims[-1] if claims else None
        if (
            prev
            and prev.cue == cue
            and prev.said_by == src
            and prev.killed is not None
            and _joined_by_and(folded, prev.pos, n.start)
        ):
            prev.killed += n.best
            prev.low = (prev.low or 0) + n.low
            prev.high = None if prev.high is None or n.high is None else prev.high + n.high
            continue
        claims.append(
            Claim(
                n.best,
                n.low,
                n.high,
                n.qualifier,
                None,
                src,
                cue,
                n.start,
                evidence,
                killed_span=(n.start, n.end),
            )
        )
    for w in wounds:
        target = None
        for c in claims:
            if c.pos < w.start:
                target = c
        target = target or (claims[0] if claims else None)
        if target is not None and target.wounded is None:
            target.wounded = w.best
        elif target is None:
            claims.append(
                Claim(
                    None,
                    None,
                    None,
                    "exact",
                    w.best,
                    _source_for(sources, w.start, folded),
                    "update" if update_at else None,
                    w.start,
                    evidence,
                )
            )
    return claims


def _unit_follows(tail: str) -> bool:
    return bool(
        re.match(
            r"\s*(?:km|kilomet|miles|villages?|vehicles?|vehicules?|trucks?|"
            r"camions?|motos?|motorcycles?|houses?|maisons?|cattle|head|tetes|"
            r"years?|ans|days?|jours|hours?|heures|months?|mois|%|percent)\b",
            tail,
        )
    )


def _bare(tail: str) -> bool:
    return bool(re.match(r"\s*(?:[,.;)]|$|and\b|et\b|while\b|alors\b)", tail))


def _source_just_before(sources: list[SourceMention], pos: int) -> bool:
    return any(0 <= pos - s.end <= 25 for s in sources)


def _source_for(sources: list[SourceMention], pos: int, folded: str) -> str | None:
    if not sources:
        return None
    before = [s for s in sources if s.end <= pos]
    # "A local official and an NGO put it at 32": every source of the clause speaks
    if before:
        last = before[-1]
        group = [last]
        for s in reversed(before[:-1]):
            gap = folded[s.end : group[0].start]
            if group[0].start - s.end <= 45 and not re.search(r"\d|said|told|selon", gap):
                group.insert(0, s)
            else:
                break
        after_pos = [s for s in sources if s.start >= pos]
        if after_pos and after_pos[0].start - pos < pos - last.end and len(sources) > 1:
            return after_pos[0].label
        return join_labels([s.label for s in group])
    return join_labels([s.label for s in sources if s.start - pos < 120][:2])


def _joined_by_and(folded: str, a: int, b: int) -> bool:
    between = folded[a:b]
    return (
        bool(re.search(r"\b(?:and|et)\b|,", between))
        and len(between) < 60
        and not re.search(
            r"\b(?:said|selon|according|while|whereas|alors|tandis|but|mais)\b", between
        )
    )


# --- assembly ------------------------------------------------------------------------
_SPECIFIC = {"exact": 0, "range": 1, "about": 2, "at_least": 3, "up_to": 4}


def assemble(claims: list[Claim], text: str) -> list[TollRevision]:
    """Ordered toll revisions from the claims of one incident (text order)."""
    kill_claims = [c for c in claims if c.killed is not None]
    wound_only = [c for c in claims if c.killed is None]
    if not kill_claims:
        if wound_only:
            c = wound_only[-1]
            return [
                TollRevision(
                    None, None, None, "exact", c.wounded, c.said_by, c.reported_on, c.evidence
                )
            ]
        return []
    stages: list[list[Claim]] = []
    first_update = next((c.pos for c in kill_claims if c.cue == "update"), None)
    initial = [c for c in kill_claims if c.cue == "initial"]
    updates = [c for c in kill_claims if c.cue == "update"]
    loose = [c for c in kill_claims if c.cue is None]
    if initial:
        stages.append(initial)
    for c in updates:
        if stages and stages[-1][-1].cue == "update" and stages[-1][-1].killed == c.killed:
            stages[-1].append(c)
        else:
            stages.append([c])
    if not stages:
        stages.append([])
    pending: list[Claim] = []
    for c in loose:
        home = next((st for st in stages if st and any(x.killed == c.killed for x in st)), None)
        if home is not None:
            home.append(c)
        elif not initial and first_update is not None and c.pos < first_update:
            if stages[0] and stages[0][0].cue == "update":
                stages.insert(0, [])
            stages[0].append(c)
        else:
            pending.append(c)
    if pending:
        if initial and len(stages) == 1:
            stages.append(pending)  # "initially 10" implies a later figure: these are it
        else:
            target = stages[-1] if stages[-1] else stages[0]
            target.extend(pending)
    stages = [st for st in stages if st]
    revisions = [_revision(st, text) for st in stages]
    for c in wound_only:
        for rev in reversed(revisions):
            if rev.wounded is None:
                rev.wounded = c.wounded
                break
    return revisions


def _revision(stage: list[Claim], text: str) -> TollRevision:
    stage = sorted(stage, key=lambda c: c.pos)
    values = {c.killed for c in stage}
    said_by = join_labels([c.said_by for c in stage])
    wounded = next((c.wounded for c in reversed(stage) if c.wounded is not None), None)
    reported = next((c.reported_on for c in stage if c.reported_on), None)
    lead = next((c for c in stage if c.cue), stage[0])
    if len(values) == 1:
        best = min(stage, key=lambda c: _SPECIFIC.get(c.qualifier, 5))
        lows = [c.low for c in stage if c.low is not None]
        return TollRevision(
            best.killed,
            best.low if best.low is not None else min(lows, default=None),
            best.high,
            best.qualifier,
            wounded,
            said_by,
            reported,
            lead.evidence,
        )
    low = min(c.low if c.low is not None else c.killed for c in stage)
    high = max(c.high if c.high is not None else c.killed for c in stage)
    start = min(c.evidence.start for c in stage)
    end = max(c.evidence.end for c in stage)
    claims = [
        {
            "killed": c.killed,
            "qualifier": c.qualifier,
            "said_by": c.said_by,
            "evidence": c.evidence.to_dict(),
        }
        for c in stage
    ]
    ev = Span(text[start:end], start, end)
    return TollRevision(
        min(c.killed for c in stage), low, high, "range", wounded, said_by, reported, ev, claims
    )
