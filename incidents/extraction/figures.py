"""Toll claims in a sentence, and their assembly into an ordered revision history.

A number is a *killed* figure when a death word binds it: after it ("32 people were
killed", "dix morts", "dozens of soldiers died", or any one-to-three-word subject with
an auxiliary: "four herders were killed", "sept personnes ont été tuées") or before it
("killing 32", "shot dead two", "left 17 dead", "the toll rose to 32", "bilan de 32
morts", "put it at 32", "ont tué jeudi trois" — dates and places between the verb and
the number are skipped); a *wounded* figure likewise with wounded/injured/blessés. A
count joined by "and" to a bound count shares its binding ("three soldiers and eleven
rebels were killed" = 14). "killed a village chief" / "un soldat a été tué" / "un agent
de santé communautaire a été tué" is one death, "un casque bleu légèrement blessé" one
wounded. A noun for the deaths binds like a verb ("la mort de huit soldats", "the deaths of
eight soldiers", "la perte de deux militaires"), as does a burial ("ont inhumé leurs 22
camarades"). The subject may carry a complement or ages ("cinq combattants du mouvement
X ont été tués", "seven people aged 20 to 40 were killed"). "Six victimes ... et quatre
autres blessés" counts the victims as dead, since the wounded are counted apart. Deaths
told as an addition ("trois gendarmes ont également été tués", "two more died", "N
wounded have since succumbed") add to the figure before them, unless the article states
that sum (then they are its part: ``_add_increments``). Headline style, a count opening
the sentence with a bare participle ("3 peacekeepers killed", "1 garde national tué et 2
blessés"), binds too; "aucune perte en vie humaine" is a toll of 0.
Not figures: negated counts ("no one was hurt", "aucun mort"), parts of another figure
("deux des blessés"), and victims with no word for death ("quatorze victimes, dont six
morts": the six is the toll). A bare number right after a source phrase in a sentence that
already states a toll ("the army said 9 were killed, local sources 16") is a claim by
that source. Numbers after "including/dont/parmi" are a breakdown, not a total; two
killed figures for different groups ("5 soldiers and 12 civilians") add up.

Revisions: claims carry a cue — *initial* ("initially", "provisional", "premier bilan")
or *update* ("rose to", "later", "the next day", "revu à la hausse", "s'est alourdi",
"selon le dernier bilan", "pour l'instant"). "Provisional"/"provisoire" alone is initial only
when a later figure follows; after the others it is one of the disagreeing figures. A
narrative "d'abord" ("ils ont d'abord tiré") is no cue.
Stage 0 is the initial claims (or cue-less claims before the first update), then one
stage per distinct updated figure in text order; a cue-less claim repeating a staged
figure joins that stage. Claims in one stage that disagree ("the army said 9, local
sources 16") make one revision of qualifier "range" by the toll rule's own
``incidents.tolls.combine_figures`` (best = the lowest figure, ACLED's conservative
convention; min/max = the spread), every claim kept under ``claims``.

As of when: every stage but the last is *superseded* by the article itself; a stage is
as of the day its sentence says the figure was given ("said on Saturday", "a déclaré
mardi": ``reported_on``, resolved by the engine never before the event), else a
superseded stage is as of "before the next figure" and the last one as of publication.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .numbers import NumberMention
from .sources import SourceMention, join_labels
from .types import Span, TollClaim

_DEATH = (
    r"killed|dead|deaths?|died|die|lives|fatalities|perished|slain|murdered|executed|"
    r"massacred|neutrali[sz]ed|bodies|morts?|tuee?s?|deces|decedee?s?|peri|"
    r"perdu\s+la\s+vie|trouve\s+la\s+mort|sans\s+vie|victimes\s+mortelles|neutralisee?s?|"
    r"abattue?s?|executee?s?|massacree?s?|assassinee?s?|fatality|"
    r"lost\s+(?:their|his|her)\s+li(?:ves|fe)|"
    # "deux militaires tombés (au combat)": the army's word for its dead, not "fell into"
    r"tombee?s?(?!\s+(?:dans|en|sous|aux\s+mains|entre|a\s+terre|d'accord))"
)
_WOUND = r"wounded|injured|injuries|hurt|blessee?s?|blessures?"
_FILLER = (
    r"(?:other|others|more|additional|people|persons?|civilians?|soldiers?|troops|"
    r"militants?|jihadists?|djihadistes?|fighters?|assailants?|attackers?|terrorists?|"
    r"passengers?|villagers?|residents?|members?|gendarmes?|police(?:men)?|officers?|"
    r"guards?|children|women|men|individuals|drivers?|traders?|civilian|malian|"
    r"armees?|armed|maliennes?|fama|nigeriennes?|burkinabes?|dogons?|peuls?|fulani|"
    r"burkinabe|nigerien|military|army|security|forces?|wagner|russian|"
    r"of|the|them|whom|and|et|de|d'|des|les|autres|autre|another|personnes?|civils?|soldats?|militaires?|"
    r"terroristes?|assaillants?|passagers?|villageois|habitants?|enfants?|femmes?|"
    r"hommes?|elements?|membres?|agents?|gardes?|policiers?|chauffeurs?|commercants?|"
    r"maliens?|burkinabes?|nigeriens?|russes?|parmi|eux|were|was|have|has|had|been|"
    r"are|ont|a|ete|sont|reportedly|also|all|reported|confirmed|dont|y|compris|"
    r"presumed|suspected|presumes?|at|least|on|spot|sur|le|coup|place|who|qui|"
    r"perdu|la|trouve|mort|in|the|attack|attaque|l'attaque|seule?|single|egalement|aussi)"
)
_INSERT = r"(?:,?\s*(?:dont|including|among\s+them|parmi\s+(?:eux|lesquels))[^,.;]{0,50},)?"
_AFTER = re.compile(
    rf"^[\s,()\"']*(?:{_FILLER}[\s,'()]+){{0,9}}?{_INSERT}[\s,()]*(?:{_FILLER}[\s,'()]+){{0,4}}?"
    rf"(?:(?P<d>{_DEATH})|(?P<w>{_WOUND}))\b"
)
# Headline style, a count opening the sentence (or a clause after a colon or dash) with a
# participle and no auxiliary: "3 peacekeepers killed in Mali", "1 garde national tué et
# 2 blessés", "Bilan : 8 soldats tués".
_HEADLINE_AFTER = re.compile(
    # the words between are the noun phrase, never a verb of its own ("Deux hommes armés
    # ont tué trois soldats": the men killed, they were not killed)
    r"\s+(?:(?!(?:a|ont|have|has|had|avait|avaient|is|are|was|were|sont|est|qui|who|that|"
    r"which|et|and)\b)[a-z'-]+\s+){1,3}?(?:(?P<d>killed|tuee?s?|dead|morts?|shot\s+dead|"
    r"abattue?s?)|"
    r"(?P<w>wounded|injured|blessee?s?))\b"
    # and the participle has no object ("Two gunmen killed three soldiers" is active)
    r"(?!\s+(?:\d|(?:an?|the|un|une|le|la|les|des|his|her|their|at\s+least|au\s+moins|some|"
    r"about|several|dozens|plusieurs|one|two|three|four|five|six|seven|eight|nine|ten|deux|"
    r"trois|quatre|cinq|sept|huit|neuf|dix)\b))"
)
# a transitive death verb after a bare auxiliary, with an object after it: active voice
_ACTIVE_KILL = re.compile(
    r"\b(?:ont|avaient|avait|have|has|had)\s+(?:tue|killed|abattu|execute|massacre|assassine|"
    r"egorge|shot\s+dead)\w*$"
)
_OBJECT = re.compile(
    r"\s+(?:\d|(?:an?|the|un|une|le|la|les|des|his|her|their|at\s+least|au\s+moins|some|"
    r"about|several|dozens|plusieurs|one|two|three|four|five|six|seven|eight|nine|ten|deux|"
    r"trois|quatre|cinq|sept|huit|neuf|dix|onze|douze|vingt|trente)\b)"
)
_HEADLINE_HEAD = re.compile(r"^\s*[\"'«]?\s*$|[:–—-]\s*[\"'«]?\s*$")
_AUX = (
    r"(?:(?:have|has|had|ont|a|avaient|avait)\s+(?:[a-z]+ly\s+|also\s+|egalement\s+|aussi\s+|"
    r"deja\s+|tous\s+|all\s+)?(?:been|ete)|were|was|are|is|sont|est|etaient|furent|ont|avaient)"
)
# "<N> <any one to three words> <auxiliary> [adverb] <death|wound word>": the subject
# of a passive or of an intransitive death verb, whatever the noun ("four herders were
# killed", "eleven rebels died", "sept personnes ont ete blessees").
# The subject may carry a complement ("cinq combattants du mouvement d'autodéfense Ganda
# Izo ont été tués", "nine peacekeepers from Chad were killed"): a preposition and up to
# four words that open no clause of their own ("where", "qui", "and").
_COMPLEMENT = (
    # the ages of those counted ("five men aged 18 to 35 were killed")
    r"(?:(?:aged|agee?s?\s+de)\s+(?:between\s+|entre\s+)?\d+(?:\s*(?:to|and|a|et|-)\s*\d+)?"
    r"(?:\s+ans)?\s+)?"
    r"(?:(?:of|from|in|de|du|des)\s+(?:(?!(?:where|when|while|who|which|that|and|ou|quand|qui|"
    r"que|et|after|apres)\b)[a-z\"][a-z'-]*\"?\s+){1,4}?)?"
)
_AFTER_GENERIC = re.compile(
    rf"^[\s,()\"']*(?:[a-z\"][a-z'-]*\"?(?:\s+|(?=,))){{0,3}}?{_COMPLEMENT}"
    rf"(?:,[^,.;:]{{1,80}},\s*)?"
    rf"(?:(?:{_AUX})\s+\"?(?:[a-z]+ly\s+|also\s+|"
    rf"reportedly\s+|egalement\s+|aussi\s+|found\s+|retrouvee?s?\s+)?"
    rf"(?:(?P<d>{_DEATH})|(?P<w>{_WOUND}))|"
    rf"(?P<d2>died|perished|succombe|peri|decede))\b"
)
# a number that is a count of victims with no word for death ("quatorze victimes",
# "12 casualties"): not a killed figure by itself (corpus/README.md)
_VICTIMS_AFTER = re.compile(
    r"^\s*(?:[a-z'-]+\s+){0,2}?(?:victims?|victimes?|casualties)\b(?!\s+mortelles)"
)
# "killed a village chief", "a soldier was killed", "un soldat a ete tue": one death,
# said with an article instead of a number
_PERSON = (
    r"(?:soldier|civilian|villager|herder|farmer|trader|driver|teacher|imam|chief|mayor|"
    r"official|gendarme|policeman|police\s+officer|officer|man|woman|child|boy|girl|"
    r"shepherd|merchant|student|nurse|doctor|passenger|guard|councillor|worker|volunteer|"
    r"soldat|civil|villageois|eleveur|berger|commercant|chauffeur|enseignant|chef|maire|"
    r"policier|homme|femme|enfant|militaire|conseiller|notable|elu|passager|garde|"
    r"volontaire|agent|marabout|pecheur|cultivateur|orpailleur|peacekeeper|casque\s+bleu|"
    r"combattant|fighter|militiaman|milicien|vdp|koglweogo|dozo|humanitarian|humanitaire|"
    r"member|membre|element|resident|habitant)"
)
# "un agent de santé communautaire a été tué": the person's complement before the verb
_PERSON_COMPLEMENT = (
    r"(?:\s+(?:de|du|des|of|from)\s+(?:(?!(?:where|who|which|that|and|qui|que|et)\b)"
    r"[a-z'-]+\s+){0,3}?[a-z'-]+)?(?:\s*,[^,.;]{1,60},)?"
)
# a death said with an intransitive verb and a bare auxiliary ("a perdu la vie", "has died"):
# never "a tué", which is the subject killing someone else
_DIED = (
    r"(?:(?:a|has|have|had)\s+)?(?:perdu\s+la\s+vie|trouve\s+la\s+mort|died|succombe|"
    r"succumbed|peri|perished|lost\s+(?:his|her)\s+life)"
)
_ONE_KILLED = re.compile(
    rf"\b(?:(?:killed|killing|shot\s+dead|gunned\s+down|executed|murdered|assassinated|"
    rf"beheaded|tue|tuant|abattu|abattant|execute|assassine|egorge)\s+"
    rf"(?:a|an|the|one|un|une|le|la|l')\s*(?:[a-z'-]+\s+){{0,2}}?{_PERSON}s?\b(?!\s+(?:and|et)\s)"
    rf"|\b(?:a|an|one|un|une)\s+(?:[a-z'-]+\s+)?{_PERSON}{_PERSON_COMPLEMENT}\s+(?:(?:{_AUX})\s+"
    rf"(?:[a-z]+ly\s+|egalement\s+|aussi\s+)?(?:{_DEATH}|shot\s+dead)|{_DIED})\b)"
)
# "un casque bleu légèrement blessé", "a soldier was wounded", "blessant un gendarme": one
# wounded, said with an article instead of a number
_ONE_WOUNDED = re.compile(
    rf"\b(?:(?:wounding|injuring|wounded|injured|blessant|blesse)\s+(?:a|an|one|un|une)\s+"
    rf"(?:[a-z'-]+\s+)?{_PERSON}\b(?!\s+(?:and|et)\s)"
    rf"|\b(?:a|an|one|un|une)\s+(?:[a-z'-]+\s+)?{_PERSON}{_PERSON_COMPLEMENT}\s+(?:(?:{_AUX})\s+)?"
    rf"(?:[a-z]+(?:ly|ment)\s+)?(?:{_WOUND})\b)"
)
# "six victimes, dont deux femmes, et quatre autres blessés": the wounded counted apart in
# the same phrase, so the victims are the dead (../shared/realcorpus/README.md, r086-3)
_WOUNDED_APART = re.compile(
    r"[^.;]{0,60}?\b(?:and|et)\s+(?:\w+\s+){1,2}?(?:autres?|other|others|more)\s+"
    r"(?:\w+\s+)?(?:blessee?s|wounded|injured)\b"
)
_PART_OF = re.compile(
    r"^\s*(?:(?:of\s+the|of\s+them|des|d'entre\s+(?:eux|elles))\s+(?:wounded|injured|dead|"
    r"victims|bodies|blessee?s|morts|victimes|tues|corps)\b|of\s+them\b|d'entre\s+(?:eux|elles)\b)"
)
_LOST_BEFORE = re.compile(r"\b(?:lost|losing|perdu|perdant)\s*$")
_MEN_AFTER = re.compile(
    r"^\s*(?:of\s+(?:its|their)\s+)?(?:men|soldiers|troops|fighters|members|officers|"
    r"hommes|soldats|militaires|elements|combattants)\b"
)
# "shot dead a trader and his son": two deaths named as two people
_TWO_KILLED = re.compile(
    rf"\b(?:killed|killing|shot\s+dead|gunned\s+down|executed|murdered|tue|tuant|abattu|"
    rf"abattant|execute|assassine)\s+(?:a|an|the|one|un|une|le|la|l')\s*(?:[a-z'-]+\s+)?"
    rf"{_PERSON}\s+(?:and|et)\s+(?:his|her|their|a|an|the|son|sa|ses|un|une|le|la)\s+"
    rf"(?:[a-z'-]+\s+)?(?:{_PERSON}|son|daughter|brother|wife|husband|father|mother|nephew|"
    rf"apprentice|companion|fils|fille|frere|epouse|mari|pere|mere|neveu|apprenti|"
    rf"compagnon)\b"
)
_NEGATED = re.compile(r"\b(?:no|not\s+a\s+single|aucune?|pas\s+une?|nobody|sans)\s*$")
_BEFORE_DEATH = re.compile(
    r"(?:\bkilling|\bkilled|\bkills?|\bclaimed\s+the\s+lives\s+of|\btoll\b[^.;]{0,40}?"
    r"(?:at|to|of|reached|hit|stood|is|was|rose|climbed|now)|\bbilan\b[^.;]{0,50}?"
    r"(?:de|d'|a|est|s'eleve|passe|porte|fait\s+etat\s+de)|\btuant|\bfaisant|\bfait|"
    r"\bput\s+(?:it|the\s+(?:death\s+)?toll|the\s+number\s+of\s+(?:dead|deaths|victims))\s+at|"
    r"\bputting\s+it\s+at|\bdeaths?\s+(?:rose|climbed|reached)\s+to|\brose\s+to|\bclimbed\s+to|"
    r"\brisen\s+to|\bincreased\s+to|\bporte\s+a|\bpasse\s+a|\bs'eleve\s+a|\bs'est\s+alourdi\s+a|"
    r"\bhausse\s+a|\brevised\s+(?:upward\s+|up\s+)?to|\bdeath\s+of|\bkilled\s+at\s+least|"
    r"\bleft|\bleaving|\blaissant|\bcoute\s+la\s+vie\s+a|\bcost\s+the\s+lives\s+of|\bbodies\s+of|\bcorps\s+(?:sans\s+vie\s+)?d[e']|"
    r"\bcadavres\s+d[e']|\bsome|\bcounted|\bcompte|\brecense|\bdenombre|"
    r"\bfigure\s+of|\bchiffre\s+de|\bneutrali[sz]\w*|\bporte\s+le\s+(?:nombre|bilan)[^.;]{0,30}a|"
    r"\bnumber\s+of\s+(?:dead|deaths|victims)\s+(?:to|at)|"
    r"\b(?:ont|a|avoir|auraient|aurait|avaient|avait)\s+(?:\w+\s+)?(?:tue|abattu|execute|massacre)|"
    r"\bshot\s+dead|\bgunned\s+down|\bshot\s+and\s+killed|\bexecuted|\bmassacred|"
    r"\bslaughtered|\bmurdered|\bbeheaded|\bkilled\s+(?:at\s+least|some|about|around)|"
    r"\babattant|\bexecutant|\bassassinant|"
    # a noun for the deaths ("la mort de huit soldats", "the deaths of eight soldiers",
    # "la perte de deux militaires", "le décès de trois civils"), a burial ("ont inhumé
    # leurs 22 camarades", "buried 12 villagers"), a present-tense verb ("le Koglweogo
    # abat deux jeunes")
    r"\bdeaths?\s+of(?:\s+the)?|\b(?:la\s+)?mort\s+d[e']|\bdeces\s+d[e']|\bperte\s+d[e']|"
    r"\b(?:buried|burying|inhume\w*|enterre\w*)\s+(?:the\s+|their\s+|its\s+|les\s+|leurs\s+|ses\s+)?|"
    r"\babat|\babattent|\btuent)"
    r"[\s\"']*(?:(?:an?\s+|the\s+|au\s+moins\s+|at\s+least\s+|some\s+|about\s+|un\s+|une\s+)?)$"
)
_BEFORE_WOUND = re.compile(
    r"(?:\bwounding|\binjuring|\bblessant|\bet\s+blesse|\band\s+wounded"
    r"|\band\s+injured|\bwounded|\binjured|\b(?:ont|a|avoir|avaient|avait)\s+(?:\w+\s+)?blesse)"
    r"\s*(?:at\s+least\s+|some\s+|about\s+|au\s+moins\s+)?$"
)
_SUCCUMBED = re.compile(
    r"\s+(?:(?:ont|a|have|has|had|later|since|then|finally|fini\s+par|ensuite|"
    r"depuis|also|egalement)\s+)*(?:succombe\w*|succumbed|died|die|perished|decede\w*|"
    r"morts?\b|passed\s+away|lost\s+their\s+lives|rendu\s+l'ame)"
)
# a feared or possible toll is speculation, not a figure (real corpus convention)
_SPECULATION = re.compile(
    r"\b(?:could|might|may|would|feared\s+to|pourrait|pourraient|risque\s+de|risquerait\s+de)"
    r"\s+(?:\w+\s+){0,3}?(?:be|reach|exceed|rise|climb|top|pass|depasser|atteindre|"
    r"s'alourdir|etre|grimper|passer)\b[^.;]{0,25}$"
)
_SOURCE_AFTER = re.compile(r"\s*(?:selon|according\s+to|d'apres|per)\b")
# Alternative figures for one count, in an apposition after it or after each other:
# "plusieurs dizaines de civils exécutés – une quarantaine, voire une centaine, selon les
# sources –", "dozens were killed (40 or even 60, residents said)": each is a figure of
# its own, given at the same moment (disagreeing, never summed: ``_joined_by_and``).
# An apposition of parts ("106 morts : 49 du côté de la CMA, 39 ...", "12 killed (5
# soldiers and 7 civilians)") is a breakdown, so an apposition number is an alternative
# only when an alternative or a source follows it ("une quarantaine, voire", "40, according
# to residents").
_APPOSITION = re.compile(r"\s*(?:[–—(]|-\s)\s*")
_ALTERNATIVE = re.compile(r"\s*,?\s*(?:voire|ou\s+meme|or\s+even|sinon|or|ou)\s+")
_ALTERNATIVE_AFTER = re.compile(
    r"\s*,?\s*(?:voire|ou\s+meme|or\s+even|sinon|or|ou|selon|according\s+to|d'apres)\b"
)


def _alternative(folded: str, kills: list[tuple[NumberMention, int]], n: NumberMention) -> bool:
    """Whether n is an alternative figure for the killed count bound just before it."""
    gap_start = kills[-1][1]
    if _ALTERNATIVE.fullmatch(folded, gap_start, n.start):
        return True  # "dix morts, voire quinze"
    return bool(
        _APPOSITION.fullmatch(folded, gap_start, n.start)
        and _ALTERNATIVE_AFTER.match(folded, n.end)
    )


_COORD_AFTER = re.compile(
    r"\s*(?:[a-z][a-z'-]*\s+){0,3}?(?:,\s*)?(?:and|et)\s+(?:de\s+|d'|a\s+|aux?\s+|of\s+)?"
)
_PEOPLE_AFTER = re.compile(r"\s+(?:[a-z'-]+\s+)?(?:people|persons|personnes|others|autres)\b")
_COORD = re.compile(r"^\s*(?:[a-z][a-z'-]*\s+){0,2}(?:and|et)\s+$")
_BREAKDOWN = re.compile(
    r"(?:\bincluding|\bamong\s+them|\bamong\s+whom|\bof\s+whom|\bdont|"
    r"\bparmi\s+(?:eux|lesquels|lesquelles|les\s+victimes)|\bnotamment|"
    r"\by\s+compris|\bmostly|\bmainly|\bin\s+particular)\s*[^.;]{0,30}$"
)
_TOLL_CONTEXT = re.compile(
    rf"\b(?:{_DEATH}|toll|bilan|killing|kills?|tuant|faisant|fait|"
    rf"neutrali\w*|claimed\s+the\s+lives|cost\s+the\s+lives|coute\s+la\s+vie|"
    rf"buried|inhume\w*|enterre\w*|abat|abattent|corps|cadavres)\b"
)
INITIAL_CUE = re.compile(
    r"\b(?:initially|initial|first\s+(?:toll|report|count|figure)|at\s+first|provisional|"
    r"preliminary|(?:earlier|previous)\s+(?:toll|figure|count)|precedent\s+bilan|"
    r"bilan\s+precedent|had\s+(?:earlier\s+)?(?:reported|said|given)|"
    # "d'abord" alone is narrative ("ils ont d'abord tiré sur des civils"): a cue only
    # with a word of reporting ("avait d'abord annoncé", "a d'abord fait état")
    r"(?:annonce|indique|fait\s+etat|evoque|parle|donne|dit|avance)\w*\s+d'abord|"
    r"d'abord\s+(?:annonce|indique|fait\s+etat|evoque|parle|donne|dit|avance)\w*|"
    r"faisait\s+etat|"
    r"initialement|provisoire|premier\s+bilan|bilan\s+initial|dans\s+un\s+premier\s+temps|"
    r"avait\s+(?:fait\s+etat|annonce|indique|evoque|donne)|au\s+lieu\s+d|instead\s+of)\b"
)
UPDATE_CUE = re.compile(
    r"\b(?:rose|risen|rising|climbed|increased|jumped|later|revised|updated|new\s+toll|"
    r"final\s+toll|has\s+since|since\s+risen|subsequently|the\s+(?:next|following)\s+day|"
    r"a\s+day\s+later|now\s+(?:stands|put|puts|says)|grew|mounted|lendemain|maintenant|"
    r"s'est\s+alourdi|alourdi|revu\s+a\s+la\s+hausse|revu|nouveau\s+bilan|bilan\s+definitif|"
    r"bilan\s+actualise|desormais|finalement|passe\s+a|porte\s+a|grimpe|augmente|"
    r"porte\s+le\s+(?:nombre|bilan)|(?:other|more)\s+bodies|d'autres\s+corps|"
    # the newest count, said as such ("selon le dernier bilan", "the latest toll", "on
    # compte pour l'instant 106 morts", "the toll so far")
    r"dernier\s+bilan|latest\s+(?:toll|figure|count|report)|pour\s+l'instant|"
    r"pour\s+le\s+moment|a\s+ce\s+stade|(?:toll|count|figure)\s+(?:so\s+far|to\s+date))\b"
)
# "provisional"/"provisoire" says a figure may change, not that it came first: it is an
# initial figure only when a later one follows it ("un bilan provisoire de 10 morts ...
# 32 morts"); after the other figures of the article it is one of them ("37 morts, selon
# la Minusma ... 25 morts selon un décompte provisoire": disagreeing, not revised)
_PROVISIONAL = re.compile(r"provisional|preliminary|provisoire")


@dataclass(slots=True)
class FigureMention:
    killed: int | None
    low: int | None
    high: int | None
    qualifier: str
    wounded: int | None
    said_by: str | None
    cue: str | None  # initial | update | provisional (until assembly) | None
    pos: int
    evidence: Span
    reported_on: date | None = None
    killed_span: tuple[int, int] | None = None
    side: str | None = None  # attackers | militants | soldiers | civilians (see _side)
    attackers: int | None = None  # the attackers' dead given with it
    breakdown: dict[str, int] = field(default_factory=dict)  # {"soldiers": 3, "civilians": 12}
    increment: bool = False  # deaths on top of a figure given before (see _INCREMENT)


def sentence_claims(
    text: str,
    folded: str,
    s_start: int,
    s_end: int,
    numbers: list[NumberMention],
    sources: list[SourceMention],
    excluded: list[tuple[int, int]],
) -> list[FigureMention]:
    """Killed/wounded claims in one sentence, in four steps: bind each number to a
    death or wound word (``_bind``), let counts joined by "and" share a binding
    (``_share_binding``), read deaths said with an article ("killed a chief",
    ``_counted_people``), then make the claims (``_kill_claims``, ``_attach_wounded``)."""
    evidence = Span(text[s_start:s_end], s_start, s_end)
    no_deaths = _NO_DEATHS.search(folded, s_start, s_end)
    none_killed = (
        [
            FigureMention(
                0,
                0,
                0,
                NO_DEATHS,
                None,
                _source_for(sources, no_deaths.start(), folded),
                None,
                no_deaths.start(),
                evidence,
            )
        ]
        if no_deaths  # "sans faire de victimes", "no casualties were reported": 0
        else []
    )
    if not _TOLL_CONTEXT.search(folded, s_start, s_end) and not re.search(
        _WOUND, folded[s_start:s_end]
    ):
        return none_killed
    if _aggregate(folded, s_start, s_end):
        return []  # "an insurgency that has killed thousands since 2012": not this event
    kills, wounds, loose = _bind(folded, s_start, s_end, numbers, sources, excluded)
    _share_binding(folded, numbers, loose, kills, wounds)
    kills.sort(key=lambda kb: kb[0].start)
    if not kills:
        kills = _counted_people(folded, s_start, s_end)
    if not kills and not wounds:
        wounds = _one_wounded(folded, s_start, s_end)
    if not kills and not wounds:
        return none_killed
    update_at = UPDATE_CUE.search(folded, s_start, s_end)
    initial_at = INITIAL_CUE.search(folded, s_start, s_end)
    claims = _kill_claims(folded, s_start, kills, sources, evidence, update_at, initial_at)
    _attach_wounded(folded, wounds, claims, sources, evidence, update_at)
    return claims


def _bind(
    folded: str,
    s_start: int,
    s_end: int,
    numbers: list[NumberMention],
    sources: list[SourceMention],
    excluded: list[tuple[int, int]],
) -> tuple[list[tuple[NumberMention, int]], list[NumberMention], list[NumberMention]]:
    """Each number of the sentence as a killed figure (with the end of its binding),
    a wounded figure, or loose (no binding yet)."""
    kills: list[tuple[NumberMention, int]] = []
    wounds: list[NumberMention] = []
    loose: list[NumberMention] = []
    for n in numbers:
        if any(n.num_start < e and s < n.end for s, e in excluded):
            continue
        if n.vague and n.best >= 1000:
            continue  # "thousands", "des milliers": a conflict's total, never one event's
        head = _without(folded, max(s_start, n.start - 70), n.start, excluded)
        tail = folded[n.end : s_end]
        if _NEGATED.search(head):
            continue  # "no one was hurt", "aucun mort"
        if _SPECULATION.search(head):
            continue  # "the toll could be as high as 60": feared, not reported (a note)
        if _PART_OF.match(tail):
            continue  # "deux des blesses", "two of the dead": a part of a figure given elsewhere
        after = _AFTER.match(tail) or (None if _unit_follows(tail) else _AFTER_GENERIC.match(tail))
        if after and _ACTIVE_KILL.search(after.group()) and _OBJECT.match(tail, after.end()):
            after = None  # "Deux hommes armés ont tué trois soldats": the men are the killers
        if (
            after is None
            and not _unit_follows(tail)
            and not (n.is_word and n.best == 1)  # "Un homme armé a tué ...": an article
            and _HEADLINE_HEAD.search(folded[max(s_start, n.start - 20) : n.start])
            and (n.start - s_start <= 20 or folded[n.start - 20 : n.start].strip()[-1:] in ":–—-")
        ):
            after = _HEADLINE_AFTER.match(tail)  # "3 peacekeepers killed in Mali attack"
        is_d = bool(after and (after.group("d") or after.groupdict().get("d2")))
        if after and after.group("w") and _SUCCUMBED.match(tail, after.end()):
            continue  # "plusieurs blesses ont succombe": deaths among the wounded, not a count
        if (
            after
            and after.group("w")
            and not (n.vague and n.qualifier == "at_least" and n.best >= 100)
            # "killed two soldiers and wounded three": the verb before binds "two"
            and not (re.search(r"\b(?:and|et)\b", after.group()) and _BEFORE_DEATH.search(head))
        ):
            wounds.append(n)
        elif _BEFORE_WOUND.search(head) and not is_d:
            wounds.append(n)
        elif is_d and after is not None:  # (is_d says there is a match after)
            kills.append((n, n.end + after.end()))
        elif _LOST_BEFORE.search(head) and _MEN_AFTER.match(tail):
            kills.append((n, n.end))  # "lost five men", "a perdu trois soldats"
        elif victims := _VICTIMS_AFTER.match(tail):
            if _WOUNDED_APART.match(tail, victims.end()):
                # "six victimes ... et quatre autres blessés": the victims are the dead
                kills.append((n, n.end + victims.end()))
            continue  # "quatorze victimes": dead and wounded together, not a toll
        elif (
            _BEFORE_DEATH.search(head)
            and not _unit_follows(tail)
            and not (n.is_word and n.best == 1 and n.qualifier == "exact")
        ):
            kills.append((n, n.end))
        elif kills and not n.vague and _bare(tail) and _source_just_before(sources, n.start):
            kills.append((n, n.end))  # "the army said 9 were killed, local sources 16"
        elif kills and not n.vague and _SOURCE_AFTER.match(tail):
            kills.append((n, n.end))  # "un mort selon les autorites, deux selon la societe civile"
        elif kills and (n.qualifier != "vague" or not n.vague) and _alternative(folded, kills, n):
            kills.append((n, n.end))  # "des dizaines de civils tués – une quarantaine, voire…"
        else:
            loose.append(n)
    return kills, wounds, loose


def _share_binding(
    folded: str,
    numbers: list[NumberMention],
    loose: list[NumberMention],
    kills: list[tuple[NumberMention, int]],
    wounds: list[NumberMention],
) -> None:
    """ "three soldiers and eleven rebels were killed": a count joined by "and" to a
    bound count shares its binding."""
    for n in loose:
        prev = max((k for k, _ in kills if k.end <= n.start), key=lambda k: k.end, default=None)
        if (
            prev is not None
            and _COORD_AFTER.fullmatch(folded, prev.end, n.start)
            and (_side(folded, n.end, n.end + 40) or _PEOPLE_AFTER.match(folded, n.end))
        ):
            # "killing three soldiers and two civilians", "la mort de trois soldats et de
            # deux civils": the count after "and" is bound by the same verb or noun
            kills.append((n, n.end))
            continue
        nxt = next((m for m in numbers if m.start >= n.end), None)
        if nxt is None or not _COORD.match(folded[n.end : nxt.start]):
            continue
        if any(k is nxt for k, _ in kills):
            kills.append((n, n.end))
        elif any(w is nxt for w in wounds):
            wounds.append(n)


def _counted_people(folded: str, s_start: int, s_end: int) -> list[tuple[NumberMention, int]]:
    """Deaths named with an article, not a number: "shot dead a trader and his son" (2),
    "killed a village chief" / "un soldat a ete tue" (1)."""
    two = _TWO_KILLED.search(folded, s_start, s_end)
    if two:
        return [(NumberMention(2, 2, 2, "exact", two.start(), two.end(), two.start()), two.end())]
    one = _ONE_KILLED.search(folded, s_start, s_end)
    if one and not _NEGATED.search(folded[max(s_start, one.start() - 20) : one.start()]):
        return [(NumberMention(1, 1, 1, "exact", one.start(), one.end(), one.start()), one.end())]
    return []


# Deaths told as an addition to a figure given before: "Trois gendarmes ont également été
# tués", "two more soldiers died", "deux autres civils ont été tués", "three wounded soldiers
# have since succumbed to their wounds". In assembly (``_add_increments``) such a count is
# added to the figure before it, unless the article already gives that sum (then it is a
# part of a total stated elsewhere: "le bilan passe à neuf morts ... six morts ... trois
# militaires ont depuis succombé").
_INCREMENT_AFTER = re.compile(r"\s+(?:other|others|more|additional|autres|supplementaires)\b")
_INCREMENT_VERB = re.compile(
    r"\b(?:also|too|as\s+well|egalement|aussi|succombe\w*|succumbed|since\s+died|"
    r"died\s+(?:of|from)\s+(?:their|his|her)\s+(?:wounds|injuries)|"
    r"morts?\s+de\s+(?:leurs|ses)\s+blessures)\b"
)


def _is_increment(folded: str, n: NumberMention, bind_end: int) -> bool:
    return bool(
        _INCREMENT_AFTER.match(folded, n.end)
        or _INCREMENT_VERB.search(folded, n.end, max(bind_end, n.end))
        or _SUCCUMBED.match(folded, max(bind_end, n.end))
    )


def _one_wounded(folded: str, s_start: int, s_end: int) -> list[NumberMention]:
    """One wounded named with an article: "un casque bleu légèrement blessé" (1)."""
    one = _ONE_WOUNDED.search(folded, s_start, s_end)
    if (
        one is None
        or _NEGATED.search(folded[max(s_start, one.start() - 20) : one.start()])
        or _SUCCUMBED.match(folded, one.end())
    ):
        return []
    return [NumberMention(1, 1, 1, "exact", one.start(), one.end(), one.start())]


def _kill_claims(
    folded: str,
    s_start: int,
    kills: list[tuple[NumberMention, int]],
    sources: list[SourceMention],
    evidence: Span,
    update_at: re.Match[str] | None,
    initial_at: re.Match[str] | None,
) -> list[FigureMention]:
    """One claim per killed figure, with its source and revision cue. Figures for
    different groups joined by "and" add up ("5 soldiers and 12 civilians" = 17),
    except the attackers' dead, which are kept apart (``attackers``)."""
    claims: list[FigureMention] = []
    for n, bind_end in kills:
        if _BREAKDOWN.search(folded[max(s_start, n.start - 45) : n.start]) and (
            claims or any(k.start < n.start for k, _ in kills)
        ):
            continue
        src = _source_for(sources, n.start, folded)
        cue = _cue(n, kills, update_at, initial_at)
        side = _side(folded, n.end, max(bind_end, n.end + 40))
        prev = claims[-1] if claims else None
        if (
            prev
            and prev.cue == cue
            and prev.said_by == src
            and prev.killed is not None
            and _joined_by_and(folded, prev.pos, n.start)
        ):
            if side in ATTACKER_SIDES and prev.side not in ATTACKER_SIDES:
                prev.attackers = (prev.attackers or 0) + n.best
                continue
            if prev.side in ATTACKER_SIDES and side not in ATTACKER_SIDES:
                # "four attackers and three soldiers were killed": the soldiers are the toll
                prev.attackers, prev.killed, prev.low, prev.high = prev.killed, 0, 0, 0
                prev.side = side
            prev.breakdown = _add_side(
                prev.breakdown or _side_count(prev.side, prev.killed), side, n.best
            )
            prev.killed += n.best
            prev.low = (prev.low or 0) + n.low
            prev.high = None if prev.high is None or n.high is None else prev.high + n.high
            continue
        claims.append(
            FigureMention(
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
                side=side,
                increment=_is_increment(folded, n, bind_end),
            )
        )
    return claims


def _cue(
    n: NumberMention,
    kills: list[tuple[NumberMention, int]],
    update_at: re.Match[str] | None,
    initial_at: re.Match[str] | None,
) -> str | None:
    """initial | update | None for a figure, from the sentence's revision cues."""
    cue = None
    if update_at and (n.start > update_at.start() or not initial_at):
        cue = "update"
    if initial_at and (not update_at or n.start < update_at.start()):
        cue = PROVISIONAL if _PROVISIONAL.fullmatch(initial_at.group()) else "initial"
    if (
        update_at
        and not initial_at
        and n.start < update_at.start()
        and any(k.start > update_at.start() for k, _ in kills)
    ):
        cue = "initial"  # "10 dead ... the toll later rose to 32"
    return cue


def _attach_wounded(
    folded: str,
    wounds: list[NumberMention],
    claims: list[FigureMention],
    sources: list[SourceMention],
    evidence: Span,
    update_at: re.Match[str] | None,
) -> None:
    """A wounded figure goes with the killed figure before it (or the first one); with
    none, it is a claim of its own. A vague word is no wounded figure (``numbers.VAGUE``:
    "de nombreux blessés", "several wounded" are left out); alone, it still tells the
    outcome: wounded and no death reported (killed 0, like "sans faire de victimes")."""
    for w in wounds:
        if w.qualifier == "vague":
            if not claims:
                src = _source_for(sources, w.start, folded)
                claims.append(FigureMention(0, 0, 0, NO_DEATHS, None, src, None, w.start, evidence))
            continue
        target = None
        for c in claims:
            if c.pos < w.start:
                target = c
        target = target or (claims[0] if claims else None)
        if target is not None and target.wounded is None:
            target.wounded = w.best
        elif target is None:
            claims.append(
                FigureMention(
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


# --- sides: whose dead a figure counts -----------------------------------------------
# Toll rule (the real corpus's convention, ../shared/realcorpus/README.md): the toll
# counts everyone killed except the perpetrator side; the attackers' dead are kept apart
# as ``attackers_killed`` (ACLED's fatality total is the sum; ``fatalities`` in the
# output). "Assailants/attackers" are the attacking side by definition.
# "Terrorists/militants/jihadistes" are the attackers only when the incident also counts
# soldiers' or civilians' dead; alone (an army raid, an air strike, or beside an
# unspecified "16 dead") they are the toll, or one of disagreeing figures. Soldiers' and
# civilians' figures are kept as a breakdown.
_ATTACKER_NOUN = re.compile(
    r"^[\s,\"]*(?:[a-z'-]+\s+){0,2}?\"?(?:attackers?|assailants?|assaillants?|attaquants?|"
    r"raiders?|agresseurs?)\b"
)
_MILITANT_NOUN = re.compile(
    r"^[\s,\"]*(?:[a-z'-]+\s+){0,2}?\"?(?:terrorists?|terroristes?|jihadists?|jihadistes?|"
    r"djihadistes?|militants?|insurgents?|insurges?|islamists?|islamistes?|"
    r"extremists?|extremistes?|bandits?|hors-la-loi|combattants?\s+(?:jihadistes|islamistes))\b"
)
_SOLDIER_NOUN = re.compile(
    r"^[\s,\"]*(?:[a-z'-]+\s+){0,2}?\"?(?:soldiers?|troops|servicemen|gendarmes?|police\w*|"
    r"peacekeepers?|casques\s+bleus|soldats?|militaires?|guards?|gardes?|officers?|"
    r"policiers?|vdp|volontaires|supplet\w+|koglweogo|dozos?|members\s+of\s+the\s+"
    r"(?:security|armed)\s+forces|elements\s+des\s+forces)\b"
)
_CIVILIAN_NOUN = re.compile(
    r"^[\s,\"]*(?:[a-z'-]+\s+){0,2}?\"?(?:civilians?|civils?|villagers?|villageois|residents?|"
    r"habitants?|passengers?|passagers?|women|femmes|children|enfants|herders?|eleveurs?|"
    r"farmers?|cultivateurs?|agriculteurs?|traders?|commercants?|worshippers|fideles|"
    r"miners?|orpailleurs?|displaced|deplaces|students?|eleves|pupils)\b"
)
ATTACKER_SIDES = ("attackers", "militants")
PROVISIONAL = "provisional"  # a weak initial cue; see _PROVISIONAL
NO_DEATHS = "none"  # the qualifier of "sans faire de victimes": an outcome, not a figure


def _side(folded: str, start: int, end: int) -> str | None:
    """Whose dead a figure counts, from the noun after it."""
    tail = folded[start:end]
    for side, noun in (
        ("attackers", _ATTACKER_NOUN),
        ("militants", _MILITANT_NOUN),
        ("soldiers", _SOLDIER_NOUN),
        ("civilians", _CIVILIAN_NOUN),
    ):
        if noun.match(tail):
            return side
    return None


def _side_count(side: str | None, n: int | None) -> dict[str, int]:
    return {side: n} if side in ("soldiers", "civilians") and n is not None else {}


def _add_side(breakdown: dict[str, int], side: str | None, n: int) -> dict[str, int]:
    out = dict(breakdown)
    if side in ("soldiers", "civilians"):
        out[side] = out.get(side, 0) + n
    return out


# --- figures that are not one event's toll ---------------------------------------------
# A total over a period ("since 2012", "over the past decade", "a seven-year uprising",
# "en moins de deux semaines", "depuis le début de l'année") sums many events; unless the
# sentence singles out this one ("the deadliest attack since 2012").
_AGGREGATE = re.compile(
    r"\b(?:since\s+(?:19|20)\d\d|depuis\s+(?:19|20)\d\d|"
    r"(?:over|in|during)\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:years?|decades?)|"
    r"\w+-year(?:-old)?\s+(?:insurgency|uprising|conflict|war|rebellion|campaign|crisis)|"
    r"depuis\s+(?:le\s+debut\s+de\s+l'annee|des\s+annees|plusieurs\s+annees|"
    r"le\s+debut\s+de\s+la\s+crise)|ces\s+dernieres\s+annees|"
    r"en\s+moins\s+de\s+(?:\w+\s+)?(?:semaines|mois|ans)|"
    r"(?:en|in|over)\s+(?:l'espace\s+de\s+|the\s+space\s+of\s+)?(?:\w+\s+)?"
    r"(?:ans|annees|years|decennies|decades)|"
    r"(?:dans|in)\s+(?:plusieurs|diverses|differentes|several|various|separate|multiple|"
    r"a\s+series\s+of|une\s+serie\s+d')\s*(?:attaques|raids|attacks|incidents)|"
    r"so\s+far\s+this\s+year|since\s+the\s+start\s+of\s+the\s+year|"
    r"since\s+(?:the\s+)?(?:january|february|march|april|may|june|july|august|september|"
    r"october|november|december)|depuis\s+(?:janvier|fevrier|mars|avril|mai|juin|juillet|"
    r"aout|septembre|octobre|novembre|decembre))\b"
)
_SINGLED_OUT = re.compile(
    r"\b(?:deadliest|worst|most\s+(?:serious|deadly)|plus\s+meurtri\w*|plus\s+lourd\w*|"
    r"plus\s+grave\w*|first\s+(?:attack|time)|premiere?\s+(?:attaque|fois))\b"
)
_NO_DEATHS = re.compile(
    r"\b(?:sans\s+faire\s+de\s+(?:victimes?|morts?)|"
    r"(?:n'a|n'ont|n'avait|n'aurait)\s+fait\s+(?:aucune\s+victime|aucun\s+mort|de\s+victimes?)|"
    r"aucune\s+victime|aucun\s+mort|pas\s+de\s+(?:victimes?|morts?)|"
    r"no\s+(?:casualties|deaths|fatalities|one\s+was\s+(?:killed|hurt|injured))|"
    r"(?:aucune|pas\s+de)\s+pertes?\s+en\s+vies?\s+humaines?|no\s+loss\s+of\s+(?:human\s+)?life|"
    r"without\s+(?:casualties|causing\s+(?:any\s+)?casualties)|nobody\s+was\s+(?:killed|hurt))\b"
)


def _aggregate(folded: str, start: int, end: int) -> bool:
    return bool(_AGGREGATE.search(folded, start, end)) and not _SINGLED_OUT.search(
        folded, start, end
    )


def _without(folded: str, start: int, end: int, excluded: list[tuple[int, int]]) -> str:
    """folded[start:end] with date and location spans cut out, so that "ont tue jeudi
    trois gendarmes" binds the verb to the number across the date."""
    out, pos = [], start
    for s, e in sorted(excluded):
        if e <= pos or s >= end:
            continue
        out.append(folded[pos : max(pos, s)])
        pos = max(pos, e)
    out.append(folded[pos:end])
    return re.sub(r"\s{2,}", " ", "".join(out))


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
            r"\b(?:said|selon|according|while|whereas|alors|tandis|but|mais|voire|or|ou|"
            r"sinon)\b|[–—(]",
            between,
        )
    )


# --- assembly ------------------------------------------------------------------------
_SPECIFIC = {"exact": 0, "range": 1, "about": 2, "at_least": 3, "up_to": 4}


def assemble(claims: list[FigureMention], text: str) -> list[TollClaim]:
    """Ordered toll revisions from the claims of one incident (text order)."""
    claims = [c for c in claims if c.qualifier != NO_DEATHS]
    for c in claims:
        if c.cue == PROVISIONAL:
            later = any(
                o.pos > c.pos and o.killed is not None and o.side not in ATTACKER_SIDES
                for o in claims
                if o is not c
            )
            c.cue = "initial" if later else None
    attackers = _set_apart_attackers(claims)
    kill_claims = _without_parts(
        _add_increments(_precise_over_vague([c for c in claims if c.killed is not None]))
    )
    wound_only = [c for c in claims if c.killed is None]
    if not kill_claims:
        if attackers:
            # only the attackers died: the toll is 0, their dead apart (corpus/README.md)
            c = attackers[-1]
            wounded = next((w.wounded for w in reversed(wound_only) if w.wounded), None)
            rev = TollClaim(0, 0, 0, "exact", wounded, c.said_by, c.reported_on, c.evidence)
            rev.attackers_killed = _attackers_of(attackers)
            return [rev]
        if wound_only:
            # only wounded: a wounded figure, no killed one (the incident's killed reads 0)
            c = wound_only[-1]
            return [
                TollClaim(
                    None, None, None, "exact", c.wounded, c.said_by, c.reported_on, c.evidence
                )
            ]
        return []
    stages: list[list[FigureMention]] = []
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
    pending: list[FigureMention] = []
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
    revisions = [rev for index, st in enumerate(stages) for rev in _moment(st, index)]
    if attackers and revisions[-1].attackers_killed is None:
        revisions[-1].attackers_killed = _attackers_of(attackers)
    last = revisions[-1].moment
    for rev in revisions:
        rev.superseded = rev.moment < last
        if rev.reported_on is not None:
            rev.as_of_basis = "stated"
        elif rev.superseded:
            rev.as_of_basis = "before_next_figure"
    for c in wound_only:
        for rev in reversed(revisions):
            if rev.wounded is None:
                rev.wounded = c.wounded
                break
    return revisions


def _set_apart_attackers(claims: list[FigureMention]) -> list[FigureMention]:
    """Take the attackers' dead out of the toll (the sides rule above); returns the
    claims that counted only them. Their figure stays on the claims as ``attackers``."""
    others = any(c.killed is not None and c.side in ("soldiers", "civilians") for c in claims)
    apart = []
    for c in claims:
        if c.killed is not None and (c.side == "attackers" or (c.side == "militants" and others)):
            c.attackers = (c.attackers or 0) + c.killed
            c.killed = c.low = c.high = None
            apart.append(c)
    for c in apart:
        claims.remove(c)
    return apart


def _attackers_of(apart: list[FigureMention]) -> int | None:
    return max((c.attackers for c in apart if c.attackers is not None), default=None)


def _add_increments(claims: list[FigureMention]) -> list[FigureMention]:
    """The increment rule (``_INCREMENT_AFTER`` above): "a fait six morts parmi les VDP.
    Trois gendarmes ont également été tués" is 9; beside a stated total that equals the
    sum, the increment is that total's part and drops out."""
    out: list[FigureMention] = []
    for c in sorted(claims, key=lambda c: c.pos):
        prev = out[-1] if out else None
        if (
            not c.increment
            or prev is None
            or prev.killed is None
            or c.killed is None
            or prev.evidence.start == c.evidence.start  # one sentence: "and" joins (above)
        ):
            out.append(c)
            continue
        total = prev.killed + c.killed
        if any(o.killed == total for o in claims):
            if prev.cue is None:
                out.append(c)  # parts of a total given before them (``_without_parts``)
            continue
        prev.breakdown = _add_side(
            prev.breakdown or _side_count(prev.side, prev.killed), c.side, c.killed
        )
        prev.killed = total
        prev.low = (prev.low or 0) + (c.low or 0)
        prev.high = None if prev.high is None or c.high is None else prev.high + c.high
    return out


def _precise_over_vague(claims: list[FigureMention]) -> list[FigureMention]:
    """A vague word ("many were killed", "des dizaines de morts") is ACLED's fixed
    value only when no number is given: beside a figure it is colour, not a claim."""
    if any(c.qualifier != "vague" for c in claims):
        return [c for c in claims if c.qualifier != "vague"]
    return claims


def _without_parts(claims: list[FigureMention]) -> list[FigureMention]:
    """Figures that add up to a total the article gave before them are its parts
    ("22 villagers were killed … 15 at the ceremony … seven others nearby"), not
    disagreeing or revised tolls."""
    plain = [c for c in claims if c.cue is None]
    for i, total in enumerate(plain):
        if total.killed is None:
            continue
        later = plain[i + 1 :]
        for j in range(len(later)):
            run, acc = [], 0
            for c in later[j:]:
                if c.killed is None or c.killed >= total.killed:
                    break
                run.append(c)
                acc += c.killed
                if acc >= total.killed:
                    break
            if len(run) >= 2 and acc == total.killed:
                return [c for c in claims if all(c is not p for p in run)]
    return claims


def _moment(stage: list[FigureMention], moment: int) -> list[TollClaim]:
    """One stage of the history: one revision per distinct figure, in the order the
    article gives them, all at the same ``moment``. Figures that disagree at one moment
    ("the army said 9, residents 16") stay separate claims; the incident's current toll
    combines them by the toll rule (``incidents.tolls.combine_figures``)."""
    stage = sorted(stage, key=lambda c: c.pos)
    reported = next((c.reported_on for c in stage if c.reported_on), None)
    by_value: dict[int | None, list[FigureMention]] = {}
    for c in stage:
        by_value.setdefault(c.killed, []).append(c)
    out = []
    for same in by_value.values():
        best = min(same, key=lambda c: _SPECIFIC.get(c.qualifier, 5))
        lows = [c.low for c in same if c.low is not None]
        lead = next((c for c in same if c.cue), same[0])
        out.append(
            TollClaim(
                best.killed,
                best.low if best.low is not None else min(lows, default=None),
                best.high,
                best.qualifier,
                next((c.wounded for c in reversed(same) if c.wounded is not None), None),
                join_labels([c.said_by for c in same]),
                reported,
                lead.evidence,
                attackers_killed=next((c.attackers for c in same if c.attackers is not None), None),
                breakdown=next((c.breakdown for c in same if c.breakdown), {})
                or _side_count(best.side, best.killed),
                moment=moment,
            )
        )
    return out
