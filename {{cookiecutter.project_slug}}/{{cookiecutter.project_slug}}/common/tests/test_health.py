from unittest import mock

import pytest
from django.db import connection
from django.test import override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

UNREACHABLE_REDIS_URL = "redis://127.0.0.1:1/0"


@pytest.fixture
def database_unreachable():
    """Point new database connections at a closed port, as when MySQL is down."""
    with mock.patch.dict(connection.settings_dict, {"HOST": "127.0.0.1", "PORT": "1"}):
        yield


@pytest.fixture
def cache_unreachable():
    cache_settings = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": UNREACHABLE_REDIS_URL,
        },
    }
    with override_settings(CACHES=cache_settings):
        yield


def test_live_answers_ok(client):
    response = client.get(reverse("health:live"))

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_live_answers_ok_while_the_database_is_down(client, database_unreachable):
    assert client.get(reverse("health:live")).status_code == 200


def test_ready_answers_ok_when_every_dependency_answers(client):
    response = client.get(reverse("health:ready"))

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["failed"] == []
    # First what every request needs; then what the settings add (READINESS_EXTRA_CHECKS).
    assert list(body["checks"])[:2] == ["database", "cache"]
    assert set(body["checks"].values()) == {"ok"}


def test_ready_names_the_database_when_it_is_down(client, database_unreachable):
    response = client.get(reverse("health:ready"))

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["failed"] == ["database"]
    assert body["checks"]["cache"] == "ok"


def test_ready_names_the_cache_when_it_is_down(client, cache_unreachable):
    response = client.get(reverse("health:ready"))

    assert response.status_code == 503
    assert response.json()["failed"] == ["cache"]


def test_probes_answer_any_host_while_other_urls_check_it(client):
    assert client.get(reverse("health:live"), HTTP_HOST="10.0.0.7").status_code == 200
    assert client.get(reverse("health:ready"), HTTP_HOST="10.0.0.7").status_code == 200
    assert client.get("/no-such-page/", HTTP_HOST="10.0.0.7").status_code == 400


@pytest.mark.parametrize("path", ["/health/live/", "/health/ready/"])
def test_the_probes_answer_with_a_trailing_slash_too(client, path):
    assert client.get(path, HTTP_HOST="10.0.0.7").status_code == 200


def test_an_unknown_path_under_health_is_an_ordinary_404(client):
    assert client.get("/health/nope").status_code == 404
