"""Test run: real MySQL and Redis, fast password hashing, e-mails kept in memory."""

from urllib.parse import urlsplit, urlunsplit

from config.env import env

from .base import *  # noqa: F403
from .base import CACHES, INSTALLED_APPS, LOGGING, REDIS_URL, STORAGES
{%- if cookiecutter.use_celery == "yes" %}
from .base import CELERY_BROKER_URL as DEVELOPMENT_BROKER_URL
{%- endif %}
{%- if cookiecutter.celery_broker == "rabbitmq" %}
from .base import CELERY_TASK_DEFAULT_QUEUE as DEVELOPMENT_QUEUE
{%- endif %}

# Tests sign tokens too; CI has no .env, and a fixed key is fine for throwaway data.
SECRET_KEY = env(
    "DJANGO_SECRET_KEY", default="django-insecure-key-for-the-test-suite-only-never-for-a-server"
)
LOGGING["handlers"]["console"]["formatter"] = env("DJANGO_LOG_FORMAT", default="console")
# django-migration-linter's `lintmigrations` (`make migrations`): a development tool only.
INSTALLED_APPS = [*INSTALLED_APPS, "django_migration_linter"]
# Fast hashing: tests create many users; hash strength is not what they check.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Media on the local disk (a temporary directory: conftest.py), whatever MEDIA_BUCKET says; the
# tests that need object storage ask for their own bucket (common/tests/object_storage.py).
STORAGES = {
    **STORAGES,
    "default": {
        "BACKEND": "{{ cookiecutter.project_slug }}.common.media.storage.SignedFileSystemStorage",
    },
}


def _redis_database(url: str, number: int) -> str:
    """Return the same Redis server with another database number."""
    return urlunsplit(urlsplit(url)._replace(path=f"/{number}"))


# pytest-xdist runs the suite in parallel processes and names each in PYTEST_XDIST_WORKER (gw0,
# gw1...); pytest-django gives each its own test database (test_..._gw0). Each also gets its own
# cache keys{% if cookiecutter.use_celery == "yes" %} and task queue below, and the worker it starts inherits the name{% else %} below{% endif %}: processes
# never see each other's throttle counters{% if cookiecutter.use_celery == "yes" %} or take each other's tasks{% endif %}.
_TEST_PROCESS = env("PYTEST_XDIST_WORKER", default="")
_PROCESS_SUFFIX = f".{_TEST_PROCESS}" if _TEST_PROCESS else ""

# Tests get a Redis database of their own, their keys (KEY_PREFIX) deleted before each test
# (see conftest.py): throttle counters and cached values must not leak between tests or into a
# developer's data, and another service's tests may share the database.
TEST_REDIS_URL = env("TEST_REDIS_URL", default=_redis_database(REDIS_URL, 14))
CACHES["default"]["LOCATION"] = TEST_REDIS_URL
CACHES["default"]["KEY_PREFIX"] += _PROCESS_SUFFIX
{%- if cookiecutter.use_celery == "yes" %}

# Tasks run in-process and at once (after the commit, with delay_on_commit) in API and service
# tests. Tests with a real worker switch this off and use the test broker
{%- if cookiecutter.celery_broker == "redis" %}
# (its own Redis database, emptied when the session starts; see common/tests/worker.py).
{%- else %}
# (a RabbitMQ queue of its own, declared afresh when the session starts; see
# common/tests/worker.py).
{%- endif %}
CELERY_TASK_ALWAYS_EAGER = True
{%- if cookiecutter.celery_broker == "redis" %}
CELERY_BROKER_URL = env(
    "TEST_CELERY_BROKER_URL", default=_redis_database(DEVELOPMENT_BROKER_URL, 15)
)
{%- else %}
CELERY_BROKER_URL = env("TEST_CELERY_BROKER_URL", default=DEVELOPMENT_BROKER_URL)
{%- endif %}
# A queue of the tests' own, named after the service: another service's worker never takes it.
{%- if cookiecutter.celery_broker == "redis" %}
CELERY_TASK_DEFAULT_QUEUE = f"{{ cookiecutter.project_slug }}.tests{_PROCESS_SUFFIX}"
{%- else %}
# The session deletes and declares it afresh (a quorum queue), since a queue's type is fixed.
CELERY_TASK_DEFAULT_QUEUE = f"{DEVELOPMENT_QUEUE}.tests{_PROCESS_SUFFIX}"
{%- endif %}
CELERY_RESULT_BACKEND = TEST_REDIS_URL
{%- endif %}
