"""The validation gate between the extraction engine and the database.

What the engine read from an article is checked against the same limits as
every other path (incidents.validators): an incident date before 1989, in
the future or after the article's publication, and a toll figure over
MAX_TOLL are dropped from the proposal, each with its reason in the
proposal's ``problems``. A proposal with problems goes to the review queue
(never auto-approved), where the editor sees why a field is empty.
"""

from __future__ import annotations

from datetime import date, datetime

from incidents.validators import incident_date_problem, toll_problem

TOLL_FIELDS = ("killed", "killed_min", "killed_max", "wounded")


def screen_proposal(proposal: dict, *, published: datetime | None) -> dict:
    """The proposal without the figures that cannot be right, and why."""
    problems: list[str] = list(proposal.get("problems") or [])
    proposal = dict(proposal)
    if proposal.get("date"):
        problem = incident_date_problem(date.fromisoformat(proposal["date"]), published=published)
        if problem:
            problems.append(f"date dropped: {problem}")
            proposal["date"] = None
    top_problems = _toll_problems(proposal)
    if top_problems:
        problems += [f"toll dropped: {p}" for p in top_problems]
        for name in TOLL_FIELDS:
            if name in proposal:
                proposal[name] = None
    revisions = []
    for revision in proposal.get("toll_revisions") or []:
        revision = dict(revision)
        claims = revision.get("claims")
        if claims:
            kept = []
            for claim in claims:
                found = _toll_problems(claim)
                problems += [f"toll figure dropped: {p}" for p in found]
                if not found:
                    kept.append(claim)
            if not kept:
                continue
            revision["claims"] = kept
        found = _toll_problems(revision)
        if found:
            problems += [f"toll figure dropped: {p}" for p in found]
            continue
        revisions.append(revision)
    if "toll_revisions" in proposal:
        proposal["toll_revisions"] = revisions
    proposal["problems"] = list(dict.fromkeys(problems))
    return proposal


def _toll_problems(figures: dict) -> list[str]:
    return [p for p in (toll_problem(figures.get(name), name) for name in TOLL_FIELDS) if p]
