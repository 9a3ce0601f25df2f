from django.core.management.base import BaseCommand

from incidents.demo import create_motivating_incident, ensure_demo_users
from incidents.seeding import load_reference_data


class Command(BaseCommand):
    help = ("Load reference data, the motivating Gao–Ansongo incident and demo users; "
            "print the logins. Safe to run again (passwords are reset).")

    def add_arguments(self, parser):
        parser.add_argument("--credentials-file", help="Also write the logins to this file.")

    def handle(self, *args, credentials_file=None, **options):
        counts = load_reference_data()
        self.stdout.write(f"Reference data: {counts.places} places, {counts.routes} routes, "
                          f"{counts.actors} actors.")
        incident = create_motivating_incident()
        self.stdout.write(f"Motivating incident #{incident.pk}: {incident.killed} killed "
                          f"({incident.toll_revisions.count()} revisions).")
        logins = ensure_demo_users()
        lines = [f"  {user:8} password: {password}" for user, password in logins.items()]
        if credentials_file:
            with open(credentials_file, "w", encoding="utf-8") as handle:
                handle.write("\n".join(lines) + "\n")
        self.stdout.write(self.style.SUCCESS("Demo logins:\n" + "\n".join(lines)))
