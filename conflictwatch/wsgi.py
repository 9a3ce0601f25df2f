"""WSGI entry point (gunicorn conflictwatch.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflictwatch.settings")
application = get_wsgi_application()
