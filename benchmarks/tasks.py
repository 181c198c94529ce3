"""Tasks: how fast one Celery worker drains a batch of the example task, on the Redis broker and
on RabbitMQ (a quorum queue), and what sending a task adds to the request that sends it."""

import json
import os
import subprocess
from contextlib import contextmanager

import api
from bakes import DEFAULT_ANSWERS, BakedProject, BenchmarkError, stop
from report import Report, goal_mark

TASK_NAME = "ledger.post_entry"
DRAIN_TIMEOUT_SECONDS = 300
ENQUEUE_REQUESTS = 300
SEND_BUDGET_MS = 2.0  # what sending a task may add to a request's p50 (issue #20)
# The RabbitMQ bake: the default answers on the other broker, its own database and queue.
RABBITMQ_ANSWERS = {**DEFAULT_ANSWERS, "celery_broker": "rabbitmq"}
RABBITMQ_DATABASE = "bench_tasks_rabbitmq"
RABBITMQ_VARIABLES = {
    "CELERY_BROKER_URL": "amqp://guest:guest@127.0.0.1:5672//",
    "CELERY_QUEUE": f"bench_tasks_{os.getpid()}",
}


def start_worker(project: BakedProject) -> subprocess.Popen[bytes]:
    """One worker as the project runs it (`celery -A config worker`), default concurrency."""
    return project.start(
        [
            project.program("celery"),
            *("-A", "config", "worker", "--loglevel", "WARNING"),
            *("--hostname", f"bench-{os.getpid()}@localhost"),
        ],
        "worker.log",
    )


def measure(report: Report, project: BakedProject, *, count: int) -> None:
    """On the API's bake (Redis): the drain and enqueue rates, then a request's send cost."""
    drain_and_report(report, project, count=count, broker="Redis broker")
    measure_send_cost(report, project)


def measure_rabbitmq(report: Report, data: api.DataSet, *, count: int) -> None:
    """The drain and enqueue rates on a RabbitMQ bake of its own, loaded with `count` pending
    entries of one user."""
    with api.prepared_service(
        data, lambda: None, answers=RABBITMQ_ANSWERS, database=RABBITMQ_DATABASE
    ) as (project, _loaded):
        project.variables.update(RABBITMQ_VARIABLES)
        try:
            drain_and_report(report, project, count=count, broker="RabbitMQ quorum queue")
        finally:
            project.python("bench_tasks.py", "delete")


def drain_and_report(report: Report, project: BakedProject, *, count: int, broker: str) -> None:
    enqueued = json.loads(project.python("bench_tasks.py", "enqueue", "--count", str(count)).stdout)
    drained = drained_by_a_worker(project)
    if drained["posted"] != count or drained["accounts_off_balance"]:
        raise BenchmarkError(f"the tasks did not apply exactly once: {drained}")
    # n tasks finish in n - 1 intervals between the first and the last one.
    rate = (count - 1) / drained["seconds"]
    report.add(
        f"Tasks: {TASK_NAME}, {count:,} queued, {broker}",
        "drain rate of one worker",
        f"{rate:,.0f} tasks/s",
        f"{drained['seconds']:.1f} s from the first to the last task's commit; prefork, "
        f"concurrency {os.cpu_count()} (the default: one per core); every entry posted once, "
        "every balance right",
    )
    report.add(
        f"Tasks: {TASK_NAME}, {count:,} queued, {broker}",
        "enqueue rate of one producer",
        f"{count / enqueued['seconds']:,.0f} tasks/s",
        "send_task on one broker connection, before the worker started",
    )


def drained_by_a_worker(project: BakedProject) -> dict:
    with running_worker(project) as worker:
        try:
            return json.loads(
                project.python(
                    "bench_tasks.py",
                    "drain",
                    "--timeout",
                    str(DRAIN_TIMEOUT_SECONDS),
                    timeout=DRAIN_TIMEOUT_SECONDS + 60,
                ).stdout
            )
        except BenchmarkError as error:
            if worker.poll() is not None:
                raise BenchmarkError(
                    f"the worker exited:\n{project.log_tail('worker.log')}"
                ) from error
            raise


@contextmanager
def running_worker(project: BakedProject):
    worker = start_worker(project)
    try:
        yield worker
    finally:
        stop(worker)


def measure_send_cost(report: Report, project: BakedProject) -> None:
    """POST /api/v1/entries/ with its task sent after the commit, and with the send replaced by
    nothing (bench_enqueue.py); the tasks it sent are emptied from the queue afterwards."""
    try:
        timed = json.loads(
            project.python(
                "bench_enqueue.py",
                *("--email", api.USER_EMAIL, "--password", api.USER_PASSWORD),
                *("--requests", str(ENQUEUE_REQUESTS)),
            ).stdout
        )
    finally:
        project.python("bench_tasks.py", "empty")
    added = timed["sending_p50_ms"] - timed["silent_p50_ms"]
    report.add(
        "Tasks: a request that sends one (POST /api/v1/entries/)",
        "latency p50 with the send · without · added",
        f"{timed['sending_p50_ms']:.1f} ms · {timed['silent_p50_ms']:.1f} ms · {added:+.2f} ms",
        f"{timed['requests']} requests each, in-process (Django's test client, no HTTP server); "
        f"Redis broker; budget: at most {SEND_BUDGET_MS:g} ms added"
        + goal_mark(added <= SEND_BUDGET_MS),
    )
