"""What import_acled and import_ucdp share: arguments, the run, the summary."""

from django.core.management.base import BaseCommand, CommandError

from incidents.interchange.loader import ImportFileError, import_file
from incidents.models import IncidentStatus


class ImportCommand(BaseCommand):
    dataset = ""

    def add_arguments(self, parser):
        parser.add_argument("file", help="The dataset's CSV export.")
        parser.add_argument(
            "--status",
            choices=[IncidentStatus.PUBLISHED, IncidentStatus.DRAFT],
            default=IncidentStatus.PUBLISHED,
            help="Status of newly created incidents (default published: curated data).",
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, file, status, no_progress, **options):
        try:
            summary = import_file(
                file, dataset=self.dataset, status=status, progress=not no_progress
            )
        except (OSError, ImportFileError, UnicodeDecodeError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"{self.dataset.upper()} import: {summary.loaded} loaded "
            f"({summary.created} new, {summary.updated} updated), "
            f"{summary.unchanged} skipped (unchanged), {len(summary.rejected)} rejected; "
            f"{summary.places_added} places and {summary.actors_added} actors added."
        )
        for rejection in summary.rejected:
            self.stdout.write(
                self.style.WARNING(
                    f"  line {rejection.line} ({rejection.source_id or 'no id'}): "
                    f"{rejection.reason}"
                )
            )
