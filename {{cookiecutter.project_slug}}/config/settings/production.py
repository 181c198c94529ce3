"""Production: secure defaults, and a refusal to start on an unsafe configuration."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, DEBUG, SECRET_KEY, env

# Django's own thresholds for a weak key (security.W009).
MIN_SECRET_KEY_LENGTH = 50
MIN_SECRET_KEY_DISTINCT_CHARACTERS = 5


def _refuse_unsafe_configuration() -> None:
    """Stop the process with a message that says which variable to fix."""
    if DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_DEBUG is on; production must run with DJANGO_DEBUG=false (or unset)."
        )
    if (
        len(SECRET_KEY) < MIN_SECRET_KEY_LENGTH
        or len(set(SECRET_KEY)) < MIN_SECRET_KEY_DISTINCT_CHARACTERS
        or SECRET_KEY.startswith("django-insecure-")
    ):
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is missing or weak: set it (or DJANGO_SECRET_KEY_FILE) to at "
            f"least {MIN_SECRET_KEY_LENGTH} random characters, e.g. the output of "
            "`python -c 'import secrets; print(secrets.token_urlsafe(64))'`."
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "DJANGO_ALLOWED_HOSTS is empty: set it to the comma-separated host names this "
            "service answers to, e.g. DJANGO_ALLOWED_HOSTS={{ cookiecutter.domain_name }}."
        )


_refuse_unsafe_configuration()

# No admin unless DJANGO_ADMIN_URL names a path: a well-known /admin/ invites brute force.
ADMIN_URL = env("DJANGO_ADMIN_URL", default=None)

# --- HTTPS behind a TLS-terminating proxy ---------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
