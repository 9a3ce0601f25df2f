"""The sentence cues the engine reads: regexes over folded text (``text.fold``), each
naming a habit of real reporting. They only recognise words; what a cue means for an
incident (a report date, background, a second event) is decided where it is used:
``facts`` (per sentence), ``clustering`` (between sentences), ``one_event`` (per place).
"""

from __future__ import annotations

import re

REPORT_BEFORE = re.compile(
    r"\b(?:said|says|told|announced|reported|confirmed|stated|added|declared|updated|"
    r"released|published|issued|"
    r"a\s+(?:declare|indique|annonce|precise|affirme|confirme|ajoute|rapporte)|"
    r"ont\s+(?:declare|indique|annonce|precise|affirme|confirme)|indique|declare)"
    r"\s+(?:\w+\s+)?$"
)
COUNTED = re.compile(
    r"\b(?:(?:we|they|officials|rescuers)\s+(?:have\s+)?(?:counted|tallied|recorded)|"
    r"on\s+(?:compte|denombre|recense|a\s+compte|a\s+denombre|a\s+recense)|"
    r"(?:avons|ont|a)\s+(?:compte|denombre|recense))\b"
)
STATEMENT_NEAR = re.compile(
    r"(?:\bby\s+$|\b(?:claimed|revendiqu\w*|statement|communique|told|interview\w*|"
    r"joints?|jointes?|contacted|reached|spoke|said|declared|announced|confirmed|"
    r"a\s+declare|a\s+annonce|a\s+confirme)\b[^.;]{0,40}$)"
)
# "Ce lundi soir, l'armée a communiqué un bilan de l'embuscade de dimanche": a date whose
# own clause is a report (subject then reporting verb), before the event's date
REPORT_AFTER = re.compile(
    r"[\s,]*(?:[\w'-]+\s+){0,5}?(?:a|ont|has|have)?\s*(?:said|says|told|announced|reported|"
    r"confirmed|stated|communique|annonce|indique|declare|confirme|precise|rapporte|"
    r"affirme|publie|released|published|issued)\b"
)
SAME_DAY = re.compile(
    r"\b(?:earlier\s+(?:that|the\s+same)\s+day|that\s+same\s+day|"
    r"the\s+same\s+day|le\s+jour\s+meme|le\s+meme\s+jour|"
    r"plus\s+tot\s+dans\s+la\s+journee)\b"
)
EVENT_WORDS = re.compile(
    r"\b(?:ambush\w*|attack\w*|clash\w*|stormed|raid\w*|struck|strike|explosion|"
    r"kidnap\w*|abduct\w*|embuscade\w*|attaque\w*|affrontement\w*|assaut|frappe\w*|"
    r"enleve\w*|explos\w*|happened|occurred|took\s+place|s'est\s+produite?|a\s+eu\s+lieu|"
    r"fighting|fought|combats?|gunfire|opened\s+fire|fired\s+on|ouvert\s+le\s+feu|"
    r"tire\w*\s+sur|fait\s+irruption|burst\s+into|shot\s+dead|gunned\s+down|grenades?|"
    r"land\s*mines?|(?:a|an|une)\s+mine|ieds?|bomb\w*|drones?|took\s+away|incursions?)\b"
)
# A killing told in the passive ("un agent de sante a ete tue", "two herders were shot
# dead"): the verb implies someone who killed, named or not; ACLED files it with an
# unidentified armed group. "Died", "perished", "morts" are not here: people die of
# illness and accidents as well.
KILLED_BY_SOMEONE = re.compile(
    r"\b(?:(?:a|ont|avait|avaient)\s+ete|(?:fut|furent)|(?:was|were|has\s+been|have\s+been|"
    r"had\s+been))\s+(?:\w+\s+)?(?:tuee?s?|assassinee?s?|abattue?s?|executee?s?|egorgee?s?|"
    r"killed|murdered|assassinated|executed|beheaded|slain|shot\s+dead|gunned\s+down)\b"
)
# a death with a cause that is no one's violence: accidents, disasters, illness
NON_VIOLENT_DEATH = re.compile(
    r"\b(?:accident\w*|crash\w*|collision\w*|overturn\w*|capsiz\w*|chavir\w*|derap\w*|"
    r"floods?|flooding|inondations?|crues?|noy\w*|drown\w*|lightning|foudre|storms?|"
    r"orages?|pluies?|landslides?|eboulement\w*|effondrement\w*|collapse\w*|"
    r"maladie\w*|illness\w*|disease\w*|epidemi\w*|cholera|paludisme|malaria|"
    r"stampede\w*|bousculade\w*|electrocut\w*|elephants?|lions?|snake\w*|serpents?)\b"
)
BACKGROUND_CUE = re.compile(
    r"\b(?:last\s+year|previous(?:ly)?|earlier\s+attacks?|already|recalled|in\s+the\s+past|"
    # "had killed" recalls an earlier attack, but not an institution's reported claim
    # ("the army said it had killed 10 terrorists")
    r"(?<!\bit\s)had\s+killed|since\s+(?:19|20)\d\d|l'an\s+dernier|l'annee\s+derniere|precedente?s?|"
    r"deja|rappel\w*|depuis\s+(?:19|20)\d\d|avait\s+(?:tue|fait)|"
    r"(?:days?|weeks?|months?|jours?|semaines?|mois)\s+(?:after|apres)|comes\s+(?:\w+\s+)?after|"
    r"survient|intervient|in\s+the\s+wake\s+of|follows\s+(?:the|an)|followed\s+(?:a|an|the)\s|"
    r"recalls?|reminiscent|echoes|"
    # an earlier time named against the report's own ("earlier this year", "last June",
    # "en mars dernier"), a comparison with an earlier attack ("the worst since",
    # "surpassed only by", "remonte à"), or a list of earlier attacks ("the latest in a
    # series of attacks", "s'inscrit dans une série")
    r"earlier\s+this\s+(?:year|month)|plus\s+tot\s+(?:cette|dans\s+l')\s*annee|"
    r"last\s+(?:january|february|march|april|may|june|july|august|september|october|"
    r"november|december)|(?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|"
    r"octobre|novembre|decembre)\s+dernier|surpassed|remonte\s+a|"
    # "the deadliest in the country since", "la plus meurtrière au Burkina depuis celle de"
    r"(?:worst|deadliest|bloodiest)(?:\s+[\w'-]+){0,5}?\s+since|"
    r"(?:le|la)\s+plus\s+(?:meurtri\w+|sanglante?|grave|lourde?)(?:\s+[\w'-]+){0,5}?\s+depuis|"
    # the pluperfect of a deadly verb tells an earlier event ("celle d'Inata, qui avait
    # coûté la vie à 57 gendarmes", "an attack that had left 20 dead")
    r"(?:avai(?:en)?t|had)\s+(?:deja\s+|already\s+)?(?:coute|cause|fait|tue|killed|left|"
    r"claimed|cost)|"
    r"latest\s+in\s+a\s+(?:series|string|wave)|derniere\s+en\s+date|"
    r"s'inscrit\s+dans\s+une\s+serie|"
    # an earlier time told against the previous sentence's ("the year before", "a month
    # earlier", "l'année précédente"), or the start of a month before the news
    r"(?:reste|restent|demeure)\s+(?:\w+\s+)?present\w*\s+dans\s+les\s+(?:esprits|memoires)|"
    r"(?:still|remains?)\s+(?:\w+\s+)?(?:fresh\s+)?in\s+(?:people's\s+)?(?:minds|memories)|"
    r"apres\s+avoir\s+(?:\w+\s+)?(?:massacre|tue|attaque|assassine|enleve|execute|frappe)|"
    r"the\s+(?:year|month|week)\s+before|an?\s+(?:year|month|week)\s+(?:earlier|before)|"
    r"une?\s+(?:an|annee|mois|semaine)\s+(?:plus\s+tot|auparavant)|"
    r"(?:l'annee|le\s+mois|la\s+semaine)\s+d'avant|"
    r"(?:at\s+the\s+(?:beginning|start)\s+of|in\s+early)\s+(?:january|february|march|april|"
    r"may|june|july|august|september|october|november|december)|"
    # "après l'attaque d'un convoi la semaine dernière à X": a previous attack named
    r"(?:apres|after|following|suite\s+a)\s+(?:l'|the\s+|une?\s+|an?\s+)(?:attaque|attack|"
    r"embuscade|ambush|assaut|assault|raid|massacre|frappe|strike)[^.;]{0,60}?(?:last\s+"
    r"(?:week|month|year)|la\s+semaine\s+derniere|le\s+mois\s+dernier))\b"
)
# A comparison with an earlier attack inside a report's sentence: "L'attaque de vendredi
# est la plus meurtrière depuis celle d'Inata, qui avait coûté la vie à 57 gendarmes en
# novembre 2021", "the deadliest since an ambush in Inates that killed 71 soldiers". What
# follows the cue tells the earlier attack: it is read as a clause of its own.
COMPARISON = re.compile(
    r"\b(?:(?:the\s+)?(?:worst|deadliest|bloodiest)(?:\s+[\w'-]+){0,5}?\s+since|"
    r"(?:le|la)\s+plus\s+(?:meurtri\w+|sanglante?|grave|lourde?)(?:\s+[\w'-]+){0,5}?\s+depuis)\b"
)
# an earlier figure of the same event ("in its previous bulletin, the army had said",
# "le bilan précédent", "avait annoncé la mort de huit soldats"): a revision, not a recall
EARLIER_FIGURE = re.compile(
    r"\b(?:previous|earlier|first|initial)\s+(?:bulletin|toll|statement|report|count|figure)|"
    r"(?:bilan|communique|decompte)\s+precedent|precedent\s+(?:bilan|communique)|"
    r"had\s+(?:said|announced|reported|given)|avai(?:en)?t\s+(?:annonce|indique|fait\s+etat|"
    r"donne|avance)\b"
)
# "après avoir massacré une quarantaine de civils vendredi, ces extrémistes ont récidivé
# ce mardi", "having killed ten on Friday, they struck again on Tuesday": the earlier deed
# and the new one in one sentence; from the cue on, it is the news
STRUCK_AGAIN = re.compile(
    r"\b(?:(?:ont|a|have|has)\s+(?:de\s+nouveau\s+|encore\s+)?(?:recidive|remis\s+ca|"
    r"frappe\s+(?:a\s+nouveau|de\s+nouveau|encore))|struck\s+again|attacked\s+again|"
    r"recidive)\b"
)
HABITUAL = re.compile(
    r"\b(?:repeatedly|regularly|often|frequently|routinely|increasingly|"
    r"regulierement|souvent|frequemment|a\s+plusieurs\s+reprises|de\s+plus\s+en\s+plus)\b"
)
# A running total over a period ("since March 2012", "42 peacekeepers have been killed
# since the mission began in April 2013", "en sept ans, les violences ont fait 10.000
# morts", "so far this year"): a statistic, not an event. Its date opens no incident and
# its figure is no toll; it stays context for the incident it follows.
AGGREGATE = re.compile(
    r"\b(?:since\s+(?:the\s+(?:start|beginning)\s+of\s+)?(?:(?:january|february|march|april|"
    r"may|june|july|august|september|october|november|december)\s+)?(?:19|20)\d\d|"
    r"since\s+(?:the\s+)?\w+(?:'s)?\s+(?:mission|conflict|crisis|insurgency|war)\s+began|"
    r"depuis\s+(?:le\s+debut\s+de\s+)?(?:(?:janvier|fevrier|mars|avril|mai|juin|juillet|"
    r"aout|septembre|octobre|novembre|decembre)\s+)?(?:19|20)\d\d|"
    r"depuis\s+(?:le\s+debut\s+de\s+)?(?:l'annee|la\s+crise|le\s+conflit|la\s+guerre)|"
    r"since\s+the\s+(?:start|beginning)\s+of\s+(?:the\s+)?(?:year|conflict|crisis|war)|"
    r"so\s+far\s+this\s+year|this\s+year\s+alone|depuis\s+(?:pres\s+de\s+)?\w+\s+ans|"
    r"(?:in|over|during)\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:months|weeks)|"
    r"(?:au\s+cours\s+des|ces)\s+(?:\w+\s+)?(?:derniers\s+mois|dernieres\s+semaines)|"
    r"depuis\s+(?:le\s+debut\s+de\s+l'annee|janvier|fevrier|mars)(?!\s+\d{1,2}\b)|"
    r"(?:in|over|during)\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:years|decades?)|"
    r"en\s+(?:\w+\s+)?(?:ans|annees|decennies?)|au\s+cours\s+des\s+(?:\w+\s+)?dernieres\s+annees)\b"
)
# A report introducing a second event of its own ("une autre attaque contre le village de
# X", "in a separate attack", "une attaque similaire se déroulait au même moment"):
# a distinct incident, wherever it happened ("a new attack" in a headline is the news
# itself compared with earlier ones, not a second event). The other place may carry the
# word instead of the attack: "l'attaque dimanche matin d'une autre localité voisine",
# "an attack on another village", "another village was also attacked".
ANOTHER_EVENT = re.compile(
    r"\b(?:(?:another|a\s+(?:second|third|separate|similar)|in\s+a\s+(?:separate|second))\s+"
    r"(?:\w+\s+)?(?:attack|ambush|raid|strike|assault|incident)|"
    r"une?\s+(?:autre|deuxieme|seconde|troisieme)\s+(?:attaque|embuscade|frappe|incursion|"
    r"assaut|raid)|une?\s+(?:attaque|embuscade|frappe|incursion)\s+similaire|"
    r"(?:attaque|attack|raid|assaut|assault|incursion)s?\s+(?:[\w']+\s+){0,3}?"
    r"(?:d'une|de\s+la|du|on|of|against|contre)\s+(?:une?\s+|the\s+)?"
    r"(?:autre|another|second|deuxieme)\s+(?:\w+\s+)?"
    r"(?:localite|village|hameau|commune|town|locality|hamlet|camp|site)s?|"
    r"(?:another|une?\s+autre)\s+(?:\w+\s+)?(?:village|localite|town|hameau|locality)"
    r"(?:,?\s+[\w'-]+){0,3}?,?\s+(?:was|were|has\s+been|a\s+ete|ont\s+ete)\s+"
    r"(?:also\s+|aussi\s+|egalement\s+)?(?:attacked|raided|targeted|attaquee?s?|ciblee?s?|"
    r"prise?s?\s+pour\s+cible))\b"
)
# between a figure and its village: "people were killed in", "morts à", "in the village of"
PLACE_TOLL_GAP = re.compile(
    r"[\w\s'-]{0,40}?\b(?:in|at|a|au|dans|de)\s+(?:the\s+)?(?:(?:village|localite|hameau)s?\s+"
    r"(?:of\s+|de\s+|d')?)?|\s*(?:[\w'-]+\s+){0,4}(?:in|at|a|au|dans)\s+"
)

DAY_MONTH = re.compile(
    r"\b(?:\d{1,2}|1er|january|february|march|april|may|june|july|august|september|october|"
    r"november|december|janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|"
    r"novembre|decembre)\b"
)


VILLAGE_NOUN = re.compile(
    r"\b(?:villages?|hameaux?|hamlets?|localites?|localities|locality|campements?)\s+"
    r"(?:of\s+|de\s+|d')?(?:the\s+)?$"
)

# a sentence that goes on about what the previous one said ("Elles ont fait…",
# "Attribuées à…", "They have killed…"): it continues that sentence's context
CONTINUES = re.compile(
    r"\s*(?:[\"'(]\s*)?(?:elles?|ils|they|these|those|ces\s+(?:attaques|violences)|"
    r"celles-ci|ceux-ci|attribuee?s?|attributed|blamed|imputee?s?|most\s+of\s+them|"
    r"la\s+plupart)\b"
)


# an event introduced as new ("An attack on a military base", "une embuscade") or as
# the one already told ("the attack", "cette attaque", "l'embuscade")
EVENT_NOUN = (
    r"(?:attacks?|ambush|raid|assault|explosion|bombing|strike|attaque|embuscade|frappe|assaut)"
)
# "une attaque", "an ambush"; not the French passive "a été attaqué" (auxiliary "a")
INDEFINITE_EVENT = re.compile(r"\b(?:an?|une?)\s+(?!ete\b)(?:[\w-]+\s+){0,2}?" + EVENT_NOUN + r"\b")
ANAPHORIC_EVENT = re.compile(
    r"\b(?:the|this|that|cette|cet|l'|ce|la)\s*(?:[\w-]+\s+){0,1}?" + EVENT_NOUN + r"\b"
)

ALSO = re.compile(r"\b(?:also|aussi|egalement)\b")


# "It was the latest in a series of attacks ...", "s'inscrit dans une série": what the
# paragraph lists next are the earlier attacks of the series
SERIES = re.compile(
    r"\b(?:latest\s+in\s+a\s+(?:series|string|wave|spate)|s'inscrit\s+dans\s+une\s+serie|"
    r"derniere\s+en\s+date\s+d'une\s+serie|series\s+of\s+(?:recent\s+)?attacks)\b"
)
