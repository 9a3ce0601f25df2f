from django.core.management.base import BaseCommand

from incidents.seeding import load_reference_data


class Command(BaseCommand):
    help = "Load the Sahel gazetteer, the roads and the actor list from incidents/data/."

    def handle(self, *args, **options):
        counts = load_reference_data()
        self.stdout.write(
            self.style.SUCCESS(
                f"{counts.places} places, {counts.routes} routes, {counts.actors} actors "
                f"({counts.aliases} new aliases) loaded."
            )
        )
