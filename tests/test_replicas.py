"""Reads from a real MariaDB replica: the default bake's replica tests against a pair of its own.

The session starts a primary and a replica replicating from it (tests/mariadb_pair.py), on free
ports, and stops both at the end. The bake's `replicas` tests (ledger/tests/test_replicas.py)
then run inside the bake with DATABASE_URL on the primary and DATABASE_REPLICA_URLS on the
replica: replica reads, read-your-writes under lag, and fallback when the replica is behind or down.
"""

from collections.abc import Iterator

import pytest

from tests.conftest import require_services
from tests.generated import GeneratedProject
from tests.mariadb_pair import ReplicationPair, replication_pair

DATABASE = "replicated_service"
# The bake's tests marked `replicas`: all of them must run, none skip.
REPLICA_TESTS = 4


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ReplicationPair]:
    with replication_pair(tmp_path_factory.mktemp("mariadb-pair")) as started:
        yield started


@pytest.fixture(scope="module")
def project(installed) -> GeneratedProject:
    return installed()


def test_the_bake_reads_from_its_replica_and_its_own_writes_from_the_primary(
    pair: ReplicationPair, project: GeneratedProject
) -> None:
    require_services("redis")
    pair.primary.sql(f"CREATE DATABASE {DATABASE} CHARACTER SET utf8mb4")
    result = project.run(
        "uv run pytest -m replicas -n 0 --no-cov -p no:cacheprovider -q",
        DATABASE_URL=pair.primary.url(DATABASE),
        DATABASE_REPLICA_URLS=pair.replica.url(DATABASE),
    )
    assert f"{REPLICA_TESTS} passed" in result.stdout, result.stdout
    assert "skipped" not in result.stdout, result.stdout
