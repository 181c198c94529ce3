"""Production: secure defaults, and a refusal to start on an unsafe configuration."""

from config.env import env
from config.production_checks import refuse_unsafe_production_settings

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, DEBUG, MIDDLEWARE, SECRET_KEY
{%- if cookiecutter.use_sentry == "yes" %}
from .sentry import *  # noqa: F403
{%- endif %}

refuse_unsafe_production_settings(debug=DEBUG, secret_key=SECRET_KEY, allowed_hosts=ALLOWED_HOSTS)

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

# Static files (admin, API docs) served by the app server itself, after SecurityMiddleware:
# content-hashed names, compressed, cached forever by browsers and proxies.
_AFTER_SECURITY = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1
MIDDLEWARE = [
    *MIDDLEWARE[:_AFTER_SECURITY],
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[_AFTER_SECURITY:],
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
