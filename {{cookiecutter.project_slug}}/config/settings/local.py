"""Developer machine: DEBUG on, browsable API, e-mails printed to the console."""

from config.env import env

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, INSTALLED_APPS, LOGGING, REST_FRAMEWORK, SPECTACULAR_SETTINGS

DEBUG = True
# .env holds a real key (the template wrote one); this fallback only keeps a bare checkout running.
SECRET_KEY = env(
    "DJANGO_SECRET_KEY", default="django-insecure-key-for-local-development-only-never-for-a-server"
)
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "localhost", "127.0.0.1", "[::1]"]
EMAIL_BACKEND = env(
    "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)

LOGGING["handlers"]["console"]["formatter"] = env("DJANGO_LOG_FORMAT", default="console")
# django-migration-linter's `lintmigrations` (`make migrations`): a development tool only.
INSTALLED_APPS = [*INSTALLED_APPS, "django_migration_linter"]

# The browsable API and open API docs, on a developer machine only.
REST_FRAMEWORK["DEFAULT_RENDERER_CLASSES"] = [
    *REST_FRAMEWORK["DEFAULT_RENDERER_CLASSES"],
    "rest_framework.renderers.BrowsableAPIRenderer",
]
REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"] = [
    *REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"],
    "rest_framework.authentication.SessionAuthentication",
]
SPECTACULAR_SETTINGS["SERVE_PERMISSIONS"] = ["rest_framework.permissions.AllowAny"]
