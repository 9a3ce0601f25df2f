"""The ingestion pipeline's Django-side steps: fetch safely, read feeds and
pages, run the extraction engine, match and file what it finds. Celery tasks in
incidents/tasks.py call these; each step is idempotent."""
