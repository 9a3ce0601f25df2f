"""One drawn incident as the rows the pipeline files for it.

The pipeline (incidents.ingest.filing with auto-approval and
TOLL_AUTO_ACCEPT, as the demo runs it) leaves for each reported incident: the
articles (processed, one per reporting moment, each a source with its quoted
words), one toll revision per figure (accepted, with who said it), the actors
in their roles, and the published incident whose stored toll is what
``incidents.tolls.current_toll`` makes of those revisions — computed here by
that same function, never by a copy of the rule.

Rows are tuples of COPY text fields, in the column order of ``COLUMNS``.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import cast

from incidents.synthetic.mix import SAID_BY, Draw
from incidents.tolls import RevisionLike, current_toll

# Columns written for each table (every id taken from its table's sequence first).
COLUMNS = {
    "incidents_article": (
        "id", "url", "content_hash", "feed_id", "outlet", "title", "published_at", "language",
        "text", "status", "error", "attempts", "queued_at", "fetched_at", "processed_at",
        "created_at",
    ),
    "incidents_incident": (
        "id", "date", "date_precision", "location", "geo_precision", "location_text", "place_id",
        "route_id", "country", "admin1", "admin2", "event_type_id", "sub_event_type_id",
        "civilian_targeting", "summary", "status", "merged_into_id", "killed", "killed_low",
        "killed_high", "wounded", "killed_qualifier", "pinned_revision_id", "version",
        "created_at", "updated_at",
    ),
    "incidents_incidentactor": ("id", "incident_id", "actor_id", "role"),
    "incidents_incidentsource": ("id", "incident_id", "article_id", "quote", "created_at"),
    "incidents_tollrevision": (
        "id", "incident_id", "killed", "killed_min", "killed_max", "qualifier", "wounded",
        "civilians_killed", "soldiers_killed", "militants_killed", "said_by", "article_id",
        "quote", "reported_at", "entry_kind", "entered_by_id", "reason", "status", "review_note",
        "reviewed_by_id", "reviewed_at", "created_at",
    ),
}  # fmt: skip

NULL = r"\N"
HISTORY_REASON = "created from synthetic data (generate_incidents)"
AUTO_ACCEPTED = "accepted automatically (TOLL_AUTO_ACCEPT)"
_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_SPECIAL = re.compile(r"[\\\t\n\r]")

OUTLETS = {
    "fr": [("Studio Tamani", "studiotamani"), ("RFI", "rfi"), ("AFP", "afp"),
           ("Lefaso.net", "lefaso"), ("ActuNiger", "actuniger"), ("Le Monde", "lemonde")],
    "en": [("Reuters", "reuters"), ("AFP", "afp-en"), ("Associated Press", "apnews"),
           ("Al Jazeera", "aljazeera"), ("Xinhua", "xinhua")],
}  # fmt: skip
WHAT = {
    "en": {"battles": "Clashes", "violence-against-civilians": "Attack on civilians",
           "explosions-remote-violence": "Explosion", "strategic-developments": "Security incident",
           "protests": "Protest", "riots": "Riot"},
    "fr": {"battles": "Affrontements", "violence-against-civilians": "Attaque contre des civils",
           "explosions-remote-violence": "Explosion",
           "strategic-developments": "Incident sécuritaire", "protests": "Manifestation",
           "riots": "Émeute"},
}  # fmt: skip
QUALIFIER_WORDS = {
    "en": {"exact": "", "at_least": "at least ", "about": "about ", "up_to": "up to "},
    "fr": {"exact": "", "at_least": "au moins ", "about": "environ ", "up_to": "jusqu'à "},
}


def esc(text: str) -> str:
    """Text as a COPY field (backslash, tab and line ends escaped)."""
    return text.translate(_ESCAPES) if _SPECIAL.search(text) else text


def ts(moment: datetime) -> str:
    return moment.isoformat()


def num(value: int | None) -> str:
    return NULL if value is None else str(value)


@dataclass
class Figure:
    """A toll revision being drawn; quacks like incidents.tolls.RevisionLike."""

    pk: int
    killed: int | None
    killed_min: int | None
    killed_max: int | None
    wounded: int | None
    qualifier: str
    reported_at: datetime
    said_by: str
    status: str = "accepted"


def where_words(draw: Draw, language: str) -> tuple[str, str]:
    """(location as reported, the phrase in a sentence)."""
    name = draw.place.name
    if draw.between is not None:
        a, b = draw.between[0].name, draw.between[1].name
        text = f"between {a} and {b}" if language == "en" else f"entre {a} et {b}"
        return text, text
    if draw.geo_precision == "near":
        text = f"near {name}" if language == "en" else f"près de {name}"
        return text, text
    if draw.geo_precision == "region":
        region = draw.place.admin1 or name
        if language == "en":
            return f"{region} region", f"in the {region} region"
        return f"région de {region}", f"dans la région de {region}"
    return name, (f"in {name}" if language == "en" else f"à {name}")


def figures_for(
    draw: Draw, rng: random.Random, first_at: datetime, now: datetime
) -> list[list[Figure]]:
    """1–3 reporting moments, each with its figures (two disagreeing sources
    at the last moment now and then); the last moment's best figure is the
    draw's toll."""
    final = draw.final_killed
    moments = 1 if final == 0 and rng.random() < 0.9 else rng.choices((1, 2, 3), (58, 30, 12))[0]
    said = SAID_BY[draw.language]
    times = [first_at]
    for _ in range(moments - 1):
        times.append(times[-1] + timedelta(hours=rng.uniform(2, 48)))
    late = times[-1] - (now - timedelta(minutes=10))
    if late > timedelta(0):
        times = [t - late for t in times]
    result: list[list[Figure]] = []
    pk = 0
    for index, at in enumerate(times):
        pk += 1
        last = index == moments - 1
        if last:
            killed = final
        elif rng.random() < 0.12:
            killed = int(final * 1.3) + 1  # a first figure later revised down
        else:
            killed = int(final * (0.3 + 0.6 * (index + rng.random()) / moments))
        qualifier = rng.choices(("exact", "at_least", "about", "range"), (55, 25, 15, 5))[0]
        if not last:
            qualifier = rng.choices(("exact", "at_least", "about"), (30, 50, 20))[0]
        if killed == 0:
            qualifier = "exact"  # "no one was killed"
        low = high = None
        if qualifier == "range":
            spread = max(1, killed // 4)
            low, high = max(0, killed - spread), killed + spread
        wounded = int(killed * rng.uniform(0.3, 2)) if killed and rng.random() < 0.35 else None
        moment = [Figure(pk, killed, low, high, wounded, qualifier, at, rng.choice(said))]
        if last and final >= 3 and rng.random() < 0.07:
            pk += 1
            other = rng.choice([s for s in said if s != moment[0].said_by])
            moment.append(Figure(pk, final + rng.randint(1, max(1, final)), None, None, None,
                                 rng.choice(("exact", "at_least")), at, other))  # fmt: skip
        result.append(moment)
    return result


def claim_sentence(figure: Figure, what: str, where: str, language: str) -> str:
    words = QUALIFIER_WORDS[language]
    if figure.qualifier == "range":
        if language == "en":
            count = f"between {figure.killed_min} and {figure.killed_max}"
        else:
            count = f"entre {figure.killed_min} et {figure.killed_max}"
    else:
        count = f"{words[figure.qualifier]}{figure.killed}"
    if language == "en":
        sentence = (
            f"{count} people were killed in the {what.lower()} {where}, {figure.said_by} said."
        )
        if figure.wounded:
            sentence += f" {figure.wounded} others were wounded."
    else:
        sentence = (
            f"{count} personnes ont été tuées {where} ({what.lower()}), selon {figure.said_by}."
        )
        if figure.wounded:
            sentence += f" {figure.wounded} autres ont été blessées."
    return sentence[0].upper() + sentence[1:]


@dataclass
class Ids:
    """The lookups rows need: database ids by slug and key."""

    event_types: dict[str, int]
    sub_event_types: dict[str, int]
    actors: dict[str, int]


def moments_for(draw: Draw, rng: random.Random, now: datetime) -> list[list[Figure]]:
    """The reporting moments of the incident, the first one within 30 hours
    after noon of its day (UTC)."""
    first_at = datetime.combine(draw.day, time(12), tzinfo=UTC) + timedelta(
        minutes=rng.randrange(30 * 60)
    )
    return figures_for(draw, rng, first_at, now)


def incident_rows(
    draw: Draw,
    moments: list[list[Figure]],
    *,
    incident_id: int,
    next_ids: dict[str, Iterator[int]],
    ids: Ids,
    rng: random.Random,
    out: dict[str, list[str]],
) -> None:
    """Append the incident's rows (COPY text lines) to ``out`` by table,
    taking each row's id from ``next_ids`` (by table)."""
    language = draw.language
    revisions = [figure for moment in moments for figure in moment]
    toll = current_toll(cast(list[RevisionLike], revisions), None, reviewed_only=True)
    location_text, where = where_words(draw, language)
    what = WHAT[language][draw.event_type]
    outlets = OUTLETS[language]

    for moment in moments:
        article_id = next(next_ids["incidents_article"])
        at = moment[0].reported_at
        outlet, domain = rng.choice(outlets)
        best = moment[0]
        title = f"{what} {where}: {best.killed} {'dead' if language == 'en' else 'morts'}"
        said = [claim_sentence(f, what, where, language) for f in moment]
        sentences = [esc(sentence) for sentence in said]
        quote = " ".join(sentences)
        dateline = f"{draw.place.name}, {at:%Y-%m-%d} ({outlet}, dispatch {article_id})"
        text = f"{dateline}. {' '.join(said)}"
        said_at = ts(at)  # every figure of a moment is dated by it
        fetched = ts(at + timedelta(minutes=1))
        processed = ts(at + timedelta(minutes=2))
        out["incidents_article"].append(
            "\t".join(
                (
                    str(article_id),
                    esc(f"https://{domain}.example/{at:%Y/%m}/{draw.event_type}-{article_id}"),
                    hashlib.sha256(text.encode()).hexdigest(),
                    NULL,
                    esc(outlet),
                    esc(title),
                    said_at,
                    language,
                    esc(text),
                    "processed",
                    "",
                    "1",
                    fetched,
                    fetched,
                    processed,
                    fetched,
                )
            )
        )
        source_id = next(next_ids["incidents_incidentsource"])
        out["incidents_incidentsource"].append(
            f"{source_id}\t{incident_id}\t{article_id}\t{quote}\t{processed}"
        )
        for figure, sentence in zip(moment, sentences, strict=True):
            out["incidents_tollrevision"].append(
                "\t".join(
                    (
                        str(next(next_ids["incidents_tollrevision"])),
                        str(incident_id),
                        num(figure.killed),
                        num(figure.killed_min),
                        num(figure.killed_max),
                        figure.qualifier,
                        num(figure.wounded),
                        NULL,
                        NULL,
                        NULL,
                        esc(figure.said_by),
                        str(article_id),
                        sentence,
                        said_at,
                        "extractor",
                        NULL,
                        "",
                        "accepted",
                        AUTO_ACCEPTED,
                        NULL,
                        processed,
                        processed,
                    )
                )
            )

    for key, role in draw.actors:
        links = next_ids["incidents_incidentactor"]
        out["incidents_incidentactor"].append(
            f"{next(links)}\t{incident_id}\t{ids.actors[key]}\t{role}"
        )

    created = moments[0][0].reported_at + timedelta(minutes=2)
    updated = moments[-1][0].reported_at + timedelta(minutes=2)
    civilians = draw.event_type == "violence-against-civilians" or (
        draw.event_type == "explosions-remote-violence"
        and ("civilians", "victim") in draw.actors
        and not any(role == "target" for _, role in draw.actors)
    )
    out["incidents_incident"].append(
        "\t".join(
            (
                str(incident_id),
                draw.day.isoformat(),
                draw.date_precision,
                f"SRID=4326;POINT({draw.lon} {draw.lat})",
                draw.geo_precision,
                esc(location_text),
                str(draw.place.id),
                num(draw.route_id),
                esc(draw.place.country),
                esc(draw.place.admin1),
                esc(draw.place.admin2),
                str(ids.event_types[draw.event_type]),
                str(ids.sub_event_types[draw.sub_event_type]),
                "t" if civilians else "f",
                "",
                "published",
                NULL,
                num(toll.killed),
                num(toll.low),
                num(toll.high),
                num(toll.wounded),
                toll.qualifier,
                NULL,
                "2",
                ts(created),
                ts(updated),
            )
        )
    )
