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
    qualifier: str = "exact"


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


def test_qualifier_comes_from_the_revision_giving_the_best_figure():
    toll = current_toll([Rev(1, 10, 1, qualifier="about"), Rev(2, 32, 2, qualifier="at_least")])
    assert (toll.killed, toll.qualifier) == (32, "at_least")
    assert current_toll([Rev(1, 10, 1, qualifier="about"), Rev(2, 32, 2)],
                        pinned_id=1).qualifier == "about"


def test_disagreeing_claims_make_a_range_qualifier():
    toll = current_toll([Rev(1, 16, 5, qualifier="at_least"), Rev(2, 9, 5)])
    assert toll.qualifier == "range"
    agreeing = current_toll([Rev(1, 9, 5, qualifier="at_least"), Rev(2, 9, 5, qualifier="about")])
    assert agreeing.qualifier == "at_least"


def test_no_figure_has_no_qualifier():
    assert current_toll([Rev(1, None, 1, wounded=3)]).qualifier == ""
