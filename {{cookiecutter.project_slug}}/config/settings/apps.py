"""The installed applications: Django's, third-party, and the service's own."""

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
# A new app of the service is added here (see .project-rules/backend/folder-structure.md).
LOCAL_APPS = [
    "{{ cookiecutter.project_slug }}.common",
    "{{ cookiecutter.project_slug }}.users",
{%- if cookiecutter.include_example_app == "yes" %}
    "{{ cookiecutter.project_slug }}.ledger",
{%- endif %}
]
INSTALLED_APPS = DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS
