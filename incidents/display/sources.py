"""Who gave a figure, in the interface language.

The engine names a figure's source by a short English label
("local official", "NGO"; several joined by "; ", see
incidents/extraction/sources.py); an editor may write anything. Known
labels are shown in the interface language — as a label in tables
("responsable local ; ONG") and as a noun phrase in sentences ("selon un
responsable local et une ONG"); an editor's own words are shown as written.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

# Labels as the engine writes them, with "and" also joining two of them (the
# demo data and older revisions say "local official and NGO").
_SEPARATOR = re.compile(r"\s*;\s*|\s+and\s+")


def _labels() -> dict[str, tuple[str, str]]:
    """engine label -> (label, noun phrase for "according to …")."""
    return {
        "medical source": (
            pgettext("said by", "medical source"),
            pgettext("according to", "a medical source"),
        ),
        "security source": (
            pgettext("said by", "security source"),
            pgettext("according to", "a security source"),
        ),
        "local official": (
            pgettext("said by", "local official"),
            pgettext("according to", "a local official"),
        ),
        "NGO": (pgettext("said by", "NGO"), pgettext("according to", "an NGO")),
        "UN": (pgettext("said by", "UN"), pgettext("according to", "the UN")),
        "army": (pgettext("said by", "army"), pgettext("according to", "the army")),
        "government": (
            pgettext("said by", "government"),
            pgettext("according to", "the government"),
        ),
        "local sources": (
            pgettext("said by", "local sources"),
            pgettext("according to", "local sources"),
        ),
        "residents": (
            pgettext("said by", "residents"),
            pgettext("according to", "residents"),
        ),
        "perpetrator claim": (
            pgettext("said by", "perpetrator claim"),
            pgettext("according to", "the perpetrators' claim"),
        ),
    }


def _parts(said_by: str) -> list[tuple[str, str]] | None:
    """The known labels of ``said_by`` translated, or None when any part is an
    editor's own words (then the text is shown as written)."""
    labels = _labels()
    parts = [p for p in _SEPARATOR.split(said_by.strip()) if p]
    if not parts or any(p not in labels for p in parts):
        return None
    return [labels[p] for p in parts]


def join_words(names: list[str]) -> str:
    """ "a, b and c" in the interface language."""
    if len(names) <= 1:
        return "".join(names)
    return _("%(first)s and %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def said_by_label(said_by: str) -> str:
    """For tables and chart labels: "local official; NGO" → "responsable local ; ONG"."""
    parts = _parts(said_by or "")
    if parts is None:
        return said_by or ""
    return pgettext("list separator", "; ").join(label for label, _phrase in parts)


def said_by_phrase(said_by: str) -> str:
    """For sentences: "a local official and an NGO" / "un responsable local et une ONG"."""
    parts = _parts(said_by or "")
    if parts is None:
        return said_by or ""
    return join_words([phrase for _label, phrase in parts])
