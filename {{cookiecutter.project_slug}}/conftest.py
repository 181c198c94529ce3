"""Fixtures shared by every test, and one clear stop when MySQL or Redis cannot be reached."""

import MySQLdb
import pytest
import redis
from django.conf import settings
from django.core.cache import cache

from {{ cookiecutter.project_slug }}.common.database import (
    database_display_url,
    unreachable_database_message,
)

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
            "  Start Redis (`redis-server --daemonize yes`, or `docker compose up -d redis`), "
            "or point REDIS_URL (TEST_REDIS_URL for tests) at a running server."
        )
    return None


def pytest_sessionstart(session: pytest.Session) -> None:
    problems = [problem for problem in (_mysql_problem(), _redis_problem()) if problem]
    if problems:
        pytest.exit("\n".join(problems), returncode=pytest.ExitCode.USAGE_ERROR)


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Start every test with an empty cache: throttle counters must not leak between tests."""
    cache.clear()
