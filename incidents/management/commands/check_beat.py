"""Health check of Celery beat (docker-compose's beat healthcheck): exits 1
unless the feed poll was sent within --max-age seconds.

Beat's database scheduler records each periodic task's last run in
django-celery-beat's table (saved every few minutes), so a beat that hangs or
lost its broker shows up here as a poll that stopped being sent."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django_celery_beat.models import PeriodicTask

POLL_TASK = "poll-due-feeds"


class Command(BaseCommand):
    help = "Exit 1 unless Celery beat sent the feed poll within --max-age seconds."

    def add_arguments(self, parser):
        parser.add_argument("--max-age", type=int, default=600, help="seconds (default 600)")

    def handle(self, *args, max_age, **options):
        assert POLL_TASK in settings.CELERY_BEAT_SCHEDULE  # the name beat stores it under
        last_run = (
            PeriodicTask.objects.filter(name=POLL_TASK)
            .values_list("last_run_at", flat=True)
            .first()
        )
        if last_run is None:
            raise CommandError(f"beat has never sent {POLL_TASK}")
        age = timezone.now() - last_run
        if age > timedelta(seconds=max_age):
            raise CommandError(f"beat last sent {POLL_TASK} {int(age.total_seconds())} s ago")
        self.stdout.write(f"beat sent {POLL_TASK} {int(age.total_seconds())} s ago")
