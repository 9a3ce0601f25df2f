from django.core.management.base import BaseCommand

from incidents.demo_corpus import CorpusServer


class Command(BaseCommand):
    help = "Serve the sample corpus as a news site with an RSS feed at /feed.xml (demo only)."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8001)
        parser.add_argument("--host", default="127.0.0.1")

    def handle(self, *args, port, host, **options):
        server = CorpusServer((host, port), verbose=True)
        self.stdout.write(f"Sample corpus feed at {server.base_url}/feed.xml")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
