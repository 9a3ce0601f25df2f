"""What synthetic incidents look like: the distributions, shaped on ACLED's
published Sahel series (Mali, Burkina Faso, Niger) so that queries, plans and
maps meet the skew of real data — not uniform noise.

- **Where**: around the gazetteer's places, weighted by region (the central
  Sahel — Mopti, Gao, Ménaka, Tombouctou, Burkina's Sahel/Nord/Est/Centre-Nord,
  Tillabéri — carries most events) and then by a Zipf weight per place, so a
  few hotspots gather many incidents; about 8 % on the roads between two of
  their waypoints. Geo precision as ACLED codes it: ~70 % at a named place,
  ~25 % near one (2–15 km off), ~5 % at a region's centroid.
- **When**: fifteen years to today, rising as the conflict spread (2011 ≈ 3 %
  of a 2023); dates known to the day ~90 %, the week 7 %, the month 3 %
  (middle of the week or month recorded).
- **What**: ACLED's event-type mix for the region (violence against civilians
  and battles a third each, then strategic developments, explosions,
  protests, riots), sub-types weighted within each type.
- **How many dead**: zero-inflated and heavy-tailed — a log-normal body
  (median ~3–4 for battles) with a rare Pareto tail of massacres in the
  hundreds, capped well below ``MAX_TOLL``.
- **Who**: 1–4 actors in roles suited to the type, the year and the country
  (JNIM from 2017, Wagner Group 2022–24 then Africa Corps in Mali,
  Barkhane 2014–22, VDP in Burkina from 2020…).
- **Said how**: 1–3 toll revisions, provisional figures revised (mostly
  upward), now and then two sources disagreeing at one moment ("the army
  said 9, residents 16").
"""

from __future__ import annotations

import math
import random
from bisect import bisect
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate

YEARS = 15

# Relative yearly intensity, indexed from the first year of the window back
# from today (ACLED: a few hundred events a year in 2011-12, thousands after 2019).
YEAR_SHAPE = [3, 12, 10, 9, 11, 14, 22, 38, 58, 70, 78, 95, 100, 96, 92, 90]

# Region (admin1) weights; regions not named weigh 1.
REGION_WEIGHTS = {
    ("ML", "Mopti"): 40,
    ("ML", "Gao"): 22,
    ("ML", "Tombouctou"): 18,
    ("ML", "Ménaka"): 14,
    ("ML", "Ségou"): 16,
    ("ML", "Kidal"): 8,
    ("ML", "Koulikoro"): 4,
    ("ML", "Sikasso"): 3,
    ("ML", "Kayes"): 2,
    ("BF", "Sahel"): 28,
    ("BF", "Nord"): 16,
    ("BF", "Est"): 20,
    ("BF", "Centre-Nord"): 18,
    ("BF", "Boucle du Mouhoun"): 14,
    ("BF", "Centre-Est"): 6,
    ("BF", "Cascades"): 3,
    ("BF", "Hauts-Bassins"): 3,
    ("NE", "Tillabéri"): 30,
    ("NE", "Tahoua"): 8,
    ("NE", "Diffa"): 10,
    ("NE", "Maradi"): 3,
}

# ACLED event types (slugs of incidents.EventType) and sub-types, weighted.
EVENT_MIX = {
    "violence-against-civilians": (
        34,
        {"attack": 70, "abduction-forced-disappearance": 26, "sexual-violence": 4},
    ),
    "battles": (
        33,
        {
            "armed-clash": 90,
            "government-regains-territory": 5,
            "non-state-actor-overtakes-territory": 5,
        },
    ),
    "strategic-developments": (
        12,
        {
            "looting-property-destruction": 30,
            "arrests": 18,
            "change-to-group-activity": 12,
            "disrupted-weapons-use": 14,
            "headquarters-or-base-established": 6,
            "non-violent-transfer-of-territory": 5,
            "agreement": 5,
            "other": 10,
        },
    ),
    "explosions-remote-violence": (
        11,
        {
            "remote-explosive-landmine-ied": 52,
            "air-drone-strike": 30,
            "shelling-artillery-missile-attack": 12,
            "suicide-bomb": 4,
            "grenade": 2,
            "chemical-weapon": 0,
        },
    ),
    "protests": (
        8,
        {
            "peaceful-protest": 85,
            "protest-with-intervention": 12,
            "excessive-force-against-protesters": 3,
        },
    ),
    "riots": (2, {"violent-demonstration": 60, "mob-violence": 40}),
}

# Share of incidents without deaths, and the log-normal body (mu, sigma) of
# the others; ``tail`` is the chance of a massacre drawn from the Pareto tail.
TOLL_SHAPE = {
    "battles": (0.22, 1.35, 1.05, 0.004),
    "violence-against-civilians": (0.38, 0.9, 1.0, 0.003),
    "explosions-remote-violence": (0.40, 1.0, 1.0, 0.002),
    "strategic-developments": (0.94, 0.3, 0.6, 0.0),
    "protests": (0.985, 0.2, 0.5, 0.0),
    "riots": (0.8, 0.3, 0.6, 0.0),
}
TOLL_CAP = 5_000

SAID_BY = {
    "en": ["a local official", "the army", "security sources", "residents", "an NGO", "the UN",
           "a medical source", "a local elected official", "the government"],
    "fr": ["un élu local", "l'armée", "des sources sécuritaires", "des habitants", "une ONG",
           "l'ONU", "une source médicale", "une source locale", "le gouvernement"],
}  # fmt: skip


@dataclass(frozen=True)
class Place:
    id: int
    name: str
    lon: float
    lat: float
    country_code: str
    country: str
    admin1: str
    admin2: str
    kind: str


@dataclass(frozen=True)
class Route:
    id: int
    coords: tuple[tuple[float, float], ...]
    # Waypoint places, each with its fraction along the line.
    waypoints: tuple[tuple[float, Place], ...]


@dataclass(frozen=True)
class Draw:
    """One synthetic incident before it becomes rows."""

    day: date
    date_precision: str
    lon: float
    lat: float
    geo_precision: str
    place: Place
    route_id: int | None
    between: tuple[Place, Place] | None
    event_type: str
    sub_event_type: str
    final_killed: int
    actors: tuple[tuple[str, str], ...]  # (actor key, role)
    language: str


class Weighted:
    """``pick(rng)`` draws one of ``items`` by weight, in O(log n)."""

    def __init__(self, items, weights):
        pairs = [(i, w) for i, w in zip(items, weights, strict=True) if w > 0]
        self.items = [i for i, _ in pairs]
        self.cumulative = list(accumulate(w for _, w in pairs))
        self.total = self.cumulative[-1]

    def pick(self, rng: random.Random):
        return self.items[bisect(self.cumulative, rng.random() * self.total)]


def _offset(lon: float, lat: float, km: float, bearing: float) -> tuple[float, float]:
    dlat = km / 111.32 * math.cos(bearing)
    dlon = km / (111.32 * max(math.cos(math.radians(lat)), 0.2)) * math.sin(bearing)
    return lon + dlon, lat + dlat


def _along(coords, fraction: float) -> tuple[float, float]:
    """The point at ``fraction`` of the line's length (in degrees: the roads
    are short enough for it)."""
    lengths = [math.dist(a, b) for a, b in zip(coords, coords[1:], strict=False)]
    target = fraction * sum(lengths)
    for (a, b), length in zip(zip(coords, coords[1:], strict=False), lengths, strict=True):
        if target <= length and length > 0:
            t = target / length
            return a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])
        target -= length
    return coords[-1]


class Mix:
    """Draws incidents from the distributions above over the given gazetteer,
    roads and event taxonomy."""

    def __init__(self, *, places, routes, sub_types_by_type, actor_keys, today: date, seed: int):
        self.rng = random.Random(seed)
        self.today = today
        self.start = date(today.year - YEARS, today.month, 1)
        towns = [p for p in places if p.kind != "admin1"]
        self.region_centroids = {
            (p.country_code, p.admin1): p for p in places if p.kind == "admin1"
        }
        per_region: dict[tuple[str, str], int] = {}
        for p in towns:
            per_region[(p.country_code, p.admin1)] = (
                per_region.get((p.country_code, p.admin1), 0) + 1
            )
        # Hotspots: a Zipf weight by a random rank, so a few places gather
        # many incidents, times the region's share spread over its places.
        # Ranks go preferably to places of the busier regions.
        region = [REGION_WEIGHTS.get((p.country_code, p.admin1), 1) for p in towns]
        order = sorted(range(len(towns)), key=lambda i: -region[i] * self.rng.random())
        rank = {index: position + 1 for position, index in enumerate(order)}
        self.places = Weighted(
            towns,
            [
                region[i] / per_region[(p.country_code, p.admin1)] / rank[i] ** 0.6
                for i, p in enumerate(towns)
            ],
        )
        self.routes = list(routes)
        self.types = Weighted(list(EVENT_MIX), [EVENT_MIX[t][0] for t in EVENT_MIX])
        self.sub_types = {
            slug: Weighted(
                [s for s in subs if s in sub_types_by_type.get(slug, ())],
                [w for s, w in subs.items() if s in sub_types_by_type.get(slug, ())],
            )
            for slug, (_, subs) in EVENT_MIX.items()
        }
        self.actor_keys = set(actor_keys)
        years = [self.start.year + i for i in range(YEARS + 1)]
        self.years = Weighted(years, YEAR_SHAPE[: len(years)])

    # --- when -----------------------------------------------------------------------
    def _day(self) -> tuple[date, str]:
        rng = self.rng
        while True:
            year = self.years.pick(rng)
            day = date(year, 1, 1) + timedelta(days=rng.randrange(366))
            if self.start <= day <= self.today and day.year == year:
                break
        roll = rng.random()
        if roll < 0.90:
            return day, "day"
        if roll < 0.97:
            middle = day - timedelta(days=day.weekday()) + timedelta(days=3)
            return (middle if self.start <= middle <= self.today else day), "week"
        middle = day.replace(day=15)
        return (middle if self.start <= middle <= self.today else day), "month"

    # --- where ----------------------------------------------------------------------
    def _where(self):
        rng = self.rng
        if self.routes and rng.random() < 0.08:
            route = rng.choice(self.routes)
            fraction = rng.random()
            lon, lat = _along(route.coords, fraction)
            before = [w for w in route.waypoints if w[0] <= fraction] or [route.waypoints[0]]
            after = [w for w in route.waypoints if w[0] > fraction] or [route.waypoints[-1]]
            a, b = before[-1], after[0]
            nearer = a[1] if fraction - a[0] <= b[0] - fraction else b[1]
            return lon, lat, "between", nearer, route.id, (a[1], b[1])
        place = self.places.pick(rng)
        roll = rng.random()
        if roll < 0.70:
            return place.lon, place.lat, "exact", place, None, None
        if roll < 0.95:
            lon, lat = _offset(
                place.lon, place.lat, rng.uniform(2, 15), rng.uniform(0, 2 * math.pi)
            )
            return lon, lat, "near", place, None, None
        centroid = self.region_centroids.get((place.country_code, place.admin1), place)
        return centroid.lon, centroid.lat, "region", centroid, None, None

    # --- how many -------------------------------------------------------------------
    def _killed(self, event_type: str) -> int:
        rng = self.rng
        zero, mu, sigma, tail = TOLL_SHAPE[event_type]
        if rng.random() < zero:
            return 0
        if rng.random() < tail:
            return min(TOLL_CAP, int(40 * rng.paretovariate(1.3)))
        return max(1, min(TOLL_CAP, int(rng.lognormvariate(mu, sigma))))

    # --- who ------------------------------------------------------------------------
    def _actors(self, event_type: str, sub_type: str, country: str, year: int):
        rng = self.rng
        state = {"ML": "malian-armed-forces", "BF": "burkina-faso-armed-forces"}.get(
            country, "niger-armed-forces"
        )
        unidentified = {
            "ML": "unidentified-armed-group-mali",
            "BF": "unidentified-armed-group-burkina-faso",
        }.get(country, "unidentified-armed-group-niger")
        jihadists = ["islamic-state-sahel"] if year >= 2016 else []
        if year >= 2017:
            jihadists += ["jnim"] * 3
            if country == "ML":
                jihadists += ["katiba-macina"]
            if country == "BF":
                jihadists += ["ansarul-islam"]
        else:
            jihadists += ["aqim", "ansar-dine", "mujao", "al-mourabitoune"]
        if country == "NE":
            jihadists += ["boko-haram", "iswap"]
        allies = []
        if country == "ML":
            if 2014 <= year <= 2022:
                allies.append("operation-barkhane")
            if 2013 <= year <= 2023:
                allies.append("minusma")
            if 2022 <= year <= 2024:
                allies.append("wagner-group")
            if year >= 2024:
                allies.append("africa-corps")
        elif country == "BF" and year >= 2020:
            allies.append("volunteers-for-the-defense-of-the-homeland")
        militias = {"ML": ["dan-na-ambassagou", "gatia", "dozo-militia"], "BF": ["koglweogo"]}.get(
            country, []
        )
        armed = jihadists + [unidentified] * 2 + militias

        roles: list[tuple[str, str]] = []
        if event_type == "battles":
            side = rng.choice(armed)
            if rng.random() < 0.55:
                roles += [(side, "perpetrator"), (state, "target")]
                if allies and rng.random() < 0.35:
                    roles.append((rng.choice(allies), "escort"))
            else:
                roles += [(state, "perpetrator"), (side, "target")]
            if rng.random() < 0.15:
                roles.append(("civilians", "victim"))
        elif event_type == "violence-against-civilians":
            who = rng.random()
            perpetrator = (
                state
                if who < 0.2
                else (rng.choice(allies) if allies and who < 0.3 else rng.choice(armed))
            )
            roles += [(perpetrator, "perpetrator"), ("civilians", "victim")]
            if perpetrator == state and allies and rng.random() < 0.3:
                roles.append((rng.choice(allies), "escort"))
        elif event_type == "explosions-remote-violence":
            if sub_type == "air-drone-strike":
                roles += [(state, "perpetrator"), (rng.choice(armed), "target")]
                if rng.random() < 0.2:
                    roles.append(("civilians", "victim"))
            else:
                target = state if rng.random() < 0.65 else "civilians"
                roles += [
                    (rng.choice(armed), "perpetrator"),
                    (target, "victim" if target == "civilians" else "target"),
                ]
        elif event_type == "protests":
            roles.append(("protesters", "perpetrator"))
            if sub_type != "peaceful-protest":
                roles.append(
                    (
                        {"ML": "malian-police", "BF": "burkinabe-police"}.get(
                            country, "nigerien-police"
                        ),
                        "target",
                    )
                )
        elif event_type == "riots":
            roles += [("rioters", "perpetrator"), ("civilians", "victim")]
        else:
            roles.append((rng.choice([state, *armed]), "perpetrator"))
            if rng.random() < 0.3:
                roles.append(("civilians", "victim"))
        seen, kept = set(), []
        for key, role in roles:
            if key in self.actor_keys and key not in seen:
                seen.add(key)
                kept.append((key, role))
        return tuple(kept[:4]) or ((unidentified, "perpetrator"),)

    def draw(self) -> Draw:
        rng = self.rng
        day, date_precision = self._day()
        lon, lat, geo_precision, place, route_id, between = self._where()
        event_type = self.types.pick(rng)
        sub_type = self.sub_types[event_type].pick(rng)
        return Draw(
            day=day,
            date_precision=date_precision,
            lon=round(lon, 5),
            lat=round(lat, 5),
            geo_precision=geo_precision,
            place=place,
            route_id=route_id,
            between=between,
            event_type=event_type,
            sub_event_type=sub_type,
            final_killed=self._killed(event_type),
            actors=self._actors(event_type, sub_type, place.country_code, day.year),
            language="fr" if rng.random() < 0.6 else "en",
        )
