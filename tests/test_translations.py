"""Every string the templates mark for translation has a French translation
in locale/fr, and the French catalogue has no empty or fuzzy entries."""

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = ROOT / "locale" / "fr" / "LC_MESSAGES" / "django.po"
TEMPLATES = [*(ROOT / "templates").rglob("*.html")]

TRANSLATE = re.compile(r"""{%\s*(?:translate|trans)\s+(["'])(.+?)\1""")
BLOCK = re.compile(
    r"{%\s*blocktrans(?:late)?\b(?P<args>[^%]*)%}(?P<body>.*?)"
    r"{%\s*(?:plural|endblocktrans(?:late)?)\s*%}",
    re.S,
)
VARIABLE = re.compile(r"{{\s*(\w+)\s*}}")


def catalogue() -> dict[str, list[str]]:
    """msgid -> its msgstr (or msgstr[n]) values; fuzzy entries are left out."""
    entries = {}
    for block in CATALOGUE.read_text(encoding="utf-8").split("\n\n"):
        if "#, fuzzy" in block and 'msgid ""\nmsgstr ""\n"Project' not in block:
            continue
        parts, current = {}, None
        for line in block.splitlines():
            match = re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d\])?) (".*")$', line)
            if match:
                current = match.group(1)
                parts[current] = json.loads(match.group(2))
            elif line.startswith('"') and current:
                parts[current] += json.loads(line)
        if "msgid" in parts:
            entries[parts["msgid"]] = [v for k, v in parts.items() if k.startswith("msgstr")]
    return entries


def template_strings() -> set[str]:
    found = set()
    for path in TEMPLATES:
        text = path.read_text(encoding="utf-8")
        found.update(match.group(2) for match in TRANSLATE.finditer(text))
        for match in BLOCK.finditer(text):
            body = match.group("body")
            if "trimmed" in match.group("args"):
                body = " ".join(line.strip() for line in body.strip().splitlines())
            found.add(VARIABLE.sub(r"%(\1)s", body))
    return found


def test_every_template_string_is_translated_into_french():
    entries = catalogue()
    strings = template_strings()
    assert len(strings) > 100  # the scan finds the templates' strings
    missing = sorted(s for s in strings if not any(entries.get(s, [])))
    assert missing == [], f"untranslated in locale/fr: {missing}"


def test_french_catalogue_has_no_empty_or_fuzzy_entries():
    text = CATALOGUE.read_text(encoding="utf-8")
    assert "#, fuzzy" not in text.split("\n\n", 1)[1]
    empty = [msgid for msgid, values in catalogue().items() if msgid and not all(values)]
    assert empty == []
