"""Settings shared by every environment.

Everything that differs between machines comes from the environment (see .env.example);
local.py, test.py and production.py only adjust what their environment needs.
"""

{% if cookiecutter.api_auth == "jwt" -%}
from datetime import timedelta
{% endif -%}
from pathlib import Path
from typing import Any

import environ

from config.log_format import FORMATTERS, configure_structlog

BASE_DIR = Path(__file__).resolve().parents[2]
APPS_DIR = BASE_DIR / "{{ cookiecutter.project_slug }}"

# FileAwareEnv also reads VAR_FILE (a path) for VAR, the way container secrets are mounted.
env = environ.FileAwareEnv()
DOT_ENV_FILE = BASE_DIR / ".env"
if DOT_ENV_FILE.is_file():
    # A developer's .env fills in what the real environment leaves unset; real variables win.
    env.read_env(DOT_ENV_FILE)

# --- Core -----------------------------------------------------------------------------------
SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS: list[str] = env.list("DJANGO_ALLOWED_HOSTS", default=[])
ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en-us"
TIME_ZONE = "{{ cookiecutter.timezone }}"
USE_I18N = True
USE_TZ = True

# --- Applications ---------------------------------------------------------------------------
DJANGO_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]
THIRD_PARTY_APPS = [
    "corsheaders",
    "django_structlog",
    "rest_framework",
{%- if cookiecutter.api_auth == "jwt" %}
    "rest_framework_simplejwt.token_blacklist",
{%- else %}
    "rest_framework.authtoken",
{%- endif %}
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
{%- if cookiecutter.use_prometheus == "yes" %}
    "django_prometheus",
{%- endif %}
{%- if cookiecutter.use_celery_beat == "yes" %}
    "django_celery_beat",
{%- endif %}
]
LOCAL_APPS = [
    "{{ cookiecutter.project_slug }}.common",
    "{{ cookiecutter.project_slug }}.users",
{%- if cookiecutter.include_example_app == "yes" %}
    "{{ cookiecutter.project_slug }}.ledger",
{%- endif %}
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS

AUTH_USER_MODEL = "users.User"

MIDDLEWARE = [
    "{{ cookiecutter.project_slug }}.common.middleware.ProbeMiddleware",
{%- if cookiecutter.use_prometheus == "yes" %}
    "django_prometheus.middleware.PrometheusBeforeMiddleware",
{%- endif %}
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Before CommonMiddleware, so cross-origin preflights get their answer.
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Binds a request id to every log line of the request{% if cookiecutter.use_celery == "yes" %} (and of the tasks it enqueues){% endif %}.
    "django_structlog.middlewares.RequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
{%- if cookiecutter.use_prometheus == "yes" %}
    "django_prometheus.middleware.PrometheusAfterMiddleware",
{%- endif %}
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database: MySQL 8.4 / MariaDB 10.11+ -----------------------------------------------------
# DATABASE_URL=mysql://USER:PASSWORD@HOST:3306/NAME
DATABASES = {"default": env.db_url("DATABASE_URL")}
DATABASES["default"]["OPTIONS"] = {
    **DATABASES["default"].get("OPTIONS", {}),
    # utf8mb4 stores every Unicode character, emoji included (MySQL's "utf8" stops at 3 bytes).
    "charset": "utf8mb4",
    "init_command": (
        # Strict mode turns silent truncation, zero dates and division by zero into errors.
        "SET sql_mode='ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
        "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION',"
        # Seconds a statement waits for a row lock (InnoDB's default: 50): a request or task
        # stuck behind a lock fails fast, and a task retries.
        f" innodb_lock_wait_timeout={env.int('DATABASE_LOCK_WAIT_TIMEOUT', default=10)}"
    ),
    # Django's recommended level, stated outright: InnoDB's REPEATABLE READ can lose data.
    "isolation_level": "read committed",
    "connect_timeout": env.int("DATABASE_CONNECT_TIMEOUT", default=5),
}
# Persistent connections, checked before reuse so a restarted server is not a 500.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["TEST"] = {"CHARSET": "utf8mb4", "COLLATION": "utf8mb4_unicode_ci"}

# Read replicas (optional): reads go to them, writes and read-your-writes to the primary
# (see .project-rules/backend/database.md, "Read replicas", and common/replicas.py).
# DATABASE_REPLICA_URLS=mysql://USER:PASSWORD@REPLICA1:3306/NAME,mysql://...@REPLICA2:3306/NAME
DATABASE_REPLICA_URLS: list[str] = env.list("DATABASE_REPLICA_URLS", default=[])
for number, replica_url in enumerate(DATABASE_REPLICA_URLS, start=1):
    DATABASES[f"replica{number}"] = {
        **env.db_url_config(replica_url),
        "OPTIONS": {
            **DATABASES["default"]["OPTIONS"],
            # A replica that does not answer is skipped; it must not hold a request for long.
            "connect_timeout": env.int("DATABASE_REPLICA_CONNECT_TIMEOUT", default=2),
        },
        "CONN_MAX_AGE": DATABASES["default"]["CONN_MAX_AGE"],
        "CONN_HEALTH_CHECKS": True,
        # Test runs use the primary alone: a replica alias reads the test database there.
        "TEST": {"MIRROR": "default"},
    }
if DATABASE_REPLICA_URLS:
    DATABASE_ROUTERS = ["{{ cookiecutter.project_slug }}.common.replicas.ReplicaRouter"]
    # Innermost, around the views: it sees every write and the user DRF authenticated.
    MIDDLEWARE.append(
        "{{ cookiecutter.project_slug }}.common.replicas.ReplicaRoutingMiddleware",
    )
# Seconds a replica may be behind before reads skip it.
DATABASE_REPLICA_MAX_LAG = env.int("DATABASE_REPLICA_MAX_LAG", default=5)
# Seconds a user who wrote keeps reading the primary in their next requests.
DATABASE_READ_YOUR_WRITES_SECONDS = env.int("DATABASE_READ_YOUR_WRITES_SECONDS", default=10)

# Schema changes (see .project-rules/backend/database.md, "Changing the schema safely"):
# seconds `migrate` waits for a table's locks before failing, instead of queueing traffic.
DATABASE_MIGRATION_LOCK_WAIT_TIMEOUT = env.int("DATABASE_MIGRATION_LOCK_WAIT_TIMEOUT", default=5)
# django-migration-linter (`make migrations`, a development tool): the project's own migrations,
# as MySQL would run them. A reviewed two-step change is listed by name under "ignore_name".
MIGRATION_LINTER_OPTIONS = {
    "sql_analyser": "mysql",
    "include_apps": [app.rsplit(".", 1)[-1] for app in LOCAL_APPS],
    "no_cache": True,
    "quiet": ["ok", "ignore"],
}

# --- Cache: Redis -----------------------------------------------------------------------------
REDIS_URL = env("REDIS_URL", default="redis://127.0.0.1:6379/0")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "{{ cookiecutter.project_slug }}",
        "OPTIONS": {
            # Short timeouts: a stuck Redis must fail a request quickly, not hang a worker.
            "socket_connect_timeout": env.float("REDIS_CONNECT_TIMEOUT", default=2.0),
            "socket_timeout": env.float("REDIS_TIMEOUT", default=2.0),
        },
    },
}

# --- Authentication -----------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- API: Django REST Framework ------------------------------------------------------------
{%- if cookiecutter.api_auth == "jwt" %}
API_AUTHENTICATION_CLASS = "rest_framework_simplejwt.authentication.JWTAuthentication"
{%- else %}
API_AUTHENTICATION_CLASS = "rest_framework.authentication.TokenAuthentication"
{%- endif %}
REST_FRAMEWORK: dict[str, Any] = {
    # Token authentication only: no session cookies (and their CSRF) and no Basic auth on the
    # API. Sessions serve the admin and the API docs (SPECTACULAR_SETTINGS below).
    "DEFAULT_AUTHENTICATION_CLASSES": [API_AUTHENTICATION_CLASS],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "{{ cookiecutter.project_slug }}.common.parsers.JSONParser",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "{{ cookiecutter.project_slug }}.common.throttling.AnonRateThrottle",
        "{{ cookiecutter.project_slug }}.common.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_THROTTLE_RATE_ANON", default="60/minute"),
        "user": env("API_THROTTLE_RATE_USER", default="600/minute"),
        # Login and token endpoints: slows password guessing, keyed by client address.
        "auth": env("API_THROTTLE_RATE_AUTH", default="10/minute"),
    },
    # Proxies in front of the service whose X-Forwarded-For hop is trusted as the client address
    # (the throttles' key). 0 trusts no forwarded header: a client could pick its own key.
    "NUM_PROXIES": env.int("DJANGO_NUM_PROXIES", default=0),
    "DEFAULT_PAGINATION_CLASS": "{{ cookiecutter.project_slug }}.common.pagination.CursorPagination",
    "DEFAULT_VERSIONING_CLASS": "rest_framework.versioning.NamespaceVersioning",
    "DEFAULT_VERSION": "v1",
    "ALLOWED_VERSIONS": ["v1"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "{{ cookiecutter.project_slug }}.common.filters.StrictOrderingFilter",
    ],
    "URL_FORMAT_OVERRIDE": None,
    "EXCEPTION_HANDLER": "{{ cookiecutter.project_slug }}.common.problems.problem_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "{{ cookiecutter.project_slug }}.common.schema.ProblemAutoSchema",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
{%- if cookiecutter.api_auth == "jwt" %}

SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=env.int("JWT_ACCESS_TOKEN_MINUTES", default=15)),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=env.int("JWT_REFRESH_TOKEN_DAYS", default=7)),
    # Each refresh returns a new refresh token and blacklists the old one: a stolen refresh
    # token works once at most, and logout (blacklisting) ends the session for good.
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "UPDATE_LAST_LOGIN": True,
}
{%- endif %}

SPECTACULAR_SETTINGS: dict[str, Any] = {
    "TITLE": {{ cookiecutter.project_name | python_string('"TITLE": ') }},
    "DESCRIPTION": {{ cookiecutter.description | python_string('"DESCRIPTION": ') }},
    "VERSION": "{{ cookiecutter.version }}",
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    # The schema documents the API's own authentication, in every environment.
    "AUTHENTICATION_WHITELIST": [API_AUTHENTICATION_CLASS],
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # The docs page is served with its assets from drf-spectacular-sidecar: no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # The API's scheme first: an anonymous request gets a 401 naming it in WWW-Authenticate
    # (with the session first, DRF answers a bare 403).
    "SERVE_AUTHENTICATION": [
        API_AUTHENTICATION_CLASS,
        "rest_framework.authentication.SessionAuthentication",
    ],
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAdminUser"],
}

# --- Static files ---------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"

# --- Admin and e-mail ---------------------------------------------------------------------------
# The admin is mounted at DJANGO_ADMIN_URL (local default "admin/"); see production.py.
ADMIN_URL: str | None = env("DJANGO_ADMIN_URL", default="admin/")
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="{{ cookiecutter.author_email }}")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")

{% if cookiecutter.use_prometheus == "yes" -%}
# --- Metrics ------------------------------------------------------------------------------------
# Bearer token Prometheus sends to read /metrics; unset, /metrics answers 404 to everyone.
METRICS_TOKEN = env("METRICS_TOKEN", default="")

{% endif -%}
# --- Security shared by all environments ------------------------------------------------------
# Browsers may call the API from these origins only; none unless configured. Clients send
# their token in a header, so cross-origin requests carry no cookies.
CORS_ALLOWED_ORIGINS: list[str] = env.list("DJANGO_CORS_ALLOWED_ORIGINS", default=[])
CORS_URLS_REGEX = r"^/api/.*$"
# Largest request body the API reads (bytes): larger is a 413. Django's default is 2.5 MB.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DJANGO_DATA_UPLOAD_MAX_MEMORY_SIZE", default=1024 * 1024)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# --- Logging: structlog -----------------------------------------------------------------------
# One line per event (see config/log_format.py). DJANGO_LOG_FORMAT: "json" or "console".
LOG_FORMAT = env("DJANGO_LOG_FORMAT", default="json")
LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": FORMATTERS,
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT},
    },
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    # Django's own handlers would print each django.* line (a 4xx, the autoreloader) a second
    # time while DEBUG is on; its lines reach the root handler alone, in the format above.
    "loggers": {"django": {"handlers": [], "propagate": True}},
}
configure_structlog()
# Accept the id a load balancer or caller sends as X-Request-ID, so one id follows a request
# across services, if it matches [A-Za-z0-9._:-]{1,64} (common/request_ids.py); without one,
# or with any other, a new id is made. It is returned in the X-Request-ID header.
DJANGO_STRUCTLOG_TRUST_UPSTREAM_REQUEST_ID = True
{%- if cookiecutter.use_celery == "yes" %}
DJANGO_STRUCTLOG_CELERY_ENABLED = True
{%- endif %}
{%- if cookiecutter.use_celery == "yes" %}

# --- Celery -----------------------------------------------------------------------------------
# Read by config/celery.py: every CELERY_* setting is Celery's own setting of the same name.
{%- if cookiecutter.celery_broker == "redis" %}
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="redis://127.0.0.1:6379/1")
{%- else %}
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="amqp://guest:guest@127.0.0.1:5672//")
{%- endif %}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_TIMEOUT = env.float("CELERY_BROKER_CONNECTION_TIMEOUT", default=2.0)
# Sending a task retries briefly, then fails: a request never hangs on a dead broker.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 1,
}
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=REDIS_URL)
# Results are kept only for tasks that ask (ignore_result=False).
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_EXPIRES = 60 * 60 * 24
# JSON only: no pickle, so a message on the broker can never run code.
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
# Acknowledge after the task finished, one message at a time per process, and send a task
# again when its worker process dies: nothing is lost in a crash, so tasks must be idempotent.
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_RETRY_ON_WORKER_LOST = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=60)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=90)
# The longest a retry waits (common/background.py's backoff cap; the worker-lost retry's 2 s
# delay in config/celery.py is below it): no task is sent with a longer countdown or ETA.
TASK_RETRY_BACKOFF_MAX = env.int("CELERY_TASK_RETRY_BACKOFF_MAX", default=60)
{%- if cookiecutter.celery_broker == "redis" %}
# A whole worker lost (its main process killed with its pool, or its host gone): Redis has no
# connection to notice it by, so kombu gives an unacknowledged task back to its queue once it
# is older than visibility_timeout; every live worker looks for such tasks each
# unacked_restore_interval seconds (throttle 1: each look is one small sorted-set read). Such a
# task runs again within visibility_timeout + unacked_restore_interval (191 s by default). The
# timeout exceeds the longest a worker may hold a message, a retry's countdown and then the hard
# time limit, plus a margin for clock skew between worker hosts: shorter, a task still waiting
# or running would be started a second time.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": TASK_RETRY_BACKOFF_MAX
    + CELERY_TASK_TIME_LIMIT
    + env.int("CELERY_VISIBILITY_MARGIN", default=40),
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
}
{%- endif %}
CELERY_TIMEZONE = TIME_ZONE
# The worker keeps Django's LOGGING (structlog) instead of installing its own handlers.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Tasks go to a queue named after the service (not Celery's shared "celery"): another service
# on the same broker has its own queue, so neither's worker takes the other's tasks. A worker
# started without -Q consumes this queue.
CELERY_TASK_DEFAULT_QUEUE = "{{ cookiecutter.project_slug }}"
{%- if cookiecutter.use_flower == "yes" %}
# Task events feed Flower's dashboard.
CELERY_WORKER_SEND_TASK_EVENTS = True
CELERY_TASK_SEND_SENT_EVENT = True
{%- endif %}
{%- if cookiecutter.use_celery_beat == "yes" %}
# Periodic tasks live in the database (django-celery-beat), written by
# `manage.py setup_periodic_tasks` from PERIODIC_TASKS; run exactly one beat process.
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# name -> (registered task name, crontab "minute hour day-of-month month day-of-week")
{%- if cookiecutter.include_example_app == "yes" %}
PERIODIC_TASKS: dict[str, tuple[str, str]] = {
    "ledger: post entries left pending": ("ledger.post_stale_entries", "* * * * *"),
    "ledger: reconcile account balances": ("ledger.reconcile_balances", "15 3 * * *"),
}
{%- else %}
PERIODIC_TASKS: dict[str, tuple[str, str]] = {}
{%- endif %}
{%- endif %}
{%- endif %}
