"""Event type and sub-type in ACLED's taxonomy, by written rules.

Cues are searched in the folded text of an incident's sentences. The first rule that
applies wins, which follows ACLED's order (higher in the list wins when tactics mix):

1. territory taken or retaken                     -> Battles / (Government regains |
                                                     Non-state actor overtakes) territory
2. armed engagement (ambush, clash, fighting, gunfire, an attack on a post/camp/convoy)
   with an armed opponent present (a state/foreign/militia actor as target or escort,
   or soldiers named)                              -> Battles / Armed clash
3. drone or air strike                             -> Explosions/Remote violence / Air/drone strike
   suicide bombing                                 -> .../ Suicide bomb
   shelling, mortars, rockets, artillery           -> .../ Shelling/artillery/missile attack
   IED, landmine, mine, explosive device           -> .../ Remote explosive/landmine/IED
   grenade                                         -> .../ Grenade
4. sexual violence                                 -> Violence against civilians / Sexual violence
   killing or attack with no armed opponent        -> Violence against civilians / Attack
   kidnapping only (no one killed)                 -> Violence against civilians /
                                                      Abduction/forced disappearance
5. looting, burning with no one killed             -> Strategic developments /
                                                      Looting/property destruction
   arrests                                         -> Strategic developments / Arrests

civilian_targeting is true for Violence against civilians, and for a remote-violence
event whose only victims are civilians; never for Battles (civilian dead still count
in the battle's toll).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .numbers import VAGUE_ALT

_C = re.compile

REGAINS = _C(
    r"\b(?:retook|recaptured|regained\s+control|reprise?\s+(?:de|du|le\s+controle)|"
    r"repris\s+(?:le\s+controle|la\s+ville)|liberated\s+the\s+town)\b"
)
OVERTAKES = _C(
    r"\b(?:(?:seized|captured)\s+(?:control\s+of\s+)?(?:the\s+|an?\s+)?(?:\w+\s+)?"
    r"(?:town|city|camp|base)|took\s+control\s+of|overran|"
    r"s'(?:est|sont)\s+empare?s?\s+d[eu']|pris\s+le\s+controle)\b"
)
ENGAGEMENT = _C(
    r"\b(?:ambush\w*|clash\w*|(?<!is\s)(?<!are\s)(?<!been\s)fighting|fought|firefight|"
    r"gunfire|gun\s+battle|"
    r"exchanged\s+fire|opened\s+fire|combat\w*|affrontements?|accrochages?|"
    r"embuscades?|echanges?\s+de\s+tirs|tirs(?!\s+(?:d'obus|de\s+(?:roquettes?|mortiers?|"
    r"missiles?)|d'artillerie))|assaut|storm(?:ed|ing)|assaulted|overran|"
    r"(?:air\s+and\s+ground|ground\s+and\s+air)\s+(?:operations?|offensives?|attacks?)|"
    r"(?:aeriennes?\s+et\s+terrestres?|terrestres?\s+et\s+aeriennes?)|"
    r"pris\s+d'assaut|came\s+under\s+(?:fire|attack)|attack(?:ed|s)?\s+(?:on\s+)?"
    r"(?:an?\s+|the\s+)?(?:\w+\s+)?(?:post|outpost|camp|base|position|convoy|patrol|"
    r"checkpoint)|"
    r"attaque\w*\s+(?:contre\s+|d[eu]\s+|de\s+la\s+|sur\s+)?(?:une?\s+|le\s+|la\s+|l')?"
    r"(?:\w+\s+)?(?:poste|camp|base|position|convoi|patrouille|checkpoint))"
)
MUTUAL = _C(
    r"\b(?:fighting|clash(?:es)?|battles?|gunfights?|firefights?|combats?|affrontements?|"
    r"accrochages?|heurts)\s+(?:\w+\s+){0,2}(?:between|opposing|entre|opposant)\s+"
    r"(?:(?:the\s+|des\s+|les\s+|l')?(?:rival|armed|rivaux|armes|jihadist|jihadistes|groupes?|"
    r"groups?|militias?|milices?|army|armee|soldiers|soldats|forces?|fighters|combattants|"
    r"rebels?|rebelles?|malian|maliennes?|burkinabe|nigerien\w*)\s*){1,3}"
)
AIR = _C(
    r"\b(?:drones?|air\s*strikes?|airstrikes?|air\s+raids?|aerial|frappes?\s+aeriennes?|"
    r"bombardements?\s+aeriens?|frappes?\s+de\s+drones?|helicopter\s+gunship|"
    r"aviation|vecteurs?\s+aeriens?)\b"
)
SUICIDE = _C(
    r"\b(?:suicide\s+(?:bomb|attack|car)\w*|kamikazes?|attentats?[\s-]suicides?|"
    r"voitures?[\s-]piegees?|vbied)\b"
)
# aircraft a state flies (not drones, which armed groups fly too): when a group attacked
# a post or a patrol, "frappes aériennes", "an aerial intervention" are the army's reply
AIRCRAFT = _C(
    r"\b(?:air\s*strikes?|airstrikes?|air\s+raids?|aerial|frappes?\s+aeriennes?|"
    r"bombardements?\s+aeriens?|helicopter\s+gunship|aviation|vecteurs?\s+aeriens?|"
    r"forces?\s+(?:terrestres\s+et\s+)?aeriennes?)\b"
)
# a takeover that the other side says it repelled is a contested claim: an armed clash
REPELLED = _C(r"\b(?:repel\w*|repulsed|fought\s+off|repouss\w*|mis\s+en\s+deroute)\b")
SHELLING = _C(
    r"\b(?:shell(?:ing|ed|s)|mortars?|rockets?|artillery|obus|roquettes?|"
    r"tirs\s+d'obus)\b"
)
IED = _C(
    r"\b(?:ieds?|improvised\s+explosive|land\s*mines?|roadside\s+bomb|explosive\s+device|"
    r"(?:hit|struck|ran\s+over|stepped\s+on)\s+an?\s+(?:\w+\s+)?mine|mine\s+(?:blast|explosion)|"
    r"engins?\s+explosifs?|eeis?|mines?\s+(?:artisanales?|anti-?personnel|antichars?)|"
    r"(?:homemade|improvised|roadside|car|parcel)\s+bombs?|bombs?\s+(?:exploded|went\s+off)|"
    r"bombes?\s+artisanales?|"
    r"saute\w*\s+sur\s+(?:une|des)\s+mines?|mines?\s+(?:ont|a)\s+explose|"
    r"explosion\s+d'une\s+mine|explosive)\b"
)
GRENADE = _C(r"\b(?:grenades?)\b")
SEXUAL = _C(r"\b(?:rape[ds]?|sexual\s+violence|viols?|violees?|violences\s+sexuelles)\b")
ABDUCT = _C(
    r"\b(?:kidnap\w*|abduct\w*|taken\s+hostage|hostages?|enleve\w*|enlevement\w*|"
    r"otages?|kidnapping|rapt|sequestre\w*|took\s+away|taken\s+away|carried\s+off|"
    r"emmene\w*|emporte\s+(?:avec\s+eux\s+)?(?:\w+\s+)?(?:otages?|personnes|passagers))\b"
)
KILLING = _C(
    r"\b(?:kill\w*|dead|deaths?|died|massacre\w*|executed|shot|attack\w*|raid\w*|"
    r"tue\w*|morts?|massacre|execute\w*|attaque\w*|assassin\w*|abattu\w*|"
    r"stormed|opened\s+fire|ouvert\s+le\s+feu|shot\s+dead|gunned\s+down|fired\s+on|neutrali\w*|"
    r"tire\w*\s+sur|fait\s+irruption|"
    r"(?:wounded|injured|blessee?s?)\s+(?:by|par)\s+(?:balles?|gunmen|gunfire|hommes\s+armes|"
    r"armed\s+men|assailants|assaillants)|blessee?s?\s+par\s+balles?)\b"
)
LOOTING = _C(
    r"\b(?:loot\w*|burn\w*|torch\w*|set\s+(?:ablaze|fire)|pillage\w*|incendi\w*|"
    r"brule\w*|destroy\w*|detrui\w*|emporte\w*|vol(?:e|es|ent)?\s+du\s+betail|"
    r"depouill\w*|stole|rustl\w*)\b"
)
ARRESTS = _C(r"\b(?:arrested|detained|arrestations?|interpelle\w*|arrete\w*)\b")
# The attacked side is armed even when no force is named (ACLED: an attack on soldiers,
# a post, a patrol or a convoy's escort is a battle). Three ways reports say so:
# counted military dead ("quatorze soldats", "several soldiers"), an attack on a military
# unit or facility ("attaque contre un détachement", "ambushed an army patrol"), or the
# unit as the one attacked ("le détachement a été la cible", "the post came under fire").
# Soldiers merely present ("troops were sent", "une source militaire") do not count.
_FORCES = (
    r"(?:soldiers?|troops|servicemen|gendarmes?|policemen|police\s+officers|peacekeepers?|"
    r"casques\s+bleus|soldats?|militaires|gardes?\s+nationaux|national\s+guardsmen)"
)
_UNIT = (
    r"(?:posts?|outposts?|camps?|bases?|patrols?|convoys?|detachments?|barracks|positions?|"
    r"checkpoints?|postes?|patrouilles?|convois?|detachements?|casernes?|brigades?|"
    r"commissariats?|garrisons?|garnisons?)"
)
_COUNT = (
    r"(?:" + VAGUE_ALT + r"|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|twenty|thirty|forty|fifty|hundred|un|une|deux|trois|quatre|"
    r"cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingt|trente|"
    r"quarante|cinquante|cent)(?:-[a-z]+)*)"
)
_MIL = r"(?:military|army|gendarmerie|police|militaires?|de\s+l'armee|des\s+fama|des\s+forces)"
MILITARY_TARGET = _C(
    rf"\b(?:\d+|{_COUNT})\s+(?:[a-z]+\s+)?{_FORCES}\b(?!\s+(?:said|say|ont\s+dit))|"
    rf"\b(?:attack\w*|assault\w*|ambush\w*|raid\w*|attaque\w*|assaut|embuscade\w*|attentats?|"
    rf"stormed|overran|targeted|visant|ciblant)\s+(?:\w+\s+){{0,4}}?"
    rf"(?:{_UNIT}\s+{_MIL}|{_MIL}\s+{_UNIT}|{_FORCES}|detachements?|detachments?)\b|"
    rf"\b(?:{_UNIT}|{_FORCES})\s+(?:[\w'-]+\s+){{0,4}}?(?:a\s+ete|ont\s+ete|was|were|came|"
    rf"have\s+been|has\s+been)\s+(?:la\s+)?(?:cible|attaque\w*|vise\w*|attacked|targeted|"
    rf"ambushed|under\s+(?:fire|attack)|pris\w*\s+(?:a\s+partie|pour\s+cible))"
)
# a violent incident at all: any of the above, or a toll
VIOLENCE = _C(
    r"\b(?:attack\w*|ambush\w*|clash\w*|kill\w*|dead|died|strike\w*|explosion|"
    r"kidnap\w*|abduct\w*|raid\w*|massacre\w*|fighting|assault\w*|gunmen|shot|"
    r"attaque\w*|embuscade\w*|affrontement\w*|tue\w*|morts?|frappe\w*|enleve\w*|"
    r"enlevement\w*|assaut|combats?|accrochage\w*|ieds?|engins?\s+explosifs?|"
    r"drones?|executed|execute\w*|incendi\w*|burn\w*|loot\w*|pillage\w*|"
    r"prise?s?\s+a\s+partie|came\s+under\s+(?:fire|attack)|repel\w*|repouss\w*|"
    r"riposte\w*|neutrali\w*|opened\s+fire|fired\s+on|ouvert\s+le\s+feu|tire\w*\s+sur|"
    r"fait\s+irruption|burst\s+into|shot\s+dead|gunned\s+down|took\s+away|taken\s+away|"
    r"grenades?|land\s*mines?|(?:a|an|une)\s+mine|engin\s+explosif|bomb\w*|"
    r"fighting|fought|stormed|storming|"
    # remote fire and seizures that may kill no one ("plusieurs tirs ont visé la ville")
    r"tirs|vise(?:nt|e|es)?\s+(?:la|le|les|un|une|des)|shell(?:ed|ing)|obus|roquettes?|"
    r"rockets?|mortars?|seized|kidnapp\w*|pillag\w*|looted|emporte\w*|"
    # demonstrations are events too (ACLED's Protests and Riots)
    r"manifestants?|protesters?|demonstrators?|emeut\w*|riot\w*)\b"
)


# demonstrations (ACLED: Protests above Riots, both above remote violence)
PROTEST = _C(
    r"\b(?:manifestants?|manifestations?|manifest(?:ent|aient|e)\s+(?:contre|pour|devant|dans)|"
    r"protesters?|protestors?|protestataires|demonstrators?|demonstrations?|"
    r"(?:street\s+)?protests?|marche\s+(?:de\s+protestation|pacifique|de\s+soutien)|"
    r"marched|sit-in)\b"
)
RIOT = _C(
    r"\b(?:emeut\w*|riot\w*|saccag\w*|vandalis\w*|jets?\s+de\s+pierres|pierres|"
    r"threw\s+(?:stones|rocks)|stone-throwing|barricad\w*|pneus\s+brules|burning\s+tyres|"
    r"affrontements?\s+avec\s+(?:les\s+)?(?:forces|policiers|gendarmes)|"
    r"clash(?:ed|es)?\s+with\s+(?:the\s+)?(?:police|security\s+forces)|"
    r"heurts|lynch\w*|vindicte\s+populaire|mob)\b"
)
FORCE_ON_PROTEST = _C(
    r"\b(?:balles\s+reelles|live\s+(?:fire|ammunition|rounds)|coups\s+de\s+feu|"
    r"shots\s+(?:were\s+)?fired|shot\s+dead|"
    r"(?:opened\s+fire|fired|tire\w*)\s+(?:on|sur)\s+(?:the\s+|les\s+)?(?:protesters|"
    r"demonstrators|crowd|manifestants|foule))\b"
)
INTERVENTION = _C(
    r"\b(?:gaz\s+lacrymogenes?|tear\s*gas|dispers\w*|arrested|interpell\w*|"
    r"arrete\w*)\b"
)
# a demonstration only announced, banned or prevented has not taken place
NO_PROTEST = _C(
    r"\b(?:interdit\w*|banned|empech\w*|prevent\w*|annul\w*|cancel\w*|"
    r"appel\w*\s+a\s+manifester|called\s+for\s+(?:a\s+)?(?:protest|demonstration)|"
    r"plans?\s+to\s+protest|prevue?s?|planned|greve|strike\s+by)\b"
)


@dataclass(frozen=True, slots=True)
class EventClass:
    event_type: str
    sub_event_type: str
    civilian_targeting: bool
    cue: tuple[int, int] | None


def classify(
    folded: str,
    ranges: list[tuple[int, int]],
    *,
    armed_opponent: bool,
    armed_perpetrator: bool,
    killed: int | None,
    state_perpetrator: bool = False,
) -> EventClass | None:
    """Classify the text of an incident's sentences (``ranges`` into ``folded``)."""

    def first(regex: re.Pattern[str]) -> tuple[int, int] | None:
        for s, e in ranges:
            m = regex.search(folded, s, e)
            if m:
                return m.start(), m.end()
        return None

    demo = _demonstration(folded, ranges, first, armed_perpetrator, killed)
    if demo is not None and not armed_opponent_named_armed(armed_opponent, armed_perpetrator):
        return demo
    cue = first(REGAINS)
    if cue:
        return EventClass("Battles", "Government regains territory", False, cue)
    cue = first(OVERTAKES)
    if cue and armed_opponent:
        if first(REPELLED):  # claimed by one side, denied by the other: a clash
            return EventClass("Battles", "Armed clash", False, cue)
        return EventClass("Battles", "Non-state actor overtakes territory", False, cue)
    mutual = first(MUTUAL)
    if mutual:  # "fighting between rival armed groups": both sides armed
        return EventClass("Battles", "Armed clash", False, mutual)
    engagement = first(ENGAGEMENT)
    remote = [
        (first(AIR), "Air/drone strike"),
        (first(SUICIDE), "Suicide bomb"),
        (first(SHELLING), "Shelling/artillery/missile attack"),
        (first(IED), "Remote explosive/landmine/IED"),
        (first(GRENADE), "Grenade"),
    ]
    remote = [(c, sub) for c, sub in remote if c]
    if (
        remote
        and remote[0][1] == "Air/drone strike"
        and armed_opponent
        and not state_perpetrator
        and (engagement or first(MILITARY_TARGET))
        and all(AIRCRAFT.match(folded, a) for a, _ in _all(AIR, folded, ranges))
    ):
        # a group attacked soldiers and the army answered from the air: the air strike
        # is the reply within a battle, not the event
        remote = remote[1:]
    direct_fire = engagement and not (
        remote and all(_only_attack(folded, c) for c in _all(ENGAGEMENT, folded, ranges))
    )
    if armed_opponent and direct_fire and (armed_perpetrator or engagement):
        return EventClass("Battles", "Armed clash", False, engagement)
    if remote:
        cue, sub = remote[0]
        return EventClass("Explosions/Remote violence", sub, not armed_opponent, cue)
    cue = first(SEXUAL)
    if cue:
        return EventClass("Violence against civilians", "Sexual violence", True, cue)
    kill_cue = first(KILLING)
    abduct = first(ABDUCT)
    if armed_opponent and (engagement or kill_cue):
        return EventClass("Battles", "Armed clash", False, engagement or kill_cue)
    if abduct and not killed:
        return EventClass(
            "Violence against civilians", "Abduction/forced disappearance", True, abduct
        )
    looting = first(LOOTING)
    if looting and not killed and kill_cue and _only_attack(folded, kill_cue):
        # "attacked the village and took the cattle", no one hurt: looting (ACLED)
        return EventClass("Strategic developments", "Looting/property destruction", False, looting)
    if kill_cue or killed:
        return EventClass("Violence against civilians", "Attack", True, kill_cue or abduct)
    cue = looting
    if cue:
        return EventClass("Strategic developments", "Looting/property destruction", False, cue)
    cue = first(ARRESTS)
    if cue:
        return EventClass("Strategic developments", "Arrests", False, cue)
    return None


def _all(
    regex: re.Pattern[str], folded: str, ranges: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for s, e in ranges for m in regex.finditer(folded, s, e)]


def _only_attack(folded: str, cue: tuple[int, int]) -> bool:
    """An 'attack on a convoy' alone does not make an IED blast a battle; ambush/fire does."""
    word = folded[cue[0] : cue[1]]
    return word.startswith(("attack", "attaque", "assaut"))


def armed_opponent_named_armed(armed_opponent: bool, armed_perpetrator: bool) -> bool:
    """Two armed sides fighting: not a demonstration, whatever the crowd did."""
    return armed_opponent and armed_perpetrator


def _demonstration(
    folded: str,
    ranges: list[tuple[int, int]],
    first: Callable[[re.Pattern[str]], tuple[int, int] | None],
    armed_perpetrator: bool,
    killed: int | None,
) -> EventClass | None:
    """Protests and riots, by ACLED's sub-types: a crowd that clashes, throws stones or
    loots is a violent demonstration; protesters killed by the security forces'
    fire is excessive force; dispersal or arrests is a protest with intervention;
    otherwise a peaceful protest. A march only called for, banned or prevented, and a
    crowd lynching someone without a demonstration (mob violence), are told apart."""
    protest = first(PROTEST)
    riot = first(RIOT)
    if protest is None:
        mob = riot is not None and folded[riot[0] : riot[1]].startswith(
            ("lynch", "vindicte", "mob")
        )
        if mob and not (armed_perpetrator and killed):
            # a crowd's violence is the event unless it answered an armed man's killing
            # ("the militiaman shot two youths, then was lynched"): that killing is it
            return EventClass("Riots", "Mob violence", False, riot)
        return None
    if first(NO_PROTEST) and not (riot or killed):
        return None
    force = first(FORCE_ON_PROTEST)
    if force is not None and killed:
        return EventClass("Protests", "Excessive force against protesters", False, force)
    if riot is not None:
        return EventClass("Riots", "Violent demonstration", False, riot)
    if killed and not armed_perpetrator:
        return EventClass("Protests", "Excessive force against protesters", False, protest)
    cue = first(INTERVENTION)
    if cue is not None:
        return EventClass("Protests", "Protest with intervention", False, cue)
    if killed or armed_perpetrator:
        return None  # a killing near a protest is not the protest itself
    return EventClass("Protests", "Peaceful protest", False, protest)
