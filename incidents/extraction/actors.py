"""Actor mentions from aliases, and their role in a sentence.

Matching: folded tokens, longest alias first, word-bounded; an all-capitals alias
("FAMa" is not, "FAN", "VDP", "FLA" are) must be written in capitals in the text.

Generic words are resolved by the incident's country once its place is known:
- an actor of kind ``unidentified`` without a country (the actors.json entry whose
  aliases are "jihadists", "gunmen", "hommes armés", "terroristes"...) becomes
  "Unidentified Armed Group (<country>)" — ACLED's convention for unclaimed attacks —
  and is dropped when a named armed group is the perpetrator of the same incident;
- the state words below ("soldiers", "the army", "militaires"...) become the
  country's state forces, unless those forces are already named.

Roles, per sentence, first rule that applies:
escort ("escorted by X and Y", "sous escorte de X") > civilians are victims >
after "by/par/claimed by/attribué à" = perpetrator > after "against/contre/on" = target >
before an active attack verb = perpetrator > after an attack verb = target >
by kind (armed non-state perpetrator, state/foreign target).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .numbers import VAGUE_ALT
from .text import Token, name_tokens
from .types import ActorEntry, Span

GENERIC_STATE = (
    "soldiers",
    "soldier",
    "troops",
    "the army",
    "army",
    "military",
    "security forces",
    "defence and security forces",
    "defense and security forces",
    "soldats",
    "soldat",
    "militaires",
    "militaire",
    "l'armee",
    "armee",
    "forces de defense et de securite",
    "forces de securite",
    "fds",
    "gendarmes",
    "gendarme",
    "gendarmerie",
    "policemen",
    "police officers",
    "policiers",
)
COUNTRY_WORDS = {
    "ML": ("mali", "malian", "malien"),
    "BF": ("burkina", "burkinabe", "burkinabe"),
    "NE": ("niger", "nigerien", "nigerienne"),
}
COUNTRY_NAMES = {
    "ML": "mali",
    "BF": "burkina faso",
    "NE": "niger",
    "MR": "mauritania",
    "DZ": "algeria",
    "TD": "chad",
    "CI": "ivory coast",
    "SN": "senegal",
}

ESCORT_CUE = re.compile(
    r"\b(?:escorted\s+by|under\s+(?:the\s+)?(?:escort|protection)\s+of|accompanied\s+by|"
    r"protected\s+by|escortee?s?\s+par|sous\s+(?:l'|bonne\s+)?(?:escorte|protection)\s+(?:de|des|du|d')|"
    r"accompagnee?s?\s+par|protegee?s?\s+par|escort(?:ing)?\s+(?:of|from|provided\s+by))"
)
_CLAUSE_END = re.compile(
    r"[;.:]|,\s*(?:killing|leaving|tuant|faisant|said|selon|according|a\s+indique|"
    r"a\s+declare|before|avant|when|lorsque|quand)\b|\s(?:when|lorsque|quand|while)\s"
)
# Reporters name a group through its members and a description: "par des éléments du
# groupe paramilitaire russe Wagner", "by fighters of the jihadist group JNIM", "par des
# éléments infiltrés de Boko Haram", "by militants from the Islamic State". The members'
# noun (with one adjective), "of/de", then a group noun with up to three descriptive words
# may stand between the determiner and the name.
_MEMBERS = (
    r"(?:elements?|membres?|combattants?|hommes|fighters?|members?|militants?|jihadistes?|"
    r"djihadistes?|insurges|insurgents?|rebelles?|rebels?|terroristes?|terrorists?|"
    r"partisans?|mercenaires?|mercenaries|operatives?|commandos?|unites?|units?|"
    r"hommes\s+armes|gunmen|assaillants|assailants)"
)
_GROUP_NOUN = (
    r"(?:groupe|group|mouvement|movement|milice|militia|katiba|faction|branche|branch|"
    r"coalition|organisation|organization|force|forces|alliance|front)"
)
_DESCRIPTOR = (
    rf"(?:{_MEMBERS}(?:\s+[\w-]+)?\s+(?:of\s+the\s+|from\s+the\s+|of\s+|from\s+|du\s+|"
    rf"de\s+la\s+|de\s+l'|des\s+|de\s+|d'))?"
    rf"(?:(?:[\w-]+\s+){{0,2}}{_GROUP_NOUN}(?:\s+[\w-]+){{0,3}}\s+)?"
)
_BY_BEFORE = re.compile(
    r"(?:\bby|\bpar|claimed\s+by|attributed\s+to|blamed\s+on|attribuee?s?\s+a|"
    r"imputee?s?\s+a|revendiquee?s?\s+par|de\s+la\s+part\s+d[e'])\s+(?:the\s+|les?\s+|la\s+|l'|des\s+|"
    r"suspected\s+|presumed\s+|presumes\s+|alleged\s+|a\s+group\s+of\s+|un\s+groupe\s+d[e']\s*|"
    r"dozens\s+of\s+|des\s+dizaines\s+d[e']\s*|several\s+|plusieurs\s+|\w+\s+)?"
    + _DESCRIPTOR
    + r"$"
)
_AGAINST_BEFORE = re.compile(
    r"(?:\bagainst|\bon|\btargeting|\bcontre|\bvisant|\bciblant|\bsur)\s+(?:the\s+|a\s+|an\s+|"
    r"les?\s+|la\s+|l'|des\s+|une?\s+|(?:\w+\s+){0,2}(?:of|de|du|des)\s+)?$"
)
ATTACK_VERB = re.compile(
    r"\b(?:ambush(?:ed|es|ing)?|attack(?:ed|s|ing)?|stormed|raided|struck|strikes?|targeted|"
    r"targeting|killed|killing|kill|shot|opened\s+fire|fired|abducted|kidnapped|seized|"
    r"overran|assaulted|besieged|clashed|bombed|shelled|burned|torched|executed|massacred|"
    r"embuscade|attaque(?:nt|r)?|attaquee?s?|tue(?:nt|r)?|tuee?s?|pris\s+d'assaut|frappe|"
    r"frappee?s?|cible|ciblee?s?|enleve(?:nt|r)?|enlevee?s?|incendie|execute|massacre|"
    r"ouvert\s+le\s+feu|affrontes?|accroche|neutrali[sz]ed|neutralisee?s?|shot\s+dead)\b"
)
_COUNTED_BEFORE = re.compile(
    r"(?:\b\d+|\b(?:" + VAGUE_ALT + r")|"
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
    r"fifty|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt|"
    r"trente|quarante|cinquante)(?:-\w+)?)\s+(?:[\w']+\s+)?$"
)
_DEATH_AFTER = re.compile(
    r"[\s'\",]*(?:[\w-]+\s+){0,3}?(?:were\s+|have\s+been\s+|ont\s+ete\s+|sont\s+)?"
    r"(?:killed|dead|died|lost\s+their\s+lives|tuee?s?|morts?|neutrali[sz]\w*|wounded|"
    r"injured|blessee?s?|abducted|"
    r"kidnapped|enlevee?s?)\b"
)
_DEFENSIVE = re.compile(
    r"\b(?:repel\w*|repulsed|fought\s+off|resisted|came\s+under|were\s+attacked|"
    r"repouss\w*|riposte\w*|ont\s+ete\s+(?:attaque|cible|pris)\w*|pris\s+a\s+partie|"
    r"a\s+ete\s+(?:attaque|cible|pris)\w*)"
)
ATTRIBUTION = re.compile(
    r"\b(?:attribu\w*|blam\w*|accus\w*|claimed|claiming|revendiqu\w*|imput\w*|"
    r"responsibility|responsabilite|suspected\s+of|soupconn\w*|mis\s+en\s+cause)\b"
)
_FACILITY_AFTER = re.compile(
    r"\s+(?:camp|base|post|outpost|position|patrol|convoy|checkpoint|barracks|detachment|"
    r"column|headquarters|station)s?\b"
)
_FACILITY_BEFORE = re.compile(
    r"\b(?:camp|base|poste|position|patrouille|convoi|caserne|detachement|unite|colonne|"
    r"brigade)\s+(?:militaire\s+)?(?:de\s+l'|de\s+la\s+|du\s+|des\s+|d')$"
)
# between an attack verb and a later mention: the mention is in another clause
_CLAUSE_BREAK = re.compile(
    r"[;:]|\bthat\b(?!\s+(?:same\s+)?(?:day|morning|evening|night|week))|"
    r"\b(?:which|while|whereas|before|after|until|que|qu'|qui|alors|tandis|avant|"
    r"apres|jusqu'a)\b"
)
_SPEAKS_AFTER = re.compile(
    r"\s+(?:[\w']+\s+){0,5}?(?:said|say|says|told|reported|recounted|described|confirmed|"
    r"(?:contacted|reached|interviewed)\s+by|"
    r"ont\s+(?:dit|raconte|rapporte|indique|declare|affirme|confirme|fait\s+etat|signale|"
    r"temoigne|explique|assure|evoque)|racontent|temoignent|confirment|joints?\s+par|"
    r"contactee?s?\s+par|a\s+(?:dit|raconte|indique|declare|confirme|fait\s+etat|temoigne))\b"
)
_NO_COMMENT_AFTER = re.compile(
    r"[\s,]*(?:\w+\s+){0,2}?(?:did\s+not|has\s+not|have\s+not|had\s+not|could\s+not|declined|"
    r"refused|n'a\s+pas|n'ont\s+pas|n'avait\s+pas|n'avaient\s+pas|"
    r"n'a\s+pu|n'ont\s+pu)\s+(?:\w+\s+)?(?:respond|reply|comment|be\s+reached|give|"
    r"reagi|repondu|commente|communique|donne|confirme|been\s+reached)"
)
# a group named as an example or an affiliation of others ("armed groups such as X",
# "groupes liés à X", "X affiliates"): it describes who is active, not who did this
_EXAMPLES_BEFORE = re.compile(
    r"\b(?:such\s+as|like|including|notably|tels?\s+que|telles?\s+que|comme|notamment|"
    r"linked\s+to|affiliated\s+(?:to|with)|lies?\s+a|liees?\s+a|affilies?\s+a|"
    r"proches?\s+d[eu'])\s+(?:the\s+|l'|la\s+|le\s+|les\s+|des\s+|du\s+)?"
    r"(?:[\w-]+\s+(?:and|et|or|ou)\s+(?:the\s+|l'|la\s+|le\s+)?)?$"
)
# an attack word as a noun ("a communiqué un bilan de l'embuscade", "mortes dans diverses
# attaques", "the toll of the attack"): the actor before it is not its author, unless a
# light verb makes it the actor's deed ("ont tendu une embuscade", "launched an attack")
_NOUN_BEFORE = re.compile(
    r"(?:\b(?:the|an?|this|that|their|its|of|in|after|during|several|un|une|l'|le|la|les|"
    r"des|de|du|d'|dans|cette|ces|cet|lors\s+d[eu']|diverses?|plusieurs|apres)\s*)$"
)
_LIGHT_VERB = re.compile(
    r"\b(?:tendu|tendent|mene|menee?s?|lance|lancee?s?|perpetre\w*|commis|launched|"
    r"carried\s+out|staged|conducted|mounted|led)\s+(?:\w+\s+)?$"
)
# an armed group after "the attack of": its author ("l'attaque des jihadistes de l'EIGS",
# "une embuscade du groupe terroriste X", "an attack by fighters of X")
_ATTACK_OF_BEFORE = re.compile(
    r"\b(?:attaques?|embuscades?|offensives?|assauts?|raids?|attacks?|ambush(?:es)?|"
    r"assaults?)\s+(?:\w+\s+)?(?:du\s+|des\s+|de\s+la\s+|de\s+l'|de\s+|d'|of\s+the\s+|of\s+|"
    r"by\s+(?:the\s+)?)" + _DESCRIPTOR + r"$"
)
# "la patrouille, appuyée par des éléments de l'Africa Corps": the side that supports the
# attacked one, not the author of the attack
_SUPPORTED_BY = re.compile(
    r"\b(?:appuyee?s?|soutenue?s?|renforcee?s?|backed|supported|reinforced|assisted)\s+"
    r"(?:par|by)\s+[\w'\s-]{0,60}$"
)
_KILLING_BEFORE = re.compile(
    r"\b(?:killing|killed|tuant|ont\s+tue|a\s+tue|leaving|left|faisant)\s+"
    r"(?:at\s+least\s+|au\s+moins\s+|some\s+|about\s+|pres\s+de\s+|environ\s+)?$"
)
_PASSIVE_BEFORE = re.compile(
    r"\b(?:was|were|been|being|is|are|ont\s+ete|a\s+ete|ete|sont|est|ete|fut|furent)\s+"
    r"(?:\w+\s+)?$"
)


@dataclass(slots=True)
class ActorMention:
    index: int  # into ActorIndex.actors; -1 generic state word, -2 unknown group
    start: int
    end: int
    generic_state: bool = False
    name: str | None = None  # an armed group the catalogue lacks, as written


UNKNOWN_GROUP = -2


@dataclass(slots=True)
class RoleMention:
    index: int | None  # None for generic state words and unknown groups
    role: str
    explicit: bool
    span: Span
    generic_state: bool = False
    name: str | None = None  # set for an armed group the catalogue lacks


class ActorIndex:
    def __init__(self, actors: list[ActorEntry]):
        self.actors = actors
        self._index: dict[str, list[tuple[tuple[str, ...], int, bool]]] = {}
        for idx, actor in enumerate(actors):
            for alias in (actor.name, *(text for text, _lang in actor.aliases)):
                toks = name_tokens(alias)
                if not toks:
                    continue
                caps = _is_acronym(alias)
                self._index.setdefault(toks[0], []).append((toks, idx, caps))
        self._generic: dict[str, list[tuple[tuple[str, ...], int, bool]]] = {}
        for word in GENERIC_STATE:
            toks = name_tokens(word)
            self._generic.setdefault(toks[0], []).append((toks, -1, word == "fds"))
        for table in (self._index, self._generic):
            for entries in table.values():
                entries.sort(key=lambda e: -len(e[0]))
        self.country_of = [self._country(a) for a in actors]

    def _country(self, actor: ActorEntry) -> str | None:
        if actor.country:
            return _country_code(actor.country)
        m = re.search(r"\(([^)]+)\)\s*$", actor.name)
        if m:
            return _country_code(m.group(1))
        if actor.kind == "state":
            folded_name = " ".join(name_tokens(actor.name))
            for code, words in COUNTRY_WORDS.items():
                if any(w in folded_name.split() for w in words) or (
                    code == "BF" and "burkina" in folded_name
                ):
                    return code
        return None

    def match(self, text: str, toks: list[Token]) -> list[ActorMention]:
        out: list[ActorMention] = []
        index, generic = self._index, self._generic
        i = 0
        while i < len(toks):
            word = toks[i].text  # most words begin no alias: skip the lookups
            hit = self._longest(index, text, toks, i) if word in index else None
            if hit:
                length, idx = hit
                out.append(ActorMention(idx, toks[i].start, toks[i + length - 1].end))
                i += length
                continue
            hit = self._longest(generic, text, toks, i) if word in generic else None
            if hit and text[toks[i + hit[0] - 1].end : toks[i + hit[0] - 1].end + 1] == "-":
                hit = None  # "military-ruled Niger", "army-backed": an adjective, no actor
            if hit:
                length, _ = hit
                out.append(ActorMention(-1, toks[i].start, toks[i + length - 1].end, True))
                i += length
                continue
            i += 1
        return out

    @staticmethod
    def _longest(
        table: dict[str, list[tuple[tuple[str, ...], int, bool]]],
        text: str,
        toks: list[Token],
        i: int,
    ) -> tuple[int, int] | None:
        for names, idx, caps in table.get(toks[i].text, ()):
            n = len(names)
            if i + n > len(toks):
                continue
            if any(toks[i + k].text != names[k] for k in range(n)):
                continue
            if toks[i + n - 1].start - toks[i].end > 3 * n:
                continue
            if caps and not text[toks[i].start : toks[i + n - 1].end].replace("-", "").isupper():
                continue
            return n, idx
        return None

    # --- roles ------------------------------------------------------------------
    def roles(
        self, text: str, folded: str, s_start: int, s_end: int, mentions: list[ActorMention]
    ) -> list[RoleMention]:
        inside = [m for m in mentions if s_start <= m.start < s_end]
        if not inside:
            return []
        escort_ranges = []
        for cue in ESCORT_CUE.finditer(folded, s_start, s_end):
            end = _CLAUSE_END.search(folded, cue.end(), s_end)
            escort_ranges.append((cue.end(), end.start() if end else s_end))
        verbs = [
            (
                v.start(),
                v.end(),
                bool(_PASSIVE_BEFORE.search(folded[max(s_start, v.start() - 25) : v.start()])),
            )
            for v in ATTACK_VERB.finditer(folded, s_start, s_end)
        ]
        deeds = [v for v in verbs if not _is_noun(folded, s_start, v[0])]
        attribution = ATTRIBUTION.search(folded, s_start, s_end) is not None
        out: list[RoleMention] = []
        for m in inside:
            if m.generic_state:
                kind = "state"
            elif m.name is not None:
                kind = "rebel"  # an armed group named by a group noun or a claim
            else:
                kind = self.actors[m.index].kind
            if kind == "civilians" and _SPEAKS_AFTER.match(folded, m.end, s_end):
                continue  # "residents said": a source, not the victims of this sentence
            span = Span(text[m.start : m.end], m.start, m.end)
            before = folded[max(s_start, m.start - 60) : m.start]
            if kind in ("rebel", "militia") and _EXAMPLES_BEFORE.search(before):
                continue  # "armed groups such as al-Qaeda": a kind of group, not this author
            role, explicit = None, True
            if any(a <= m.start < b for a, b in escort_ranges):
                role = "escort"
            elif kind == "civilians":
                role = "victim"
            elif _NO_COMMENT_AFTER.match(folded, m.end, s_end):
                pass  # "the army did not respond to a request for comment": no role here
            elif attribution and kind in ("rebel", "militia", "unidentified"):
                role = "perpetrator"
            elif (counted := _COUNTED_BEFORE.search(before)) and (
                _DEATH_AFTER.match(folded, m.end, s_end)
                or _KILLING_BEFORE.search(before[: counted.start()])
            ):
                # "thirty-two soldiers (were killed)", "killing 2 soldiers": the counted dead
                role = "target"
            elif _BY_BEFORE.search(before) and not _SUPPORTED_BY.search(before):
                role = "perpetrator"
            elif kind in ("rebel", "militia", "unidentified") and _ATTACK_OF_BEFORE.search(before):
                role = "perpetrator"  # "une attaque du groupe djihadiste Boko Haram"
            elif _AGAINST_BEFORE.search(before[-30:]):
                role = "target"
            elif _FACILITY_AFTER.match(folded, m.end, s_end) or _FACILITY_BEFORE.search(before):
                role = "target"  # "an army camp", "a gendarmerie post", "le poste de l'armee"
            else:
                defend = _DEFENSIVE.search(folded, m.end, min(s_end, m.end + 60))
                after_verbs = [v for v in deeds if v[0] >= m.end]
                if defend and (not after_verbs or defend.start() <= after_verbs[0][0]):
                    after_verbs = []
                    role = "target"  # "soldiers repelled an attack": they were attacked
                before_verbs = [v for v in verbs if v[1] <= m.start]
                if role is not None:
                    pass
                elif (
                    after_verbs
                    and not after_verbs[0][2]
                    and after_verbs[0][0] - m.end < 80
                    and ";" not in folded[m.end : after_verbs[0][0]]
                ):
                    role = "perpetrator"
                elif after_verbs and after_verbs[0][2] and after_verbs[0][0] - m.end < 60:
                    role = "target"
                elif before_verbs and not _CLAUSE_BREAK.search(
                    folded, before_verbs[-1][1], m.start
                ):
                    role = "target"
            if role is None:
                explicit = False
                role = "perpetrator" if kind in ("rebel", "militia", "unidentified") else "target"
            out.append(
                RoleMention(
                    None if m.generic_state or m.name is not None else m.index,
                    role,
                    explicit,
                    span,
                    m.generic_state,
                    m.name,
                )
            )
        return out


def _is_noun(folded: str, s_start: int, start: int) -> bool:
    """The attack word at ``start`` is a noun with no light verb making it a deed."""
    before = folded[max(s_start, start - 30) : start]
    noun = _NOUN_BEFORE.search(before)
    return bool(noun) and not _LIGHT_VERB.search(before[: noun.start()] if noun else before)


def _is_acronym(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return 2 <= len(letters) <= 6 and all(c.isupper() for c in letters) and " " not in alias


def _country_code(value: str) -> str | None:
    v = " ".join(name_tokens(value))
    if len(value) == 2 and value.isupper():
        return value
    for code, name in COUNTRY_NAMES.items():
        if v == name:
            return code
    return None


def country_code_of_place(country: str | None) -> str | None:
    return _country_code(country) if country else None
