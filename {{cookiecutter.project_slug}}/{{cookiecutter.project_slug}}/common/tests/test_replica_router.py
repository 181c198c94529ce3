"""The replica router's decisions that need no replica (those that do: `pytest -m replicas -n 0`)."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import connections, transaction
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from rest_framework.test import APIClient

from {{ cookiecutter.project_slug }}.common.data.replicas import (
    PRIMARY,
    ReplicaRouter,
    ReplicaRoutingMiddleware,
    check_replica,
    forget_replica_states,
    replica_states,
    routing_scope,
)
from {{ cookiecutter.project_slug }}.users.models import User
from {{ cookiecutter.project_slug }}.users.tests.factories import UserFactory

router = ReplicaRouter()


def test_reads_outside_a_routing_scope_go_to_the_primary() -> None:
    assert router.db_for_read(User) == PRIMARY


# transaction=True: outside TestCase's transaction, which would send every read to the primary.
@pytest.mark.django_db(transaction=True)
def test_a_write_sends_the_rest_of_its_scope_to_the_primary() -> None:
    with routing_scope() as scope:
        assert not scope.wrote
        assert router.db_for_write(User) == PRIMARY
        assert scope.wrote
        assert router.db_for_read(User) == PRIMARY


@pytest.mark.django_db
def test_reads_in_a_transaction_stay_on_the_primary() -> None:
    with routing_scope() as scope, transaction.atomic():
        assert router.db_for_read(User) == PRIMARY
        assert not scope.wrote


def test_migrations_run_on_the_primary_only_and_relations_cross_aliases() -> None:
    assert router.allow_migrate(PRIMARY, "users")
    assert not router.allow_migrate("replica1", "users")
    assert router.allow_relation(object(), object())


@pytest.mark.django_db
def test_a_server_that_does_not_replicate_is_not_used_as_a_replica() -> None:
    # The test database's own server replicates from nothing.
    state = check_replica(PRIMARY)
    assert (state.state, state.lag_seconds) == ("not replicating", None)


@pytest.mark.django_db(transaction=True)
def test_a_user_who_wrote_in_a_request_reads_the_primary_in_their_next_request() -> None:
    writer, other = UserFactory(), UserFactory()

    def view_that_writes(request: HttpRequest) -> HttpResponse:
        request.user = writer  # as DRF sets it once it has authenticated the request
        router.db_for_write(User)
        return HttpResponse()

    ReplicaRoutingMiddleware(view_that_writes)(HttpRequest())

    for user, pinned in ((writer, True), (other, False)):
        request = HttpRequest()
        request.user = user
        with routing_scope(request) as scope:
            router.db_for_read(User)
            assert scope.pinned is pinned
    assert cache.get(f"replicas:recent-writer:{writer.pk}") == 1


def test_a_user_not_yet_authenticated_is_never_resolved_by_the_router() -> None:
    def resolve() -> AnonymousUser:
        raise AssertionError("the router resolved the lazy user: a query inside a query")

    request = HttpRequest()
    request.user = SimpleLazyObject(resolve)  # type: ignore[assignment]
    with routing_scope(request) as scope:
        assert router.db_for_read(User) == PRIMARY
        assert not scope.user_checked


@pytest.fixture
def replica_that_is_down(
    django_db_setup: None, django_db_blocker: Any, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """A replica alias whose server does not answer (nothing listens on port 1).

    The test database is used without a test case around it: a test case fences off every
    alias but its own, and its transaction would send every read to the primary anyway.
    """
    alias = "replica1"
    monkeypatch.setitem(
        settings.DATABASES, alias, {**settings.DATABASES[PRIMARY], "PORT": "1", "NAME": "absent"}
    )
    forget_replica_states()
    with django_db_blocker.unblock():
        yield alias
    connections[alias].close()
    del connections[alias]
    forget_replica_states()


def test_a_replica_that_is_down_is_skipped_and_readiness_reports_it(
    replica_that_is_down: str, api_client: APIClient
) -> None:
    with routing_scope():
        assert router.db_for_read(User) == PRIMARY
    assert replica_states()[replica_that_is_down].state == "unavailable"

    response = api_client.get(reverse("health:ready"))

    assert response.status_code == 200
    assert response.json()["replicas"] == {
        replica_that_is_down: {"state": "unavailable", "lag_seconds": None}
    }
