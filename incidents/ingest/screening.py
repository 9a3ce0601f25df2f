"""The validation gate between the extraction engine and the database.

What the engine read from an article is checked against the same limits as
every other path (incidents.validators): an incident date before 1989, in
the future or after the article's publication, and a toll figure over
MAX_TOLL are dropped from the proposal, each with its reason in the
proposal's ``problems``. A proposal with problems goes to the review queue
(never auto-approved), where the editor sees why a field is empty.

The gate takes the typed proposal (``IncidentProposal``, read once from the
engine's JSON) and hands filing a typed proposal back: it decides on the typed
date and toll points, then writes the same drops into the proposal's stored
JSON form, so what a candidate stores (and an editor reads) is what filing saw.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from types import MappingProxyType
from typing import Any

from incidents.extraction.proposal import Figure, IncidentProposal, TollPoint
from incidents.validators import incident_date_problem, toll_problem

TOLL_FIELDS = ("killed", "killed_min", "killed_max", "wounded")


@dataclass(frozen=True, slots=True)
class _Kept:
    """One toll point that passed: its index among the stored revisions and the indices
    of the figures kept (``None``: the revision is its own single figure)."""

    revision: int
    claims: tuple[int, ...] | None


def screen_proposal(proposal: IncidentProposal, *, published: datetime | None) -> IncidentProposal:
    """The proposal without the figures that cannot be right, and why:

    1. a date outside the dates we record, or after publication, is dropped;
    2. a figure (killed, its range) that cannot be right is dropped from its toll point;
       a point with no figure left, or with an impossible wounded count, is dropped;
    3. the current toll the stored form states (``killed``, ``wounded``...) is dropped
       when it cannot be right, or when a point of the latest moment it was computed
       from was dropped."""
    problems = list(proposal.problems)
    date = proposal.date
    if date is not None:
        problem = incident_date_problem(date, published=published)
        if problem:
            problems.append(f"date dropped: {problem}")
            date = None
    points: list[TollPoint] = []
    kept: list[_Kept] = []
    dropped_moments: set[int] = set()
    # the points are the stored revisions in order, one each (IncidentProposal.from_json)
    stored = _revisions(proposal.json)
    for index, point in enumerate(proposal.tolls):
        own_claims = index < len(stored) and bool(stored[index].get("claims"))
        figures, found = _screen_figures(point.figures)
        wounded_wrong = _problems({"wounded": point.wounded})
        problems += [f"toll figure dropped: {p}" for p in found + wounded_wrong]
        if not figures or wounded_wrong:
            dropped_moments.add(point.moment)
            continue
        points.append(replace(point, figures=tuple(f for _, f in figures)))
        kept.append(_Kept(index, tuple(i for i, _ in figures) if own_claims else None))
    # the current toll the stored form states: wrong itself, or computed from a dropped point
    top = _problems({name: _int(proposal.json.get(name)) for name in TOLL_FIELDS})
    problems += [f"toll dropped: {p}" for p in top]
    last_moment = proposal.tolls[-1].moment if proposal.tolls else None
    current_dropped = bool(top) or last_moment in dropped_moments
    problems = list(dict.fromkeys(problems))
    json = _stored_form(
        proposal.json, date_dropped=date is None, current_dropped=current_dropped, kept=kept
    )
    json["problems"] = problems
    return replace(
        proposal,
        date=date,
        tolls=tuple(points),
        problems=tuple(problems),
        json=MappingProxyType(json),
    )


def _screen_figures(figures: tuple[Figure, ...]) -> tuple[list[tuple[int, Figure]], list[str]]:
    """The figures that can be right (with their index), and why the others cannot."""
    kept, found = [], []
    for i, figure in enumerate(figures):
        wrong = _problems(
            {
                "killed": figure.killed,
                "killed_min": figure.killed_min,
                "killed_max": figure.killed_max,
            }
        )
        found += wrong
        if not wrong:
            kept.append((i, figure))
    return kept, found


def _stored_form(
    json: Mapping[str, Any], *, date_dropped: bool, current_dropped: bool, kept: list[_Kept]
) -> dict[str, Any]:
    """The engine's JSON with the gate's drops written in (what a candidate stores)."""
    out = dict(json)
    if date_dropped and "date" in out:
        out["date"] = None
    if current_dropped:
        for name in TOLL_FIELDS:
            if name in out:
                out[name] = None
    if "toll_revisions" in out:
        stored = _revisions(out)
        revisions = []
        for k in kept:
            revision = dict(stored[k.revision])
            if k.claims is not None:
                claims = [c for c in revision["claims"] if isinstance(c, Mapping)]
                revision["claims"] = [claims[i] for i in k.claims]
            revisions.append(revision)
        out["toll_revisions"] = revisions
    return out


def _revisions(json: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [r for r in json.get("toll_revisions") or () if isinstance(r, Mapping)]


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _problems(figures: dict[str, int | None]) -> list[str]:
    return [p for p in (toll_problem(value, name) for name, value in figures.items()) if p]
