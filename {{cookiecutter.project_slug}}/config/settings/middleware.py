"""The middleware stack, outermost first."""

from config.settings.database import REPLICA_ROUTING_MIDDLEWARE

MIDDLEWARE = [
    "{{ cookiecutter.project_slug }}.common.health.middleware.ProbeMiddleware",
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
    # Binds a request id to every log line of the request.
    "django_structlog.middlewares.RequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
{%- if cookiecutter.use_prometheus == "yes" %}
    "django_prometheus.middleware.PrometheusAfterMiddleware",
{%- endif %}
    # Innermost, around the views, when read replicas are configured (database.py): it sees
    # every write and the user DRF authenticated.
    *REPLICA_ROUTING_MIDDLEWARE,
]
