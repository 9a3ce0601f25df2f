from incidents.interchange.command import ImportCommand


class Command(ImportCommand):
    help = "Import a UCDP GED CSV export (idempotent on id)."
    dataset = "ucdp"
