"""Settings for ConflictWatch, read from environment variables.

Every value that differs between a laptop, CI and production comes from the
environment (see README.md, "Configuration"). Booleans and numbers are parsed
strictly by django-environ, so DJANGO_DEBUG=False really is false.
"""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it (production) or set DJANGO_DEBUG=true (local)."
        )
    SECRET_KEY = "insecure-local-development-key-not-for-production"

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.gis",
    "leaflet",
    "simple_history",
    "django_celery_beat",
    "rest_framework",
    "rest_framework_gis",
    "rest_framework_api_key",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_prometheus",
    "incidents",
    "csp",
    "axes",
]

MIDDLEWARE = [
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "conflictwatch.db_routing.ReplicaReadsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    "incidents.api.docs_pages.browsable_api_policy",
    "django_prometheus.middleware.PrometheusAfterMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into its 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "conflictwatch.urls"
WSGI_APPLICATION = "conflictwatch.wsgi.application"
ASGI_APPLICATION = "conflictwatch.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default="postgis://postgres@127.0.0.1:5432/conflictwatch"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# A streaming replica for read-only traffic (conflictwatch/db_routing.py says
# which): public pages, map data and the partner API. Editors, the admin,
# tasks and every write stay on the primary.
if env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = {
        **env.db("DATABASE_REPLICA_URL"),
        "CONN_MAX_AGE": DATABASES["default"]["CONN_MAX_AGE"],
        "CONN_HEALTH_CHECKS": True,
        "TEST": {"MIRROR": "default"},
    }
    DATABASES["replica"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 3)
    DATABASE_ROUTERS = ["conflictwatch.db_routing.ReplicaRouter"]
REPLICA_RETRY_SECONDS = env.float("DATABASE_REPLICA_RETRY_SECONDS", default=10.0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="redis://127.0.0.1:6379/0")
REDIS_SOCKET_TIMEOUT = env.float("REDIS_SOCKET_TIMEOUT", default=1.0)
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env.str("CACHE_URL", default=REDIS_URL),
        "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="cw"),
        # Give up quickly on a Redis that does not answer: callers fall back
        # (API keys from the database, throttling open) instead of hanging.
        "OPTIONS": {
            "socket_timeout": REDIS_SOCKET_TIMEOUT,
            "socket_connect_timeout": REDIS_SOCKET_TIMEOUT,
        },
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("DJANGO_TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env.bool("DJANGO_MANIFEST_STATIC", default=not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# --- Security -----------------------------------------------------------------
# HTTPS: production serves only HTTPS (redirect, HSTS, secure cookies); each
# of these can be turned off by its variable. Debug mode turns them off.
# Behind a TLS-terminating proxy or load balancer, set DJANGO_BEHIND_TLS_PROXY
# so Django takes the scheme from X-Forwarded-Proto -- only if that proxy
# overwrites the header, or any client could claim HTTPS. /healthz is exempt
# from the redirect so compose and load balancers can probe plain HTTP.
if env.bool("DJANGO_BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=0 if DEBUG else 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# Sign-in throttling (django-axes), on the dashboard's and the admin's login
# pages alike: after LOGIN_FAILURE_LIMIT wrong passwords for one username from
# one address, that pair is refused for LOGIN_LOCKOUT_MINUTES (every further
# try restarts the wait), with a page that says so. Per username and address,
# so an attacker can neither lock a user out everywhere nor try one password
# on many accounts unseen (each pair counts). Attempts live in the database.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_CALLABLE = "incidents.views.lockout.locked_out"
# Beat purges the sign-in records daily (incidents.login_records): failure
# counters once their lockout is over, sign-in/sign-out and failure logs after
# LOGIN_RECORD_RETENTION_DAYS.
LOGIN_RECORD_RETENTION_DAYS = env.int("LOGIN_RECORD_RETENTION_DAYS", default=90)
LOGIN_PURGE_SECONDS = env.float("LOGIN_PURGE_SECONDS", default=86400.0)
# The client address is REMOTE_ADDR, or, behind proxies, the address the
# nearest of DJANGO_TRUSTED_PROXY_COUNT proxies saw (X-Forwarded-For).
AXES_IPWARE_PROXY_COUNT = env.int("DJANGO_TRUSTED_PROXY_COUNT", default=0) or None
AXES_IPWARE_PROXY_ORDER = "right-most"
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if AXES_IPWARE_PROXY_COUNT else ["REMOTE_ADDR"]
)

# /healthz answers ok/fail to anyone; the checks' details go to staff users and
# to requests carrying this token (header X-Health-Token), e.g. monitoring.
HEALTHZ_TOKEN = env.str("HEALTHZ_TOKEN", default="")

# Celery: Redis as broker and result store; tasks acknowledge late so a
# killed worker's message is delivered again (tasks are idempotent).
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=REDIS_URL)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_IGNORE_RESULT = True  # tasks record their outcome in the database
# Celery's Django fix-up closes the database connection after every task unless
# told to reuse it; reconnecting (with PostGIS type look-ups) per article halved
# the worker's throughput in bench/ingest_throughput.py.
CELERY_DB_REUSE_MAX = env.int("CELERY_DB_REUSE_MAX", default=100)
# Separate deployments (or a benchmark) sharing one Redis use separate queues.
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_QUEUE", default="celery")
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=300)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=240)
# A message whose worker died unacknowledged is delivered again after this many
# seconds (Redis transport); tasks are idempotent, so an early redelivery is safe.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=CELERY_TASK_TIME_LIMIT * 2)
}
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Beat copies this into django-celery-beat's tables (editable in the admin).
# The task reads the Feed table and polls each feed on its own interval.
# The sweeper queues again the articles whose message was lost (see
# incidents/tasks.py): "stuck" must be longer than a task's time limit plus the
# longest retry back-off, so an article waiting for its retry is left alone.
INGEST_POLL_SECONDS = env.float("INGEST_POLL_SECONDS", default=60.0)
INGEST_SWEEP_SECONDS = env.float("INGEST_SWEEP_SECONDS", default=300.0)
INGEST_STUCK_AFTER_SECONDS = env.int("INGEST_STUCK_AFTER_SECONDS", default=1800)
INGEST_SWEEP_BATCH = env.int("INGEST_SWEEP_BATCH", default=1000)
CELERY_BEAT_SCHEDULE = {
    "poll-due-feeds": {"task": "incidents.tasks.poll_due_feeds", "schedule": INGEST_POLL_SECONDS},
    "requeue-stuck-articles": {
        "task": "incidents.tasks.requeue_stuck_articles",
        "schedule": INGEST_SWEEP_SECONDS,
    },
    "purge-login-records": {
        "task": "incidents.tasks.purge_login_records",
        "schedule": LOGIN_PURGE_SECONDS,
    },
}
# A web request that queues a task gives up quickly when Redis is down (the
# article is stored; the sweeper queues it later) instead of hanging.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": env.int("CELERY_PUBLISH_RETRIES", default=2),
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_BROKER_CONNECTION_TIMEOUT = env.float("CELERY_BROKER_CONNECTION_TIMEOUT", default=2.0)

# Map: tiles are a setting so deployments can point at their own tile server.
MAP_TILE_URL = env.str("MAP_TILE_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = env.str("MAP_TILE_ATTRIBUTION", default="&copy; OpenStreetMap contributors")
BASEMAP_JS = ["vendor/topojson-client/topojson-client.min.js", "dashboard/basemap.js"]
BASEMAP_CSS = ["dashboard/basemap.css"]


def _tile_source(url: str) -> list[str]:
    """The CSP source of a Leaflet tile URL: its scheme and host, with a
    {s}-style subdomain placeholder as a wildcard; nothing for our own origin."""
    parts = urlsplit(url)
    if not parts.netloc:
        return []
    labels = ["*" if "{" in label else label for label in parts.netloc.split(".")]
    return [f"{parts.scheme}://{'.'.join(labels)}"]


# Content-Security-Policy (django-csp): our pages run only scripts from our own
# origin (and the admin map widget's inline start-up script, by nonce); styles,
# fonts and data requests from our origin; images from our origin and the tile
# server. The API documentation pages add inline styles (their libraries
# inject them): incidents/api/docs_pages.py.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *_tile_source(MAP_TILE_URL)],
        "connect-src": [SELF],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

MAP_DEFAULT_CENTER = (16.0, 0.2)  # (lat, lon) where maps open: the central Sahel
LEAFLET_CONFIG = {
    "DEFAULT_CENTER": MAP_DEFAULT_CENTER,
    "DEFAULT_ZOOM": 7,
    "MIN_ZOOM": 2,
    "MAX_ZOOM": 18,
    "TILES": [("OpenStreetMap", MAP_TILE_URL, {"attribution": MAP_TILE_ATTRIBUTION})],
    "ATTRIBUTION_PREFIX": "ConflictWatch",
    "RESET_VIEW": False,
    # Every django-leaflet map gets the offline basemap the dashboard draws
    # (country outlines and towns): the admin's location widgets through the
    # form widget's media ("forms"), the review page through {% leaflet_js %}.
    "PLUGINS": {
        "forms": {"js": BASEMAP_JS, "css": BASEMAP_CSS},
        "cw-basemap": {"js": BASEMAP_JS, "css": BASEMAP_CSS, "auto-include": True},
    },
}

# Logs: one JSON object per line (time, level, logger, message and the
# event's fields, e.g. article, error) for web, workers and beat alike, so a
# log store can filter on them; LOG_FORMAT=text for reading in a terminal.
LOG_FORMAT = env.str("LOG_FORMAT", default="text" if DEBUG else "json")
if LOG_FORMAT not in ("json", "text"):
    raise ImproperlyConfigured("LOG_FORMAT must be json or text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"task": {"()": "conflictwatch.log_context.TaskContext"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["task"]}
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
# Workers log through the configuration above instead of Celery's own format.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# /metrics (Prometheus): with a token, scrapers send "Authorization: Bearer
# <token>"; without one, only loopback clients may read it.
METRICS_TOKEN = env.str("METRICS_TOKEN", default="")

# Debian 12 ships GDAL 3.6, which cannot block file/network access from
# spatial reference strings. We never pass user-supplied SRS definitions to
# GDAL (all geometry is SRID 4326 from our own code), so the warning is noted
# here rather than shown on every command.
SILENCED_SYSTEM_CHECKS = env.list("DJANGO_SILENCED_SYSTEM_CHECKS", default=["gis.W001"])

# --- Partner API (REST framework, OpenAPI) ------------------------------------
INSTALLED_APPS += ["partners", "incidents.interchange"]  # partner keys; import source ids

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "incidents.api.auth.PartnerKeyAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["incidents.api.permissions.ReadIncidents"],
    "DEFAULT_THROTTLE_CLASSES": [
        "incidents.api.throttles.PartnerKeyThrottle",
        "incidents.api.throttles.SignedInUserThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "user": env.str("API_USER_RATE", default="600/min"),
    },
    "DEFAULT_FILTER_BACKENDS": ["incidents.api.filters.IncidentFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "incidents.api.negotiation.FormatParameterNegotiation",
    "DEFAULT_RENDERER_CLASSES": [
        "incidents.api.renderers.FastJSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "EXCEPTION_HANDLER": "incidents.api.errors.api_exception_handler",
    "URL_FORMAT_OVERRIDE": "format",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
API_PAGE_SIZE = env.int("API_PAGE_SIZE", default=100)
API_MAX_PAGE_SIZE = env.int("API_MAX_PAGE_SIZE", default=1000)
# Incremental sync hands out a next_since token no later than this many seconds
# before now, so a change whose transaction commits late is still delivered.
API_SYNC_SETTLE_SECONDS = env.int("API_SYNC_SETTLE_SECONDS", default=30)
SPECTACULAR_SETTINGS = {
    "TITLE": "ConflictWatch API",
    "DESCRIPTION": (
        "Armed-conflict incidents extracted from news reports, with every revision of "
        "each death toll and its source. Authenticate with `Authorization: Api-Key <key>` "
        "(keys are issued by the ConflictWatch editors). Lists are cursor-paginated; "
        "incremental sync: pass `updated_since` once, then the `next_since` token you get "
        "back as `since`. `?format=geojson` and `?format=csv` (ACLED-compatible columns) "
        "stream the whole filtered selection."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {"IncidentStatusEnum": "incidents.models.IncidentStatus"},
    # Every authenticated operation may answer 503 (Redis unreachable): incidents.api.docs.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "incidents.api.docs.document_unavailable",
    ],
}

# --- Dashboard ----------------------------------------------------------------
# The dashboard's own sign-in page (analysts need no admin access to use it).
LOGIN_URL = "dashboard:login"
LOGIN_REDIRECT_URL = "dashboard:home"
LOGOUT_REDIRECT_URL = "dashboard:login"

# --- Ingestion ----------------------------------------------------------------
FETCH_ALLOW_LOOPBACK = env.bool("FETCH_ALLOW_LOOPBACK", default=False)
# Ports the fetcher may connect to on public hosts (loopback, when allowed
# above, may use any port).
FETCH_ALLOWED_PORTS = [int(port) for port in env.list("FETCH_ALLOWED_PORTS", default=["80", "443"])]
FETCH_MAX_BYTES = env.int("FETCH_MAX_BYTES", default=5 * 1024 * 1024)
FETCH_MAX_REDIRECTS = env.int("FETCH_MAX_REDIRECTS", default=5)
FETCH_CONNECT_TIMEOUT = env.float("FETCH_CONNECT_TIMEOUT", default=5.0)
FETCH_READ_TIMEOUT = env.float("FETCH_READ_TIMEOUT", default=20.0)
# The whole fetch (every redirect, headers and body) must be done within this;
# well under CELERY_TASK_SOFT_TIME_LIMIT, so a site dripping bytes cannot hold
# a worker for the whole task limit.
FETCH_TOTAL_TIMEOUT = env.float("FETCH_TOTAL_TIMEOUT", default=45.0)
FETCH_USER_AGENT = env.str(
    "FETCH_USER_AGENT", default="ConflictWatch/0.1 (+https://github.com/conflictwatch)"
)
# Two reports are the same incident when they are this close in space and time
# and their actors do not contradict each other.
MATCH_MAX_KM = env.float("MATCH_MAX_KM", default=40.0)
MATCH_MAX_DAYS = env.int("MATCH_MAX_DAYS", default=2)
# Approve candidates as published incidents without review (demo only).
INGEST_AUTO_APPROVE = env.bool("INGEST_AUTO_APPROVE", default=False)
# Accept machine-extracted figures on published incidents without an editor
# (see incidents/tolls.py, "publication rule"); the demo turns it on.
TOLL_AUTO_ACCEPT = env.bool("TOLL_AUTO_ACCEPT", default=False)
# Editorial acts are recorded in words as history change reasons; they can be
# longer than simple-history's default 100 characters.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True
