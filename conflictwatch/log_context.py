"""Log record fields every line gets: the Celery task (name and id) a line
was written in, when there is one."""

from __future__ import annotations

import logging


class TaskContext(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            from celery import current_task
        except ImportError:  # pragma: no cover - celery is a dependency
            return True
        task = current_task
        if task and getattr(task, "request", None) is not None and task.request.id:
            record.task = task.name
            record.task_id = task.request.id
        return True
