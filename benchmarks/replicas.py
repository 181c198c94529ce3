"""Replica reads: the ledger list served with its reads on a MariaDB replica, beside the primary.

A MariaDB primary and a replica of it are started for the run (tests/mariadb_pair.py, the same
pair the template's tests use), a default bake is loaded with the data set on the primary, and
once the replica has caught up the same gunicorn configuration serves the list twice: without
DATABASE_REPLICA_URLS (every read on the primary) and with it (the list's reads on the replica,
through common/data/replicas.py). Both servers run on this machine, so the figure shows what the
router costs and that reads move, not the capacity a replica on a host of its own adds.
"""

import sys
from dataclasses import replace

import api
from bakes import (
    DEFAULT_ANSWERS,
    TEMPLATE_DIR,
    BakedProject,
    BenchmarkError,
    bake,
    new_workdir,
    remove_workdir,
    require_program,
)
from report import Report, milliseconds

# The pair is the tests' own helper: one place starts a replicating MariaDB pair.
sys.path.insert(0, str(TEMPLATE_DIR))
from tests.mariadb_pair import ReplicationPairError, replication_pair

DATABASE = "bench_replicas"
CATCH_UP_SECONDS = 600


def measure(report: Report, data: api.DataSet, plan: api.LoadPlan) -> None:
    workdir = new_workdir("replicas")
    try:
        (workdir / "bake").mkdir()
        with replication_pair(workdir / "pair") as pair:
            pair.primary.sql(f"CREATE DATABASE {DATABASE} CHARACTER SET utf8mb4")
            on_primary = BakedProject(
                bake(workdir / "bake", DEFAULT_ANSWERS),
                DATABASE,
                {**api.service_variables(), "DATABASE_URL": pair.primary.url(DATABASE)},
            )
            load_data(on_primary, data)
            pair.wait_until_replica_caught_up(timeout=CATCH_UP_SECONDS)
            on_replica = replace(
                on_primary,
                variables={
                    **on_primary.variables,
                    "DATABASE_REPLICA_URLS": pair.replica.url(DATABASE),
                },
            )
            results = {
                "reads on the primary": serve_list(on_primary, plan),
                "reads on the replica": serve_list(on_replica, plan),
            }
    except ReplicationPairError as error:
        raise BenchmarkError(str(error)) from error
    finally:
        remove_workdir(workdir)
    report.note(f"Replica reads: a MariaDB primary and replica on this machine; {data.describe()}")
    for name, result in results.items():
        report.add(
            f"API ledger list, {api.LOAD_PAGE_SIZE} per page, {name}",
            "requests/s · latency p50 / p99",
            f"{result.requests_per_second:.1f} req/s · {milliseconds(result.p50_ms)} / "
            f"{milliseconds(result.p99_ms)}",
            f"{result.requests:,} requests in {plan.duration} s, all 200",
        )
    primary, replica = results["reads on the primary"], results["reads on the replica"]
    report.add(
        "API ledger list, replica vs primary",
        "ratio of requests/s",
        f"{replica.requests_per_second / primary.requests_per_second:.2f}x",
        "both servers on one machine: the router's cost, not a second host's capacity",
    )


def load_data(project: BakedProject, data: api.DataSet) -> None:
    project.run(require_program("uv", "pip install uv"), "sync")
    project.install_helpers(*api.HELPERS)
    project.python("manage.py", "migrate", "--no-input", "-v0")
    project.python("manage.py", "collectstatic", "--no-input", "-v0")
    api.seed(project, data)


def serve_list(project: BakedProject, plan: api.LoadPlan) -> api.LoadResult:
    with api.running_gunicorn(project, plan.workers) as base_url:
        token = api.obtain_token(base_url)
        return api.load(
            f"{base_url}{api.ENDPOINTS['ledger list']}?page_size={api.LOAD_PAGE_SIZE}", token, plan
        )
