"""Settings shared by every environment.

Everything that differs between machines comes from the environment (see .env.example);
local.py, test.py and production.py only adjust what their environment needs.
"""

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
]
LOCAL_APPS = [
    "{{ cookiecutter.project_slug }}.common",
    "{{ cookiecutter.project_slug }}.users",
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
