"""The rule that turns an incident's toll revisions into its current toll.

Written once here; services call it after every revision change and store the
result on the incident in the same transaction. Plain Python with no Django
import: the extraction engine applies ``combine_figures`` (steps 3-4) to the
disagreeing figures of one article.

The rule:

1. Rejected revisions never count.
2. If an editor pinned a revision (and it is not rejected), it alone is the
   current toll.
3. Otherwise the current toll comes from the latest reporting moment: the
   revisions with the greatest ``reported_at``. One revision there gives its
   figures. Several revisions reported at the same moment are disagreeing
   claims (e.g. "the army said 9, local sources 16"): they make a range, and
   the best figure is the lowest of their best figures (ACLED's conservative
   convention).
4. ``low``/``high`` are the smallest minimum and largest maximum of the
   chosen revisions (a revision without a range contributes its best figure).
5. Wounded is the chosen revisions' lowest wounded figure; if none of them
   gives one, the latest earlier non-rejected revision that does.
6. The qualifier ("at least", "about", "up to", a range, or exact) is the one
   the best figure was reported with: the chosen revision's, or among several,
   that of the revision whose best figure was taken. A range (low below high)
   from disagreeing claims is a range whatever each claim said.

The publication rule (``reviewed_only``, for every incident that is not a
draft): nothing is published unseen.

7. On a published incident only *accepted* figures count in steps 3-5.
   A figure is accepted when

   - an editor entered it (a correction) or accepted it;
   - an editor published the incident: publishing accepts every figure
     not rejected — those the draft's toll was computed from under step 8,
     older superseded ones and a merged duplicate's included — so the
     published toll is the one the editor saw on the draft, and publishing
     never changes it;
   - it came with an imported dataset (ACLED, UCDP): those figures were
     coded by the dataset's own reviewers and an editor chose to import
     the file, so they are accepted on arrival, on a published incident
     too (a re-import's new figure is published at once);
   - the newsroom sets ``TOLL_AUTO_ACCEPT`` (the demo does): machine
     figures are then accepted as they arrive.

   Any other figure the machine extracts for a published incident is
   *pending*: the published toll, the map, the API and the exports keep
   the accepted figure, while the incident page, the review queue and the
   API's toll history (``pending: true``) show "41 reported by … on …,
   awaiting review" until an editor accepts or rejects it. A pinned figure
   (step 2) counts whatever its review status. A machine figure that
   repeats, for the same moment, a figure the toll already counts (a
   second outlet giving the same 32 for the same point of the history)
   changes nothing and is not pending: it is one more source of that point.
8. Draft incidents keep steps 1-6 as they are: every figure not rejected
   counts, since nothing of a draft is public.

Withdrawn incidents (the visibility rule, ``incidents.selectors``): an
incident merged into another or retracted is gone for everyone — the map,
lists, timeline, counts and exports of editors and partners alike; its
figures count in the survivor's toll (merged) or nowhere (retracted). The
API answers 410 Gone with a tombstone (``reason``: merged, with the
survivor's id, or retracted) for both, and partners' incremental sync lists
it under ``deleted``. A published incident set back to draft is gone for
partners in the same way (410, ``reason: unpublished``) while editors keep
working on it; a draft never published is simply not found (404) for
partners. Editors keep every withdrawn incident in the admin, with its
history, and can undo a merge.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar


class RevisionLike(Protocol):
    """What the rule reads of a revision (a TollRevision, or a test's
    stand-in); read-only, so a model's field descriptors match it."""

    @property
    def pk(self) -> int | None: ...
    @property
    def killed(self) -> int | None: ...
    @property
    def killed_min(self) -> int | None: ...
    @property
    def killed_max(self) -> int | None: ...
    @property
    def wounded(self) -> int | None: ...
    @property
    def status(self) -> str: ...
    @property
    def reported_at(self) -> object: ...
    @property
    def qualifier(self) -> str: ...


Revision = TypeVar("Revision", bound=RevisionLike)


@dataclass(frozen=True)
class CurrentToll:
    killed: int | None = None
    low: int | None = None
    high: int | None = None
    wounded: int | None = None
    qualifier: str = ""
    revision_ids: tuple[int, ...] = ()


REJECTED = "rejected"
ACCEPTED = "accepted"
REPORTED = "reported"
RANGE = "range"


def _order_key(revision: RevisionLike) -> tuple[object, int]:
    return (revision.reported_at, revision.pk or 0)


def _min(values: Iterable[int | None]) -> int | None:
    present = [v for v in values if v is not None]
    return min(present) if present else None


def _max(values: Iterable[int | None]) -> int | None:
    present = [v for v in values if v is not None]
    return max(present) if present else None


def combine_figures(
    figures: Iterable[tuple[int | None, int | None, int | None]],
) -> tuple[int | None, int | None, int | None]:
    """Steps 3-4 for figures given at one moment, each ``(best, min, max)``:
    the lowest best figure, the smallest minimum and the largest maximum (a
    figure without a minimum or maximum contributes its best figure)."""
    figures = list(figures)
    return (
        _min(best for best, _low, _high in figures),
        _min(low if low is not None else best for best, low, _high in figures),
        _max(high if high is not None else best for best, _low, high in figures),
    )


def reviewed_only(incident_status: str) -> bool:
    """Whether the publication rule (step 7) applies: to every incident that
    is not a draft (step 8)."""
    return incident_status != "draft"


def _counts(revision: RevisionLike, pinned_id: int | None, reviewed_only: bool) -> bool:
    """Steps 1, 2 and 7: whether a revision takes part in the current toll."""
    if revision.status == REJECTED:
        return False
    if not reviewed_only or (pinned_id is not None and revision.pk == pinned_id):
        return True
    return revision.status == ACCEPTED


def current_toll(
    revisions: Sequence[RevisionLike], pinned_id: int | None = None, *, reviewed_only: bool = False
) -> CurrentToll:
    """Apply the rule above to one incident's revisions; ``reviewed_only``
    for an incident that is not a draft (step 7)."""
    counted = sorted((r for r in revisions if _counts(r, pinned_id, reviewed_only)), key=_order_key)
    if not counted:
        return CurrentToll()

    pinned = [r for r in counted if pinned_id is not None and r.pk == pinned_id]
    if pinned:
        chosen = pinned
    else:
        latest_moment = counted[-1].reported_at
        chosen = [r for r in counted if r.reported_at == latest_moment]

    killed, low, high = combine_figures((r.killed, r.killed_min, r.killed_max) for r in chosen)
    wounded = _min(r.wounded for r in chosen)
    if wounded is None:
        first_chosen = min(_order_key(r) for r in chosen)
        earlier = [r for r in counted if r.wounded is not None and _order_key(r) < first_chosen]
        wounded = earlier[-1].wounded if earlier else None
    return CurrentToll(
        killed=killed,
        low=low,
        high=high,
        wounded=wounded,
        qualifier=_qualifier(chosen, killed, low, high),
        revision_ids=tuple(r.pk for r in chosen if r.pk is not None),
    )


def pending_figures(
    revisions: Sequence[Revision], current: CurrentToll, *, reviewed_only: bool
) -> list[Revision]:
    """Step 7's pending figures, in the order they were said: reported by the
    machine, not reviewed, not counted, and not older than the current toll
    (an older one is simply superseded). None on a draft."""
    if not reviewed_only:
        return []
    chosen = [r for r in revisions if r.pk in current.revision_ids]
    newest = max((_order_key(r) for r in chosen), default=None)
    return sorted(
        (
            r
            for r in revisions
            if r.status == REPORTED
            and r.pk not in current.revision_ids
            and (newest is None or _order_key(r) > newest)
            and not any(_restates(r, c) for c in chosen)
        ),
        key=_order_key,
    )


def _restates(revision: RevisionLike, counted: RevisionLike) -> bool:
    """Step 7's exception: the same figures, said for the same moment."""
    return revision.reported_at == counted.reported_at and (
        revision.killed,
        revision.killed_min,
        revision.killed_max,
        revision.wounded,
    ) == (counted.killed, counted.killed_min, counted.killed_max, counted.wounded)


def _qualifier(
    chosen: Sequence[RevisionLike], killed: int | None, low: int | None, high: int | None
) -> str:
    """Step 6 of the rule."""
    if killed is None:
        return ""
    if len(chosen) > 1 and low is not None and high is not None and low < high:
        return RANGE
    giving = next(r for r in chosen if r.killed == killed)
    return giving.qualifier
