"""Tasks: how fast one Celery worker drains a batch of the example task from the Redis broker."""

import json
import os
import subprocess

from bakes import BakedProject, BenchmarkError, stop
from report import Report

TASK_NAME = "ledger.post_entry"
DRAIN_TIMEOUT_SECONDS = 300


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
    enqueued = json.loads(project.python("bench_tasks.py", "enqueue", "--count", str(count)).stdout)
    worker = start_worker(project)
    try:
        drained = json.loads(
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
            raise BenchmarkError(f"the worker exited:\n{project.log_tail('worker.log')}") from error
        raise
    finally:
        stop(worker)
    if drained["posted"] != count or drained["accounts_off_balance"]:
        raise BenchmarkError(f"the tasks did not apply exactly once: {drained}")
    # n tasks finish in n - 1 intervals between the first and the last one.
    rate = (count - 1) / drained["seconds"]
    report.add(
        f"Tasks: {TASK_NAME}, {count:,} queued",
        "drain rate of one worker",
        f"{rate:,.0f} tasks/s",
        f"{drained['seconds']:.1f} s from the first to the last task's commit; prefork, "
        f"concurrency {os.cpu_count()} (the default: one per core); Redis broker; every entry "
        f"posted once, every balance right",
    )
    report.add(
        f"Tasks: {TASK_NAME}, {count:,} queued",
        "enqueue rate of one producer",
        f"{count / enqueued['seconds']:,.0f} tasks/s",
        "send_task on one broker connection, before the worker started",
    )
