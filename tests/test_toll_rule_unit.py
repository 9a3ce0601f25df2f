"""The toll rule on plain objects, without the database."""

from dataclasses import dataclass

from incidents.tolls import current_toll


@dataclass
class Rev:
    pk: int
    killed: int | None
    reported_at: int
    status: str = "reported"
    killed_min: int | None = None
    killed_max: int | None = None
    wounded: int | None = None


def test_no_revisions_means_unknown_toll():
    assert current_toll([]).killed is None


def test_latest_moment_wins():
    toll = current_toll([Rev(1, 10, 1), Rev(2, 32, 2)])
    assert (toll.killed, toll.revision_ids) == (32, (2,))


def test_pinned_older_revision_wins():
    assert current_toll([Rev(1, 10, 1), Rev(2, 32, 2)], pinned_id=1).killed == 10


def test_rejected_pinned_revision_is_ignored():
    revisions = [Rev(1, 10, 1, status="rejected"), Rev(2, 32, 2)]
    assert current_toll(revisions, pinned_id=1).killed == 32


def test_same_moment_claims_form_range():
    toll = current_toll([Rev(1, 16, 5), Rev(2, 9, 5), Rev(3, 4, 1)])
    assert (toll.killed, toll.low, toll.high) == (9, 9, 16)
