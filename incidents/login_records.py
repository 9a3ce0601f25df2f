"""Retention of django-axes' sign-in records. Axes writes a row for every
sign-in and sign-out (AccessLog), a counter per username and address that
failed (AccessAttempt) and, when enabled, one per failure (AccessFailureLog),
and deletes none of them by itself except a counter its own user retries
after the lockout. Beat runs ``purge_login_records`` daily (incidents.tasks)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.utils import timezone


@dataclass(frozen=True)
class Purged:
    attempts: int
    logs: int
    failure_logs: int


def purge_login_records(*, now: datetime | None = None) -> Purged:
    """Delete the failure counters whose lockout is over (their last failure
    is older than AXES_COOLOFF_TIME: they no longer lock anyone out, so
    nothing about sign-in changes), and the sign-in and failure logs older
    than LOGIN_RECORD_RETENTION_DAYS."""
    now = now or timezone.now()
    cooloff: timedelta = settings.AXES_COOLOFF_TIME
    kept_since = now - timedelta(days=settings.LOGIN_RECORD_RETENTION_DAYS)
    attempts, _ = AccessAttempt.objects.filter(attempt_time__lt=now - cooloff).delete()
    logs, _ = AccessLog.objects.filter(attempt_time__lt=kept_since).delete()
    failure_logs, _ = AccessFailureLog.objects.filter(attempt_time__lt=kept_since).delete()
    return Purged(attempts=attempts, logs=logs, failure_logs=failure_logs)
