"""Poll a feed now and process its new items, through the pipeline's tasks."""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from incidents.ingest.article_urls import BadURL, canonical_url
from incidents.ingest.feeds import poll
from incidents.ingest.fetch import FetchError
from incidents.management.commands.ingest_article import report
from incidents.models import Feed
from incidents.tasks import process_article


class Command(BaseCommand):
    help = "Register the feed (if new), poll it now and ingest its new articles."

    def add_arguments(self, parser):
        parser.add_argument("url")
        parser.add_argument("--language", default="", help="expected language of the feed")
        parser.add_argument(
            "--async",
            dest="use_workers",
            action="store_true",
            help="queue the articles for the Celery workers",
        )

    def handle(self, *args, url, language="", use_workers=False, **options):
        try:
            feed, created = Feed.objects.get_or_create(
                url=canonical_url(url), defaults={"language": language}
            )
        except BadURL as exc:
            raise CommandError(str(exc)) from exc
        try:
            result = poll(feed)
        except FetchError as exc:
            raise CommandError(f"{feed.url}: {exc}") from exc
        if result.not_modified:
            self.stdout.write("Feed not modified since the last poll.")
            return
        self.stdout.write(f"{len(result.new_article_ids)} new articles in {feed}.")
        for article_id in tqdm(
            result.new_article_ids,
            desc="articles",
            unit="article",
            disable=use_workers or len(result.new_article_ids) < 2,
        ):
            if use_workers:
                process_article.delay(article_id)
            else:
                process_article.apply(args=[article_id])
        report(self, result.new_article_ids, queued=use_workers)
