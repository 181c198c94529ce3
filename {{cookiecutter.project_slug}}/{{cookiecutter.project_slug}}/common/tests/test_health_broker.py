"""/health/ready checks the Celery broker too (common/health/broker.py)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

{% if cookiecutter.celery_broker == "rabbitmq" -%}
UNREACHABLE_BROKER_URL = "amqp://guest:guest@127.0.0.1:1//"
{%- else -%}
UNREACHABLE_BROKER_URL = "redis://127.0.0.1:1/0"
{%- endif %}


@pytest.fixture
def broker_unreachable(monkeypatch):
    """Point new broker connections at a closed port, as when the broker is down."""
    # Celery takes the broker from this variable first (common/tests/worker.py sets it for the
    # tests).
    monkeypatch.setenv("CELERY_BROKER_URL", UNREACHABLE_BROKER_URL)


def test_ready_checks_the_broker_after_the_database_and_the_cache(client):
    response = client.get(reverse("health:ready"))

    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "cache": "ok", "broker": "ok"}


def test_ready_names_the_broker_when_it_is_down(client, broker_unreachable):
    response = client.get(reverse("health:ready"))

    assert response.status_code == 503
    assert response.json()["failed"] == ["broker"]
