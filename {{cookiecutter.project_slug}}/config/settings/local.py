"""Developer machine: DEBUG on, browsable API, e-mails printed to the console."""

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, env

DEBUG = True
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "localhost", "127.0.0.1", "[::1]"]
EMAIL_BACKEND = env(
    "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
