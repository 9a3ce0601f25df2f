"""Every string marked for translation — in templates, Python code, model
and field names — has a French translation in locale/fr; the French
catalogue has no empty or fuzzy entries, and it holds every string the code
marks (``makemessages`` run on a copy of the code finds nothing new).

To update the catalogue after changing strings:
``python manage.py makemessages -l fr --no-obsolete --add-location file --ignore node_modules``,
then translate what is empty or fuzzy."""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.test import override_settings
from django.utils.functional import Promise

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


def catalogue(path: Path = CATALOGUE) -> dict[str, list[str]]:
    """msgid -> its msgstr (or msgstr[n]) values; fuzzy entries are left out."""
    entries = {}
    for block in path.read_text(encoding="utf-8").split("\n\n"):
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


def untranslated(path: Path) -> list[str]:
    """The msgids of ``path`` with an empty or fuzzy French (header aside)."""
    text = path.read_text(encoding="utf-8")
    fuzzy = [
        next(line for line in block.splitlines() if line.startswith("msgid "))
        for block in text.split("\n\n")[1:]
        if "#, fuzzy" in block
    ]
    empty = [msgid for msgid, values in catalogue(path).items() if msgid and not all(values)]
    return sorted(fuzzy + empty)


def test_makemessages_finds_no_string_missing_from_the_french_catalogue(tmp_path):
    """What makemessages extracts from today's code (Python, templates, model
    and field names, validators, messages, API errors) is all translated."""
    copy = tmp_path / "code"
    skip = shutil.ignore_patterns("__pycache__", "*.pyc", "*.mo", "data", "tests")
    for name in ("conflictwatch", "incidents", "partners", "templates", "locale"):
        shutil.copytree(ROOT / name, copy / name, ignore=skip)
    shutil.copy(ROOT / "manage.py", copy / "manage.py")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "conflictwatch.settings", "DJANGO_DEBUG": "true"}
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "fr", "--no-obsolete", "-v", "0"],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
    )
    extracted = copy / "locale" / "fr" / "LC_MESSAGES" / "django.po"
    assert len(catalogue(extracted)) > 500  # the run read the code's strings
    assert untranslated(extracted) == [], "run makemessages and translate these"


OUR_APPS = ("incidents", "partners")


def unmarked_model_names() -> list[str]:
    """Models and fields of our apps whose name or help is not marked for
    translation (Django would then show the attribute name, in English)."""
    problems = []
    for app in OUR_APPS:
        for model in apps.get_app_config(app).get_models():
            if model.__name__.startswith("Historical"):
                continue  # simple_history's copies; never listed in the admin
            meta = model._meta
            for attr in ("verbose_name", "verbose_name_plural"):
                if not isinstance(meta.original_attrs.get(attr), Promise):
                    problems.append(f"{model.__name__}.Meta.{attr}")
            for field in meta.get_fields():
                if field.auto_created and (not field.concrete or field.primary_key):
                    continue  # reverse relations and Django's own id
                if not isinstance(field.verbose_name, Promise):
                    problems.append(f"{model.__name__}.{field.name}")
                if field.help_text and not isinstance(field.help_text, Promise):
                    problems.append(f"{model.__name__}.{field.name} help_text")
                for _value, label in field.flatchoices or []:
                    if not isinstance(label, Promise):
                        problems.append(f"{model.__name__}.{field.name} choice {label}")
    return problems


def test_every_model_and_field_name_is_marked_for_translation():
    assert unmarked_model_names() == []


@pytest.mark.django_db
@override_settings(LANGUAGE_CODE="en")
def test_french_admin_names_columns_and_fields_in_french(admin_client):
    """Column headers and form labels come from field names: "Incident",
    "Créé", "Révoquée", not "Created at" or "Revoked"."""
    from partners.models import Partner
    from tests.factories import TollRevisionFactory

    Partner.objects.create(name="Relief Monitor")
    TollRevisionFactory()
    french = {"HTTP_ACCEPT_LANGUAGE": "fr"}
    partners = admin_client.get("/admin/partners/partner/", **french).content.decode()
    tolls = admin_client.get("/admin/incidents/tollrevision/", **french).content.decode()
    key_form = admin_client.get("/admin/partners/partnerapikey/add/", **french).content.decode()
    assert ">Created at<" not in partners and ">Créé<" in partners
    assert ">Incident<" in tolls and ">Statut<" in tolls
    assert "Révoquée" in key_form and "Revoked" not in key_form
    assert "la révocation est définitive" in key_form
    assert "A free-form name for the API key" not in key_form
