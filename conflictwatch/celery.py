"""The Celery application; workers and beat start from here."""

import os

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflictwatch.settings")

app = Celery("conflictwatch")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.task_prerun.connect
def check_database_connections(task=None, **kwargs):
    """Before every task, drop a database connection that has died (after a
    PostgreSQL restart, say) or outlived CONN_MAX_AGE, and have the next query
    check the connection first (CONN_HEALTH_CHECKS).

    Celery's own Django fix-up does this only every CELERY_DB_REUSE_MAX tasks,
    so an idle worker kept failing on a dead connection. Eager tasks (tests)
    run inside the caller's transaction and are left alone."""
    if task is not None and getattr(task.request, "is_eager", False):
        return
    from django.db import close_old_connections

    close_old_connections()
