"""Settings for the test suite: the real settings plus test-only values that
must be in the environment before they are read."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-not-used-anywhere-else")
os.environ.setdefault("DJANGO_MANIFEST_STATIC", "false")
# The test servers speak plain HTTP; production's HTTPS settings are checked by
# tests/test_security_settings.py in a process of their own.
os.environ.setdefault("DJANGO_SSL_REDIRECT", "false")
os.environ.setdefault("DJANGO_SECURE_COOKIES", "false")

from conflictwatch.settings import *  # noqa: E402,F403

# Serve static files from the apps' folders, as in development; no collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = BASE_DIR / "var" / "test-static"  # noqa: F405
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
