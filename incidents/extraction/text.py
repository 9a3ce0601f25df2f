"""Text normalisation that keeps character offsets, tokens and sentence splitting.

``fold`` maps every character to exactly one character (lower case, accents removed,
typographic quotes and dashes made plain), so an offset in the folded text is the same
offset in the original: every regex runs on folded text and evidence spans still point
into the caller's string.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple


def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for cp in range(0x80, 0x250):
        ch = chr(cp)
        base = unicodedata.normalize("NFKD", ch)
        base = "".join(c for c in base if not unicodedata.combining(c))
        if len(base) == 1 and base.isascii():
            table[cp] = base.lower()
    table.update(
        {
            ord("œ"): "o",
            ord("Œ"): "o",
            ord("æ"): "a",
            ord("Æ"): "a",
            ord("ß"): "s",
            ord("’"): "'",
            ord("‘"): "'",
            ord("ʼ"): "'",
            ord("`"): "'",
            ord("´"): "'",
            ord("“"): '"',
            ord("”"): '"',
            ord("«"): '"',
            ord("»"): '"',
            ord("–"): "-",
            ord("—"): "-",
            ord("‑"): "-",
            ord("‐"): "-",
            ord("\u00a0"): " ",
            ord("\u202f"): " ",
            ord("\u2009"): " ",
        }
    )
    for cp in range(ord("A"), ord("Z") + 1):
        table[cp] = chr(cp).lower()
    return table


_FOLD = _build_fold_table()


def fold(text: str) -> str:
    """Lower-case, strip accents, plain quotes/dashes; same length as the input."""
    out = text.translate(_FOLD)
    if len(out) != len(text):  # a character outside the table expanded; fall back
        out = "".join(c if len(c) == 1 else "?" for c in (ch.translate(_FOLD) for ch in text))
    return out


TOKEN_RE = re.compile(r"[a-z0-9]+")


class Token(NamedTuple):
    """A word of the folded text (a tuple: an article has hundreds, made on every call)."""

    text: str  # folded
    start: int
    end: int


def tokens(folded: str, start: int = 0, end: int | None = None) -> list[Token]:
    end = len(folded) if end is None else end
    new = tuple.__new__  # what Token(...) does, without its Python-level __new__
    return [
        new(Token, (m.group(), m.start(), m.end())) for m in TOKEN_RE.finditer(folded, start, end)
    ]


def name_tokens(name: str) -> tuple[str, ...]:
    return tuple(TOKEN_RE.findall(fold(name)))


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    paragraph: int


# Abbreviations that end with a period but do not end a sentence.
_ABBREV = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "gen",
    "col",
    "lt",
    "capt",
    "sgt",
    "maj",
    "cpt",
    "m",
    "mm",
    "mme",
    "no",
    "jan",
    "feb",
    "febr",
    "aug",
    "sept",
    "oct",
    "nov",
    "dec",
    "u.n",
    "u.s",
    "etc",
    "approx",
    "km",
    "cf",
    "vs",
    "av",
    "bd",
    "gal",
    "cdt",
    "cne",
}
_BOUNDARY = re.compile(r"[.!?]+[\"')\]»”’]*\s+(?=[\"'(\[«“‘]?\s?[A-Z0-9ÀÂÉÈÊÎÔÛÇ])")
_PARA = re.compile(r"\n\s*\n|\n(?=\s*[A-ZÀ-Ý\"'«(-])")


def sentences(text: str) -> list[Sentence]:
    """Split into sentences; newlines separating paragraphs always split."""
    out: list[Sentence] = []
    para_starts = [0] + [m.end() for m in _PARA.finditer(text)]
    para_ends = [m.start() for m in _PARA.finditer(text)] + [len(text)]
    for p_index, (p_start, p_end) in enumerate(zip(para_starts, para_ends, strict=False)):
        cursor = p_start
        for m in _BOUNDARY.finditer(text, p_start, p_end):
            before = text[cursor : m.start()]
            last_word = re.search(r"([\w.]+)$", before)
            if last_word and last_word.group(1).lower().rstrip(".") in _ABBREV:
                continue
            if last_word and len(last_word.group(1)) == 1 and last_word.group(1).isupper():
                continue  # an initial: "J. Smith"
            _append(out, text, cursor, m.start() + len(m.group().rstrip()), p_index)
            cursor = m.end()
        _append(out, text, cursor, p_end, p_index)
    return out


def _append(out: list[Sentence], text: str, start: int, end: int, paragraph: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(len(out), start, end, paragraph))
