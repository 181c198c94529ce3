"""Fixtures shared by every test, and one clear stop when a service the tests need is down."""

from collections.abc import Callable, Generator, Iterator
from typing import Any

import MySQLdb
import pytest
import redis
from coverage import Coverage
from django.conf import settings
from django.test import override_settings
{%- if cookiecutter.api_auth == "token" %}
from rest_framework.authtoken.models import Token
{%- endif %}
from rest_framework.test import APIClient
{%- if cookiecutter.api_auth == "jwt" %}
from rest_framework_simplejwt.tokens import RefreshToken
{%- endif %}

from {{ cookiecutter.project_slug }}.common.data.connection_errors import (
    database_display_url,
    unreachable_database_message,
)
from {{ cookiecutter.project_slug }}.common.tests.cache import clear_this_services_cache
from {{ cookiecutter.project_slug }}.users.models import User
from {{ cookiecutter.project_slug }}.users.tests.factories import UserFactory

pytest_plugins = [
    # An S3-compatible server for the tests that ask for `object_storage`.
    "{{ cookiecutter.project_slug }}.common.tests.object_storage",
{%- if cookiecutter.use_opentelemetry == "yes" %}
    # A test OTLP receiver, and the `traced` fixture that exports this process's spans to it.
    "{{ cookiecutter.project_slug }}.common.tests.otlp",
{%- endif %}
]

CONNECT_TIMEOUT_SECONDS = 3


def _mysql_problem() -> str | None:
    db = settings.DATABASES["default"]
    try:
        MySQLdb.connect(
            host=db["HOST"] or "localhost",
            port=int(db["PORT"] or 3306),
            user=db["USER"],
            password=db["PASSWORD"],
            connect_timeout=CONNECT_TIMEOUT_SECONDS,
        ).close()
    except MySQLdb.Error as error:
        return unreachable_database_message(error) or (
            f"MySQL at {database_display_url()} refused the test run: {error}"
        )
    return None


def _redis_problem() -> str | None:
    url = settings.CACHES["default"]["LOCATION"]
    try:
        redis.Redis.from_url(url, socket_connect_timeout=CONNECT_TIMEOUT_SECONDS).ping()
    except redis.RedisError as error:
        return (
            f"Cannot reach Redis at {url}: {error}\n"
            "  Start Redis (`redis-server --daemonize yes`{% if cookiecutter.use_docker == "yes" %}, or `docker compose up -d redis`{% endif %}), "
            "or point REDIS_URL (TEST_REDIS_URL for tests) at a running server."
        )
    return None


class ServiceHooks:
    """The hook through which a test plugin adds the services its own tests need."""

    @pytest.hookspec
    def pytest_service_problem(self, timeout: float) -> str | None:
        """Why the plugin's service cannot be reached within `timeout` seconds, or None."""


def pytest_addhooks(pluginmanager: pytest.PytestPluginManager) -> None:
    pluginmanager.add_hookspecs(ServiceHooks)


def pytest_sessionstart(session: pytest.Session) -> None:
    checks = (
        _mysql_problem(),
        _redis_problem(),
        *session.config.hook.pytest_service_problem(timeout=CONNECT_TIMEOUT_SECONDS),
    )
    problems = [problem for problem in checks if problem]
    if problems:
        pytest.exit("\n".join(problems), returncode=pytest.ExitCode.USAGE_ERROR)


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(fixturedef: pytest.FixtureDef[Any]) -> Generator[None, Any, Any]:
    """Create the test database with coverage paused.

    Creating it runs every migration: Django's code, and migrations are left out of the
    report anyway, yet tracing them added about 1.5 s to every run (5.2 s against 3.6 s).
    """
    running = Coverage.current() if fixturedef.argname == "django_db_setup" else None
    if running is None:
        return (yield)
    running.stop()
    try:
        return (yield)
    finally:
        running.start()


@pytest.fixture(scope="session", autouse=True)
def _media_in_a_temporary_directory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Local-disk media of the tests go to a temporary directory, never to the project's."""
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Start every test with an empty cache: throttle counters must not leak between tests."""
    clear_this_services_cache()


def authorization_header(user: User) -> str:
    """The Authorization header a client application would send for this user."""
{%- if cookiecutter.api_auth == "jwt" %}
    return f"Bearer {RefreshToken.for_user(user).access_token}"
{%- else %}
    token, _created = Token.objects.get_or_create(user=user)
    return f"Token {token.key}"
{%- endif %}


@pytest.fixture
def api_client() -> APIClient:
    """An anonymous API client."""
    return APIClient()


@pytest.fixture
def user(db: None) -> User:
    return UserFactory()


@pytest.fixture
def make_auth_client(user: User) -> Callable[[], APIClient]:
    """Makes API clients sending `user`'s credentials: one per thread in race tests."""
    header = authorization_header(user)

    def make() -> APIClient:
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=header)
        return client

    return make


@pytest.fixture
def auth_client(make_auth_client: Callable[[], APIClient]) -> APIClient:
    """An API client sending `user`'s real credentials (one query per request to check them)."""
    return make_auth_client()
