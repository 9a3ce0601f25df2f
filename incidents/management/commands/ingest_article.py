"""Ingest articles by URL or from files, through the same task as feed items."""

from pathlib import Path

from django.core.management.base import BaseCommand
from tqdm import tqdm

from incidents.ingest.article_urls import BadURL
from incidents.ingest.reading import UnreadableDocument
from incidents.ingest.submit import submit_document, submit_url
from incidents.models import Article
from incidents.tasks import enqueue_article, process_article


class Command(BaseCommand):
    help = "Fetch (URL) or read (FILE) articles, extract incidents and file them."

    def add_arguments(self, parser):
        parser.add_argument("sources", nargs="+", metavar="URL-or-FILE")
        parser.add_argument(
            "--async",
            dest="use_workers",
            action="store_true",
            help="queue the work for the Celery workers instead of running it here",
        )

    def handle(self, *args, sources, use_workers=False, **options):
        articles = []
        enqueue = enqueue_article if use_workers else None
        for source in sources:
            try:
                if Path(source).is_file():
                    article, _ = submit_document(Path(source).read_bytes(), enqueue=enqueue)
                else:
                    article, _ = submit_url(source, enqueue=enqueue)
            except (BadURL, UnreadableDocument, OSError) as exc:
                self.stderr.write(f"{source}: {exc}")
                continue
            articles.append(article)
        if not use_workers:
            for article in tqdm(
                articles, desc="articles", unit="article", disable=len(articles) < 2
            ):
                process_article.apply(args=[article.pk])
        report(self, [a.pk for a in articles], queued=use_workers)


def report(command, article_ids, *, queued: bool) -> None:
    for article in Article.objects.filter(pk__in=article_ids).order_by("pk"):
        line = f"#{article.pk} {article.status}: {article.title or article.url}"
        if article.error:
            line += f" — {article.error}"
        command.stdout.write(line)
    if queued:
        command.stdout.write("Queued for the workers; follow progress in the admin (Articles).")
