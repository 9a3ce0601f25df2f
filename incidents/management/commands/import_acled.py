from incidents.interchange.command import ImportCommand


class Command(ImportCommand):
    help = "Import an ACLED CSV export (idempotent on event_id_cnty)."
    dataset = "acled"
