"""The Celery application; workers and beat start from here."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflictwatch.settings")

app = Celery("conflictwatch")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
