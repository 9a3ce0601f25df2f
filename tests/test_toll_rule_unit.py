"""The toll rule on plain objects, without the database."""

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from incidents.tolls import combine_figures, current_toll, pending_figures

ROOT = Path(__file__).resolve().parents[1]


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
    assert (
        current_toll([Rev(1, 10, 1, qualifier="about"), Rev(2, 32, 2)], pinned_id=1).qualifier
        == "about"
    )


def test_disagreeing_claims_make_a_range_qualifier():
    toll = current_toll([Rev(1, 16, 5, qualifier="at_least"), Rev(2, 9, 5)])
    assert toll.qualifier == "range"
    agreeing = current_toll([Rev(1, 9, 5, qualifier="at_least"), Rev(2, 9, 5, qualifier="about")])
    assert agreeing.qualifier == "at_least"


def test_no_figure_has_no_qualifier():
    assert current_toll([Rev(1, None, 1, wounded=3)]).qualifier == ""


def test_figures_given_at_one_moment_combine_to_lowest_best_and_full_spread():
    # "at least 12" (no maximum), "between 9 and 20", "16"
    assert combine_figures([(12, 12, None), (9, 9, 20), (16, None, None)]) == (9, 9, 20)
    assert combine_figures([]) == (None, None, None)


def test_the_engine_uses_the_toll_rule_without_loading_django():
    """The engine imports incidents.tolls for the range rule; it must stay plain Python."""
    code = (
        "import sys, incidents.extraction.figures, incidents.extraction.engine;"
        "loaded = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'));"
        "print(loaded); sys.exit(1 if loaded else 0)"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_second_outlet_repeating_the_published_figure_is_not_pending():
    """Step 7: on a published incident a later machine figure waits for an
    editor, but the same 32 for the same moment from another outlet does not."""
    revisions = [
        Rev(1, 32, 2, status="accepted"),
        Rev(2, 32, 2),  # the French report restating it
        Rev(3, 35, 2),  # another outlet's different figure for that moment
        Rev(4, 41, 3),  # a later figure
    ]
    toll = current_toll(revisions, reviewed_only=True)
    assert toll.killed == 32
    assert [r.pk for r in pending_figures(revisions, toll, reviewed_only=True)] == [3, 4]
