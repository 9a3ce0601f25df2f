import argparse
import sys
import time

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from incidents.synthetic.copy import BATCH, default_workers, generate


class Command(BaseCommand):
    help = (
        "Add N synthetic published incidents (with articles, sources, toll revisions and "
        "actors, as the pipeline files them, and their history records) by COPY, for load "
        "tests and benchmarks. "
        "Needs the reference data (load_reference_data). Never run it on a production database."
    )

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, help="How many incidents to add.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument(
            "--batch", type=int, default=BATCH, help=f"Incidents per transaction ({BATCH})."
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=default_workers(),
            help="Processes building and writing batches (default: one per core).",
        )
        parser.add_argument(
            "--bulk",
            action=argparse.BooleanOptionalAction,
            default=None,
            help="Drop the written tables' secondary indexes and foreign keys during the load "
            "and rebuild them after (default: when N is at least the incidents already there).",
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, count, seed, batch, workers, bulk, no_progress, **options):
        if count < 1:
            raise CommandError("count must be at least 1.")
        if batch < 1:
            raise CommandError("--batch must be at least 1.")
        if workers < 1:
            raise CommandError("--workers must be at least 1.")
        began = time.perf_counter()
        with tqdm(
            total=count, unit="incident", disable=no_progress, file=sys.stderr, smoothing=0.1
        ) as bar:
            try:
                done = generate(
                    count, seed=seed, batch=batch, progress=bar.update, workers=workers, bulk=bulk
                )
            except RuntimeError as exc:
                raise CommandError(str(exc)) from exc
        seconds = time.perf_counter() - began
        self.stdout.write(
            self.style.SUCCESS(
                f"{done.incidents} incidents, {done.articles} articles (sources), "
                f"{done.revisions} toll revisions, {done.actor_links} actor links "
                f"and {done.history} history records added in {seconds:.1f} s "
                f"({done.incidents / seconds:,.0f} incidents/s; {done.workers} workers"
                + (f", indexes and keys rebuilt in {done.rebuild_s:.1f} s)." if done.bulk else ").")
            )
        )
