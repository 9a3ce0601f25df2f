from django.core.management.base import BaseCommand

from incidents.demo import ensure_demo_users
from incidents.models import Feed
from incidents.seeding import load_reference_data


class Command(BaseCommand):
    help = (
        "Load reference data and demo users (printing their logins) and register the "
        "sample-corpus feed, whose articles the workers then ingest. Safe to run again "
        "(passwords are reset)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--credentials-file", help="Also write the logins to this file.")
        parser.add_argument(
            "--corpus-feed",
            default="http://127.0.0.1:8001/feed.xml",
            help="URL of the sample corpus feed (manage.py serve_corpus).",
        )
        parser.add_argument(
            "--no-feed", action="store_true", help="Do not register or poll the corpus feed."
        )

    def handle(self, *args, credentials_file=None, corpus_feed=None, no_feed=False, **options):
        counts = load_reference_data()
        self.stdout.write(
            f"Reference data: {counts.places} places, {counts.routes} routes, "
            f"{counts.actors} actors."
        )
        if not no_feed:
            feed, _ = Feed.objects.update_or_create(
                url=corpus_feed,
                defaults={
                    "title": "Sample corpus (demo)",
                    "active": True,
                    "poll_interval_minutes": 5,
                },
            )
            from incidents.tasks import poll_feed

            poll_feed.delay(feed.pk)
            self.stdout.write(f"Feed {feed.url} registered; the worker ingests it now.")
        logins = ensure_demo_users()
        lines = [f"  {user:8} password: {password}" for user, password in logins.items()]
        if credentials_file:
            with open(credentials_file, "w", encoding="utf-8") as handle:
                handle.write("\n".join(lines) + "\n")
        self.stdout.write(self.style.SUCCESS("Demo logins:\n" + "\n".join(lines)))
