"""The one language detector (py3langid's bundled model), for ingestion and the engine."""

from __future__ import annotations

from functools import cache

import py3langid
from py3langid.langid import MODEL_FILE, LanguageIdentifier

SAMPLE_CHARS = 5000  # enough text to decide; classifying a whole long page costs time


@cache
def _identifier(among: tuple[str, ...]) -> LanguageIdentifier:
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    identifier.set_languages(list(among))
    return identifier


def detect_language(text: str, among: tuple[str, ...] | None = None) -> str:
    """ISO 639-1 code of ``text``'s language; ``among`` restricts the choice
    (the engine reads only English and French)."""
    sample = text[:SAMPLE_CHARS]
    if among is None:
        return str(py3langid.classify(sample)[0])
    return str(_identifier(tuple(among)).classify(sample)[0])
