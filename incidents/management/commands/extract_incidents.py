"""Print what the extraction engine finds in files; writes nothing."""

import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from incidents.ingest.extraction import get_extractor
from incidents.ingest.reading import UnreadableDocument, read_document


class Command(BaseCommand):
    help = (
        "Extract incidents from text or HTML files and print one JSON object per file "
        "per line. Without --published only dates the text states in full resolve."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument(
            "--published",
            type=date.fromisoformat,
            metavar="YYYY-MM-DD",
            help="publication date that relative dates resolve against",
        )
        parser.add_argument(
            "--lang", choices=["en", "fr"], help="language of the articles (detected when omitted)"
        )

    def handle(self, *args, files, published=None, lang=None, **options):
        extractor = get_extractor()
        failures = 0
        for path in files:
            try:
                with open(path, "rb") as handle:
                    content = handle.read()
                reading = read_document(content)
            except (OSError, UnreadableDocument) as exc:
                failures += 1
                self.stdout.write(
                    json.dumps(
                        {"file": path, "error": str(exc), "incidents": []}, ensure_ascii=False
                    )
                )
                continue
            result = extractor.extract(
                reading.text, published=published, lang=lang, title=reading.title or None
            )
            self.stdout.write(json.dumps({"file": path, **result.to_dict()}, ensure_ascii=False))
        if failures == len(files):
            raise CommandError("no file could be read")
