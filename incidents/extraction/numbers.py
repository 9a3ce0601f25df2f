"""Numbers in digits, words (en/fr, converted by text2num) and vague quantities.

One written rule turns each mention into (best, low, high, qualifier); see
``VAGUE`` and ``QUALIFIERS`` below and the package docstring. The best figure is
always the conservative (lowest supported) value, as in ACLED's codebook.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from text_to_num import text2num

# --- vague quantities: folded phrase -> (best, low, high) -------------------------
# corpus/README.md (ACLED): "several/few" -> 3, "many" -> 10, "dozens" -> 12,
# "hundreds" -> 100; French approximate nouns ("une trentaine") are "about N".
# A single figure is one number: min = max = best, whatever its qualifier; only an
# explicit range ("between 20 and 30") or disagreeing sources give min < max.
# These fixed values are for the dead (ACLED codes fatalities so). A wounded figure is
# only a printed number or an approximate noun ("une dizaine de blessés" = 10): a vague
# word ("de nombreux blessés", "several wounded", "des dizaines de blessés") gives no
# wounded figure, as in the real-article corpus's labels (figures._attach_wounded).
_APPROX_FR = {
    "dizaine": 10,
    "douzaine": 12,
    "quinzaine": 15,
    "vingtaine": 20,
    "trentaine": 30,
    "quarantaine": 40,
    "cinquantaine": 50,
    "soixantaine": 60,
    "centaine": 100,
}
VAGUE: dict[str, tuple[int, int, int | None]] = {
    "dozens": (12, 12, 12),
    "dozens of": (12, 12, 12),
    "scores": (12, 12, 12),
    "des dizaines": (12, 12, 12),
    "plusieurs dizaines": (12, 12, 12),
    "several dozen": (12, 12, 12),
    "a few dozen": (12, 12, 12),
    "quelques dizaines": (12, 12, 12),
    "hundreds": (100, 100, 100),
    "des centaines": (100, 100, 100),
    "plusieurs centaines": (100, 100, 100),
    "thousands": (1000, 1000, 1000),
    "des milliers": (1000, 1000, 1000),
    "several": (3, 3, 3),
    "a few": (3, 3, 3),
    "few": (3, 3, 3),
    "a handful": (3, 3, 3),
    "plusieurs": (3, 3, 3),
    "quelques": (3, 3, 3),
    "many": (10, 10, 10),
    "numerous": (10, 10, 10),
    "de nombreux": (10, 10, 10),
    "de nombreuses": (10, 10, 10),
    "nombreux": (10, 10, 10),
    "a dozen": (12, 12, 12),
    "une douzaine": (12, 12, 12),
}
for _noun, _n in _APPROX_FR.items():
    VAGUE[f"une {_noun}"] = (_n, _n, _n)

# --- qualifier prefixes (folded) ------------------------------------------------
QUALIFIERS: list[tuple[str, str]] = [
    (
        r"at least|no fewer than|not less than|a minimum of|au moins|au minimum|pas moins d[e']\s*"
        r"|at the very least",
        "at_least",
    ),
    (r"more than|over|upwards of|in excess of|plus d[e']\s*|au-dela de", "more_than"),
    (
        r"about|around|some|approximately|roughly|nearly|almost|close to|an estimated|"
        r"environ|pres d[e']\s*|quelque|approximativement|autour d[e']\s*|une estimation de",
        "about",
    ),
    (
        r"up to|as many as|at most|no more than|fewer than|less than|jusqu'a|au plus|"
        r"moins d[e']\s*|pas plus d[e']\s*",
        "up_to",
    ),
]
_QUAL_RE = [(re.compile(r"(?:^|(?<=[\s(,]))(?:" + pat + r")\s*$"), q) for pat, q in QUALIFIERS]

_EN_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
    "eighty ninety hundred thousand"
).split()
_FR_WORDS = (
    "zero un une deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze "
    "quinze seize vingt vingts trente quarante cinquante soixante septante huitante octante "
    "nonante cent cents mille"
).split()
_WORD_ALT = "|".join(sorted(set(_EN_WORDS + _FR_WORDS), key=len, reverse=True))
_WORDSEQ = rf"(?:{_WORD_ALT})(?:(?:[- ]|[- ](?:et|and)[- ])(?:{_WORD_ALT}))*"
_DIGITS = r"\d{1,3}(?:(?:,|\u00a0| |\.)\d{3})+(?!\d)|\d+"
# words of a vague phrase may be split by an opening quote ("une « dizaine de morts »")
_QUOTE_GAP = r"\s+(?:[«\"“]\s*)?"
VAGUE_ALT = "|".join(
    _QUOTE_GAP.join(re.escape(w) for w in k.split()) for k in sorted(VAGUE, key=len, reverse=True)
)


def _vague_key(raw: str) -> str:
    return " ".join(w for w in re.split(r"[\s«\"“]+", raw) if w)


CORE_RE = re.compile(
    rf"(?<![\w.,-])(?:(?P<vague>{VAGUE_ALT})|(?P<digits>{_DIGITS})|(?P<words>{_WORDSEQ}))(?![\w])"
)
_RANGE_RE = re.compile(
    rf"(?:\b(?:between|entre|from|de)\s+)?(?P<a>{_DIGITS}|{_WORDSEQ})"
    rf"\s*(?:and|et|to|a|-|or|ou)\s*(?P<b>{_DIGITS}|{_WORDSEQ})(?![\w])"
)


# A scale word after a number ("10 million", "3 milliards", "two billion")
# multiplies it: reading only the number would turn a huge (and implausible)
# figure into a small, believable one. The validation gate then refuses it.
_SCALES = {
    "thousand": 10**3,
    "mille": 10**3,
    "million": 10**6,
    "millions": 10**6,
    "billion": 10**9,
    "billions": 10**9,
    "milliard": 10**9,
    "milliards": 10**9,
    "trillion": 10**12,
    "trillions": 10**12,
}
_SCALE_RE = re.compile(r"[ \u00a0]+(" + "|".join(_SCALES) + r")(?![\w])")


@dataclass(frozen=True, slots=True)
class NumberMention:
    best: int
    low: int
    high: int | None
    qualifier: str  # exact | at_least | more_than | about | up_to | range | vague
    start: int  # span including the qualifier
    end: int
    num_start: int  # the number itself
    vague: bool = False
    is_word: bool = False


def word_value(words: str, lang: str) -> int | None:
    """Convert a number written in words, with text2num, trying both languages."""
    cleaned = re.sub(r"\s+", " ", words.strip())
    for language in (lang, "fr" if lang == "en" else "en"):
        try:
            return int(text2num(cleaned, language))
        except (ValueError, AssertionError, IndexError):
            continue
    return None


def _digits_value(raw: str) -> int | None:
    cleaned = re.sub(r"[,\u00a0 .]", "", raw)
    return int(cleaned) if cleaned.isdigit() else None


def _core_value(m: re.Match[str], lang: str) -> tuple[int, int, int | None, bool, bool] | None:
    if m.group("vague"):
        best, low, high = VAGUE[_vague_key(m.group("vague"))]
        return best, low, high, True, False
    if m.group("digits"):
        v = _digits_value(m.group("digits"))
        return (v, v, v, False, False) if v is not None else None
    v = word_value(m.group("words"), lang)
    return (v, v, v, False, True) if v is not None else None


def find_numbers(folded: str, start: int, end: int, lang: str) -> list[NumberMention]:
    """Every number mention in folded[start:end], with its qualifier."""
    out: list[NumberMention] = []
    consumed_until = start
    for m in CORE_RE.finditer(folded, start, end):
        if m.start() < consumed_until:
            continue
        core = _core_value(m, lang)
        while core is None and m.group("words") and " " in m.group("words").strip():
            # "Six UN peacekeepers": "six un" is no number, "six" is; drop the last word
            shorter = CORE_RE.match(folded, m.start(), m.start() + m.group("words").rindex(" "))
            if shorter is None:
                break
            m = shorter
            core = _core_value(m, lang)
        if core is None:
            continue
        if lang == "en" and m.group("words") in ("un", "une"):
            continue  # "UN peacekeepers", "the UN mission": the United Nations, not "one"
        if _AGE_BEFORE.search(folded, max(start, m.start() - 25), m.start()):
            # "seven people aged 20 to 40", "âgés de 7 à 15 ans": ages, not counts
            ages = _RANGE_RE.match(folded, m.start(), end)
            consumed_until = ages.end() if ages else m.end()
            continue
        best, low, high, vague, is_word = core
        scale = None if vague else _SCALE_RE.match(folded, m.end(), end)
        if scale:
            factor = _SCALES[scale.group(1)]
            best, low = best * factor, low * factor
            high = high * factor if high is not None else None
        number_end = scale.end() if scale else m.end()
        if _is_not_a_count(folded, m, end):
            continue
        if vague and _NOT_A_QUANTITY.search(folded, max(start, m.start() - 5), m.start()):
            continue
        # a range "between 20 and 30" / "20 to 30" / "20-30"
        rng = None if scale else _RANGE_RE.match(folded, _range_start(folded, m.start()), end)
        if rng and rng.start("a") == m.start() and not vague and not _is_change(folded, rng):
            a = _value(rng.group("a"), lang)
            b = _value(rng.group("b"), lang)
            if (
                a is not None
                and b is not None
                and a < b
                and not _is_not_a_count(folded, rng, end, "b")
            ):
                out.append(NumberMention(a, a, b, "range", rng.start(), rng.end(), m.start()))
                consumed_until = rng.end()
                continue
        qualifier = "exact"
        if vague:
            key = _vague_key(m.group("vague"))
            qualifier = "about" if key.startswith(("une ", "a dozen")) else "vague"
        q_start = m.start()
        head = folded[max(start, m.start() - 30) : m.start()]
        for regex, q in _QUAL_RE:
            qm = regex.search(head)
            if qm:
                qualifier = q
                q_start = m.start() - (len(head) - qm.start())
                break
        out.append(
            NumberMention(
                best, low, high, qualifier, q_start, number_end, m.start(), vague, is_word
            )
        )
        consumed_until = number_end
    return out


# "aged 20 to 40", "aged between 7 and 15", "âgés de 20 à 40 ans", "between the ages of":
# the numbers that follow are ages of the people counted, never a count or a range
_AGE_BEFORE = re.compile(
    r"\b(?:aged|ages?\s+of|agee?s?\s+(?:de\s+|d'|entre\s+)|ages\s+de)\s*(?:between\s+|from\s+)?$"
)

# "did not say how many", "so many", "too many", "as many as 30": a question or a
# comparison, not a vague count of its own
_NOT_A_QUANTITY = re.compile(r"\b(?:how|so|too|as)\s+$")


def _range_start(folded: str, pos: int) -> int:
    lead = re.search(r"\b(?:between|entre|from|de)\s+$", folded[max(0, pos - 10) : pos])
    return pos - (len(folded[max(0, pos - 10) : pos]) - lead.start()) if lead else pos


_CHANGE_RE = re.compile(
    r"(?:rose|risen|rising|increased|climbed|jumped|raised|revised|went|passe|passant|"
    r"revu|alourdi|augmente|grimpe|porte|corrige)\w*\s+(?:\w+\s+){0,3}$"
)


def _is_change(folded: str, rng: re.Match[str]) -> bool:
    """'rose from 10 to 32' is a toll change, not a 10-32 range."""
    lead = folded[rng.start() : rng.start("a")].strip()
    if lead not in ("from", "de"):
        return False
    return bool(_CHANGE_RE.search(folded[max(0, rng.start() - 60) : rng.start()]))


def _value(raw: str, lang: str) -> int | None:
    if raw[0].isdigit():
        return _digits_value(raw)
    return word_value(raw, lang)


_AFTER_NOT_COUNT = re.compile(
    r"\s*(?:%|per ?cent|pour ?cent|h\d|h\b|:\d|[ap]\.?m\b|heures?\b|hours?\b|"
    r"-?years?[- ]old|ans\b|-year|e\b|er\b|eme\b|th\b|st\b|nd\b|rd\b|\.\d|,\d)"
)


def _is_not_a_count(folded: str, m: re.Match[str], end: int, group: str | None = None) -> bool:
    tail = folded[m.end(group) if group else m.end() : min(end, m.end() + 12)]
    if _AFTER_NOT_COUNT.match(tail):
        return True
    text = m.group(group) if group else m.group()
    if text.isdigit() and len(text) == 4 and 1900 <= int(text) <= 2100:
        return True  # a year
    return False
