"""Reads from a replica, read-your-writes, and fallback, against a real MariaDB primary and replica.

Not part of the usual run: `pytest -m replicas -n 0`, with DATABASE_URL naming a primary and
DATABASE_REPLICA_URLS one replica of it (MariaDB, replicating with GTIDs), in an empty database
of their own. The template's tests start such a pair and run these. They use the configured
databases as they are, migrated here, instead of a test database made by Django: the point is
what replication delivers to the replica, and a database created on each server would not
replicate. Hence one process (`-n 0`): pytest-xdist's would each migrate the same database.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connections
from django.test import override_settings
from django.urls import reverse
from rest_framework.test import APIClient

from {{ cookiecutter.project_slug }}.common.data.replicas import (
    forget_replica_states,
    routing_scope,
)
from {{ cookiecutter.project_slug }}.ledger.models import Account
from {{ cookiecutter.project_slug }}.ledger.selectors import account_list
from {{ cookiecutter.project_slug }}.ledger.services import account_create
from {{ cookiecutter.project_slug }}.users.models import User
from {{ cookiecutter.project_slug }}.users.tests.factories import UserFactory

pytestmark = pytest.mark.replicas

REPLICA = "replica1"
ACCOUNTS = reverse("v1:ledger:account-list")
READY = reverse("health:ready")
# Far above the ids the primary hands out, so a row made on the replica alone never collides
# with a replicated one.
REPLICA_ONLY_ID = 10**9


@pytest.fixture(scope="session")
def django_db_setup(django_db_blocker: Any, worker_id: str) -> None:
    """Migrate the primary; the replica receives the schema by replication."""
    if worker_id != "master":  # pytest-xdist's name for a run without its processes
        pytest.fail("the replica tests share the configured database: run them with -n 0")
    with django_db_blocker.unblock():
        call_command("migrate", verbosity=0)


@dataclass
class Users:
    writer: User
    reader: User

    def client(self, user: User) -> APIClient:
        client = APIClient()
        client.force_authenticate(user)
        return client


def run_on_replica(statement: str) -> None:
    with connections[REPLICA].cursor() as cursor:
        cursor.execute(statement)


def wait_for_replica() -> None:
    """Wait until the replica has applied everything the primary has written so far."""
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT @@gtid_binlog_pos")
        (position,) = cursor.fetchone()
    with connections[REPLICA].cursor() as cursor:
        cursor.execute("SELECT MASTER_GTID_WAIT(%s, 30)", [position])
        (waited,) = cursor.fetchone()
    assert waited == 0, "the replica did not catch up with the primary within 30 s"


def account_only_on_replica(owner: User) -> None:
    Account.objects.using(REPLICA).create(
        pk=REPLICA_ONLY_ID, owner_id=owner.pk, name="replica only"
    )


def names(response: Any) -> set[str]:
    assert response.status_code == 200, response.content
    return {account["name"] for account in response.json()["results"]}


@pytest.fixture
def users(django_db_setup: None, django_db_blocker: Any) -> Iterator[Users]:
    with django_db_blocker.unblock():
        forget_replica_states()
        created = Users(writer=UserFactory(), reader=UserFactory())
        wait_for_replica()
        yield created
        # The replica's own row first: replicating the users' deletion would fail on it.
        Account.objects.using(REPLICA).filter(pk=REPLICA_ONLY_ID).delete()
        User.objects.filter(pk__in=[created.writer.pk, created.reader.pk]).delete()
        wait_for_replica()


def test_a_read_with_no_write_before_it_is_served_by_the_replica(users: Users) -> None:
    account_only_on_replica(users.reader)

    assert names(users.client(users.reader).get(ACCOUNTS)) == {"replica only"}


@override_settings(DATABASE_REPLICA_MAX_LAG=3600)  # behind, but within the bound
def test_who_wrote_reads_the_primary_in_that_scope_and_the_next_requests_others_the_replica(
    users: Users,
) -> None:
    run_on_replica("STOP SLAVE; CHANGE MASTER TO MASTER_DELAY=600; START SLAVE")
    try:
        with routing_scope():
            account_create(owner=users.writer, name="written in this scope")
            assert {account.name for account in account_list(owner=users.writer)} == {
                "written in this scope"
            }
        writer = users.client(users.writer)
        assert (
            writer.post(ACCOUNTS, {"name": "written by a request"}, format="json").status_code
            == 201
        )
        assert names(writer.get(ACCOUNTS)) == {"written in this scope", "written by a request"}

        account_create(owner=users.reader, name="not on the replica yet")
        account_only_on_replica(users.reader)
        assert names(users.client(users.reader).get(ACCOUNTS)) == {"replica only"}
    finally:
        run_on_replica("STOP SLAVE; CHANGE MASTER TO MASTER_DELAY=0; START SLAVE")


def test_a_replica_that_stopped_replicating_is_skipped_and_readiness_says_so(
    users: Users,
) -> None:
    run_on_replica("STOP SLAVE SQL_THREAD")
    try:
        account_only_on_replica(users.reader)
        account_create(owner=users.reader, name="on the primary")

        assert names(users.client(users.reader).get(ACCOUNTS)) == {"on the primary"}
        ready = APIClient().get(READY)
        assert ready.status_code == 200
        assert ready.json()["replicas"] == {
            REPLICA: {"state": "not replicating", "lag_seconds": None}
        }
    finally:
        run_on_replica("START SLAVE SQL_THREAD")


def test_a_replica_that_is_down_is_skipped_without_an_error(users: Users) -> None:
    account_create(owner=users.reader, name="on the primary")
    replica = connections[REPLICA]
    replica.close()
    real_port = replica.settings_dict["PORT"]
    replica.settings_dict["PORT"] = "1"  # nothing listens there: the replica is "down"
    try:
        assert names(users.client(users.reader).get(ACCOUNTS)) == {"on the primary"}
        ready = APIClient().get(READY)
        assert ready.status_code == 200
        assert ready.json()["replicas"][REPLICA]["state"] == "unavailable"
    finally:
        replica.close()
        replica.settings_dict["PORT"] = real_port
