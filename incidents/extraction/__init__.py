"""Incident extraction from news text — plain Python, no Django.

Pipeline (``engine.Extractor.extract``; steps 3-5 live in ``facts``, ``clustering``,
``building``/``parties`` and ``one_event``, the cue words in ``cues``):

1. **Normalise** (``text``): ``fold`` lower-cases and strips accents one character for
   one character, so every regex runs on folded text and offsets stay valid in the
   caller's string (evidence spans are ``text[start:end]``). Sentences are split on
   end punctuation (abbreviation-aware) and always at paragraph breaks.
2. **Mentions over the whole text**: actors from aliases (``actors``), then places from
   the gazetteer (``places``; tokens already used by an actor alias are skipped), settled
   into one candidate per name using the article's other places.
3. **Facts per sentence**: dates (``dates``; dateparser for explicit dates, written
   rules for relative ones), location expressions (between / near / N km from / region /
   unknown village), numbers (``numbers``; text2num for words) bound into toll claims
   with who said them (``figures``, ``sources``), actor roles, violence and revision cues.
   A date right after a reporting verb ("said on Saturday", "le lendemain") or in a
   toll-update sentence without event words is a *report* date, not an event date.
4. **Clusters** (one per incident): sentences before a dateline ("GAO (Sahel Wire) —")
   are headline/byline and skipped (as is a first sentence equal to the title); they are
   read only when the body yields no incident (a one-line report that is its own title)
   or when the article's single incident has no killed figure in the body (a toll given
   only in the headline). Sentences are read in order; a violent sentence
   opens the first cluster; a violent sentence with a different event date, or with a
   toll/event word at a place more than 30 km away (and not a region containing it),
   moves to the cluster with that date/place or opens a new one; other sentences join
   the current cluster. A new cluster is *background* when its date is in an earlier
   year, an earlier month at month precision, more than 60 days before publication or
   more than 14 days before the article's main incident, or its sentence has a recall
   cue ("last year", "already", "l'an dernier", "since 2012", "une semaine après
   l'attaque du…", "comes after"). Background clusters do not run past their paragraph:
   undated sentences in the next paragraph return to the main incident, and
   toll-update sentences always do.
5. **Incidents**: each cluster's best location (between > N km > near > exact > unknown
   village (anchored) > "the A–B road" > region > dateline), date (its own, else the
   main incident's, else publication with a ``date_note``), toll revisions
   (``figures.assemble``), actors with roles (generic words resolved by the incident's
   country; a state or foreign force whose role the text does not state — "the army did
   not comment" — is left out, and only a stated target/escort makes an armed opponent),
   and ACLED event type (``events.classify``); with no perpetrator named, an attack
   (other than an air strike) gets "Unidentified Armed Group (<country>)", ACLED's
   convention. Sentences describing a pattern ("villages are regularly attacked by X")
   give no roles. A cluster is dropped when it
   classifies as no event, names no armed party and has no attack-with-a-toll (sport,
   floods, hacking), is an undated, uncounted overview in a multi-incident article, or
   has neither a toll, a place nor actors; so an article with no violent incident
   gives [].

Conventions follow ``corpus/README.md`` where it states one (weekday strictly before
publication, "last week" = Thursday of the previous week, one
figure = min = max = best, the lowest of disagreeing figures), and the real corpus's
(``../shared/realcorpus/README.md``) where the two differ: "ce lundi" and English wire
copy's bare weekday on the publication's weekday are that day; the toll excludes the
perpetrator side (``attackers_killed``; ``fatalities`` = both); a night of X to Y or a
span of days gives ``date`` = the first day and ``date_latest`` = the last; no usable
date gives ``date`` null with ``date_latest`` = publication; ``date_basis`` says how the
date was reached (stated, counted from publication, a year inferred from the text when
there is no publication date, or unresolved). Each toll revision says when it was
given (``as_of``: the stated day, "before the next figure" for a figure the article
supersedes, or publication; ``moment`` groups disagreeing claims given together).
Generic jihadist words ("jihadists", "terroristes", "hommes armés") are aliases of the generic
"Unidentified Armed Group" actor in ``incidents/data/actors.json`` and resolve to
"Unidentified Armed Group (<country of the place>)"; Africa Corps has parent
"Military Forces of Russia". Qualifiers in ``to_dict`` are the public set
(exact/at_least/about/up_to/range); ``qualifier_detail`` keeps more_than/vague.

Written conventions (one rule each) are documented in the module docstrings:
numbers (vague quantities), dates (relative dates, night attacks), places (typos,
between/near), actors (generic words, roles), figures (revisions vs disagreement),
events (taxonomy order).
"""

from .engine import Extractor
from .resources import default_extractor, load_actors_json, load_places_csv, load_routes_geojson
from .types import (
    ActorEntry,
    ExtractedIncident,
    ExtractionResult,
    GazetteerPlace,
    IncidentActor,
    RouteLine,
    Span,
    TollClaim,
)

__all__ = [
    "ActorEntry",
    "ExtractedIncident",
    "ExtractionResult",
    "Extractor",
    "GazetteerPlace",
    "IncidentActor",
    "RouteLine",
    "Span",
    "TollClaim",
    "default_extractor",
    "load_actors_json",
    "load_places_csv",
    "load_routes_geojson",
]
