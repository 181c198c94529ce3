"""Settings shared by every environment.

Everything that differs between machines comes from the environment (see .env.example);
local.py, test.py and production.py only adjust what their environment needs.
"""

{% if cookiecutter.api_auth == "jwt" -%}
from datetime import timedelta
{% endif -%}
from pathlib import Path

import environ

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
    "rest_framework",
{%- if cookiecutter.api_auth == "jwt" %}
    "rest_framework_simplejwt.token_blacklist",
{%- else %}
    "rest_framework.authtoken",
{%- endif %}
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
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
    "{{ cookiecutter.project_slug }}.common.middleware.HealthProbeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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
    # Strict mode turns silent truncation, zero dates and division by zero into errors.
    "init_command": (
        "SET sql_mode='ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
        "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'"
    ),
    # Django's recommended level, stated outright: InnoDB's REPEATABLE READ can lose data.
    "isolation_level": "read committed",
    "connect_timeout": env.int("DATABASE_CONNECT_TIMEOUT", default=5),
}
# Persistent connections, checked before reuse so a restarted server is not a 500.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["TEST"] = {"CHARSET": "utf8mb4", "COLLATION": "utf8mb4_unicode_ci"}

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
REST_FRAMEWORK = {
    # Token authentication only: no session cookies (and their CSRF) and no Basic auth on the
    # API. Sessions serve the admin and the API docs (SPECTACULAR_SETTINGS below).
    "DEFAULT_AUTHENTICATION_CLASSES": [API_AUTHENTICATION_CLASS],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
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
    "DEFAULT_PAGINATION_CLASS": "{{ cookiecutter.project_slug }}.common.pagination.CursorPagination",
    "DEFAULT_VERSIONING_CLASS": "rest_framework.versioning.NamespaceVersioning",
    "DEFAULT_VERSION": "v1",
    "ALLOWED_VERSIONS": ["v1"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
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

SPECTACULAR_SETTINGS = {
    "TITLE": {{ cookiecutter.project_name | tojson }},
    "DESCRIPTION": {{ cookiecutter.description | tojson }},
    "VERSION": "{{ cookiecutter.version }}",
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    # The schema documents the API's own authentication, in every environment.
    "AUTHENTICATION_WHITELIST": [API_AUTHENTICATION_CLASS],
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # The docs page is served with its assets from drf-spectacular-sidecar: no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "SERVE_AUTHENTICATION": [
        "rest_framework.authentication.SessionAuthentication",
        API_AUTHENTICATION_CLASS,
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

# --- Security shared by all environments ------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# --- Logging ----------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
    },
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
}
