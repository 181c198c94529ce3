"""A real Celery worker for the tests that need one; a pytest plugin (pyproject.toml's addopts).

When the session starts, Celery takes the test broker's settings and the broker must answer
(conftest.py stops the run otherwise). One worker process starts per test session, against
the test database and the test broker (settings/test.py), consuming only the tests' queue,
which is emptied first: a message left by a crashed run must not run now. It stops before
the test database is dropped.
Tests that use it need @pytest.mark.django_db(transaction=True): the worker only sees
committed rows. A test that kills a whole worker starts one of its own (started_worker).
"""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from celery import Task, current_app, shared_task
from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models import Model
{%- if cookiecutter.celery_broker == "rabbitmq" %}
from kombu import Queue
{%- endif %}

PROJECT_DIR = Path(__file__).resolve().parents[3]
STARTUP_SECONDS = 30
# Short limits for the tests' workers, so their tasks end in seconds
{%- if cookiecutter.celery_broker == "redis" %} and a whole lost worker's
# task comes back in seconds, not minutes: config/settings/celery.py derives the Redis visibility
# timeout from them (2 + 3 + 1 s) with the same code as in production.
{%- else %}.
{%- endif %}
WORKER_LIMITS = {
    "CELERY_TASK_SOFT_TIME_LIMIT": "2",
    "CELERY_TASK_TIME_LIMIT": "3",
    "CELERY_TASK_RETRY_BACKOFF_MAX": "2",
{%- if cookiecutter.celery_broker == "redis" %}
    "CELERY_VISIBILITY_MARGIN": "1",
{%- endif %}
}
# A probe's first attempt waits this long (below the soft limit) to be killed or released.
PROBE_HOLD_SECONDS = 1.5
# Short enough that a test can make a task time out on a row lock (a transient error).
WORKER_LOCK_WAIT_TIMEOUT_SECONDS = 1


@pytest.hookimpl(tryfirst=True)  # before conftest.py checks the broker
def pytest_sessionstart(session: pytest.Session) -> None:
    # Celery reads these two from the environment before its settings: make them the test
    # ones, for this process and the worker it starts, or a CELERY_BROKER_URL exported for
    # development would send test tasks to the development broker.
    os.environ["CELERY_BROKER_URL"] = settings.CELERY_BROKER_URL
    os.environ["CELERY_RESULT_BACKEND"] = settings.CELERY_RESULT_BACKEND


@pytest.hookimpl(trylast=True)  # after pytest-randomly's shuffle and pytest-django's grouping
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Tests on the worker spend most of their time waiting on it: they run first, in one
    # process (pytest-xdist hands out the list from the front), while the other process runs
    # the rest; last, they would leave the run waiting on them alone.
    items.sort(key=lambda item: "worker" not in getattr(item, "fixturenames", ()))


def pytest_service_problem(timeout: float) -> str | None:
    with current_app.connection_for_write() as connection:
        try:
            connection.ensure_connection(max_retries=1, interval_start=0, timeout=timeout)
        except Exception as error:  # kombu raises transport-specific errors
            return (
                f"Cannot reach the Celery broker at {connection.as_uri()}: {error}\n"
{%- if cookiecutter.celery_broker == "redis" %}
                "  Start Redis, or point TEST_CELERY_BROKER_URL at a running server."
{%- else %}
                "  Start RabbitMQ (`rabbitmq-server -detached`{% if cookiecutter.use_docker == "yes" %}, or `docker compose up -d rabbitmq`{% endif %}),"
                " or point TEST_CELERY_BROKER_URL at a running server."
{%- endif %}
            )
    return None


def wait_until(condition: Callable[[], Any], *, timeout: float = 30, message: str = "") -> Any:
    """Poll until condition() is truthy and return it; fail the test after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.1)
    pytest.fail(f"waited {timeout} s in vain: {message or condition}")


@dataclass(frozen=True)
class Attempt:
    retries: int  # 0 for a first delivery or a redelivery of the same message; 1 for a retry
    pid: int  # the pool process that ran it


def probe_attempts(key: str) -> list[Attempt]:
    return [Attempt(*attempt) for attempt in cache.get(key, [])]


def release_probe(key: str) -> None:
    cache.set(f"{key}:release", True, timeout=300)


def _run_probe(task: Task, key: str, *, hold: bool) -> None:
    # The test and the worker share the tests' cache (TEST_REDIS_URL); one probe runs at a time.
    attempts = [*cache.get(key, []), (task.request.retries, os.getpid())]
    cache.set(key, attempts, timeout=300)
    deadline = time.monotonic() + PROBE_HOLD_SECONDS
    while hold and len(attempts) == 1 and time.monotonic() < deadline:
        if cache.get(f"{key}:release"):
            return
        time.sleep(0.05)


# Probe tasks: they do nothing but record each attempt, so a test sees what the worker and
# broker did with a message (sent again? as a retry?) without a model behind it. The tests'
# workers import this module (--include), which registers them.
@shared_task(name="tests.probe", bind=True)
def probe(self: Task, key: str, *, hold: bool = True) -> None:
    """Record the attempt; hold the first one until released, killed or PROBE_HOLD_SECONDS."""
    _run_probe(self, key, hold=hold)


@shared_task(name="tests.probe_without_retry_on_worker_lost", bind=True, retry_on_worker_lost=False)
def probe_without_retry_on_worker_lost(self: Task, key: str, *, hold: bool = True) -> None:
    """The same probe, left to task_reject_on_worker_lost alone when its process dies."""
    _run_probe(self, key, hold=hold)


@dataclass
class RunningWorker:
    process: subprocess.Popen[bytes]
    hostname: str
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def answers_ping(self) -> bool:
        # A ping sent before the worker listens is lost, and waits out its whole timeout.
        replies = current_app.control.ping(destination=[self.hostname], timeout=0.2)
        return any(self.hostname in reply for reply in replies)

    def pool_pids(self) -> list[int]:
        """Process ids of the worker's pool processes (one: the workers run --concurrency 1)."""
        inspect = current_app.control.inspect(destination=[self.hostname], timeout=1)
        return (inspect.stats() or {})[self.hostname]["pool"]["processes"]

    def reserved(self) -> list[dict[str, Any]]:
        """Tasks this worker has taken from the broker but not started."""
        inspect = current_app.control.inspect(destination=[self.hostname], timeout=1)
        return (inspect.reserved() or {}).get(self.hostname, [])

    def conf(self) -> dict[str, Any]:
        """The worker's own configuration, as its process computed it."""
        inspect = current_app.control.inspect(destination=[self.hostname], timeout=1)
        return (inspect.conf(with_defaults=True) or {})[self.hostname]

{%- if cookiecutter.celery_broker == "rabbitmq" %}

    def scheduled(self) -> list[dict[str, Any]]:
        """Tasks this worker holds until their countdown or ETA."""
        inspect = current_app.control.inspect(destination=[self.hostname], timeout=1)
        return (inspect.scheduled() or {}).get(self.hostname, [])
{%- endif %}

    def is_idle(self) -> bool:
        """No task running, reserved or waiting for its countdown."""
        inspect = current_app.control.inspect(destination=[self.hostname], timeout=1)
        queues = (inspect.active(), inspect.reserved(), inspect.scheduled())
        return all(not (tasks or {}).get(self.hostname) for tasks in queues)


def worker_database_url() -> str:
    db = settings.DATABASES["default"]
    password = quote(db["PASSWORD"] or "", safe="")
    host = db["HOST"] or "localhost"
    return f"mysql://{db['USER']}:{password}@{host}:{db['PORT'] or 3306}/{db['NAME']}"
{%- if cookiecutter.celery_broker == "redis" %}


def empty_test_broker() -> None:
    # This service's test queue only: another service's tests may share the broker.
    current_app.control.purge()
{%- else %}


def empty_test_broker() -> None:
    # This service's test queue only: another service's tests may share the broker.
    declare_afresh(current_app.amqp.queues[settings.CELERY_TASK_DEFAULT_QUEUE])


def declare_afresh(queue: Queue) -> None:
    """Delete the queue and its exchange, with their messages, and declare them as configured.

    A queue's type and an exchange's type are fixed when they are declared: a classic queue
    (or a direct exchange) left by an older version of these tests would refuse the worker.
    For the tests' own queue only: a live queue is moved as the README says, not deleted.
    """
    with current_app.connection_for_write() as connection:
        channel = connection.channel()
        try:
            channel.queue_delete(queue.name)
            channel.exchange_delete(queue.exchange.name)
            queue.bind(channel).declare()
        finally:
            channel.close()


def accepted_kind(kinds: tuple[str, ...], declare: Callable[[Any, str], object]) -> str | None:
    """Which of the kinds an existing queue or exchange has, read over AMQP.

    A passive declare does not return a queue's arguments or an exchange's type, and the
    management API may be off; so each kind is declared in turn, on a channel of its own: the
    broker refuses (PRECONDITION_FAILED, closing the channel) all but the one it has.
    """
    with current_app.connection_for_write() as connection:
        for kind in kinds:
            channel = connection.channel()
            try:
                declare(channel, kind)
            except connection.channel_errors:
                continue
            finally:
                channel.close()
            return kind
    return None


def queue_type(name: str) -> str:
    """The type of an existing queue ("quorum" or "classic")."""
    with current_app.connection_for_write() as connection:
        channel = connection.channel()
        channel.queue_declare(name, passive=True)  # fails if there is no such queue
        channel.close()
    kind = accepted_kind(
        ("quorum", "classic"),
        lambda channel, kind: channel.queue_declare(
            name, durable=True, auto_delete=False, arguments={"x-queue-type": kind}
        ),
    )
    if kind is None:
        pytest.fail(f"queue {name} is neither a quorum nor a classic queue")
    return kind
{%- endif %}


@contextmanager
def started_worker(hostname: str, log_path: Path, *queues: str) -> Iterator[RunningWorker]:
    """A worker process on the test database and broker, in a process group of its own."""
    environment = {
        **os.environ,
        **WORKER_LIMITS,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": worker_database_url(),  # the test database, created by pytest-django
        "DATABASE_LOCK_WAIT_TIMEOUT": str(WORKER_LOCK_WAIT_TIMEOUT_SECONDS),
        "DJANGO_LOG_LEVEL": "INFO",
        "DJANGO_LOG_FORMAT": "console",
    }
    command = [
        *(sys.executable, "-m", "celery", "-A", "config", "worker"),
        *("--hostname", hostname, "--pool", "prefork", "--concurrency", "1"),
        *("--without-mingle", "--without-gossip", "--loglevel", "INFO"),
        *("--include", __name__),  # the probe tasks
        *(("--queues", ",".join(queues)) if queues else ()),
    ]
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command,
            cwd=PROJECT_DIR,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: main process and pool together
        )
    worker = RunningWorker(process=process, hostname=hostname, log_path=log_path)
    try:
        wait_until(
            lambda: process.poll() is not None or worker.answers_ping(),
            timeout=STARTUP_SECONDS,
            message="the worker to answer ping",
        )
        if process.poll() is not None:
            pytest.fail(f"the Celery worker exited at start:\n{worker.log()}")
        yield worker
    finally:
        stop(worker)


def stop(worker: RunningWorker) -> None:
    """Stop an idle worker at once; let a busy one finish its task first (a warm shutdown).

    A warm shutdown takes about 2 s even when there is nothing to finish.
    """
    process = worker.process
    if process.poll() is None and not worker.is_idle():
        process.terminate()
        with suppress(subprocess.TimeoutExpired):
            process.wait(timeout=15)
    with suppress(ProcessLookupError):  # the whole group: the main process and its pool
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


@pytest.fixture(scope="session")
def celery_worker_process(
    django_db_setup: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[RunningWorker]:
    empty_test_broker()
    log_path = tmp_path_factory.mktemp("celery") / "worker.log"
    with started_worker(f"tests-{os.getpid()}@localhost", log_path) as worker:
        yield worker


@pytest.fixture
def worker(celery_worker_process: RunningWorker) -> Iterator[RunningWorker]:
    """The session's worker, with this test's tasks sent to it instead of run in-process."""
    current_app.conf.task_always_eager = False
    try:
        yield celery_worker_process
        # A retry still due would run during the next test; let it finish here.
{%- if cookiecutter.celery_broker == "rabbitmq" %}
        # (A countdown waits on the broker, in delay queues shared with other services, which
        # this cannot see: a test whose task retries waits for the retry's outcome itself.)
{%- endif %}
        wait_until(celery_worker_process.is_idle, message="the worker to finish its tasks")
    finally:
        current_app.conf.task_always_eager = True


@contextmanager
def row_locked(instance: Model) -> Iterator[None]:
    """Hold a lock on the instance's row from a second connection, like a slow transaction."""
    other = connections.create_connection(DEFAULT_DB_ALIAS)
    table = other.ops.quote_name(instance._meta.db_table)
    try:
        with other.cursor() as cursor:
            cursor.execute("START TRANSACTION")
            cursor.execute(f"SELECT 1 FROM {table} WHERE id = %s FOR UPDATE", [instance.pk])  # noqa: S608
            yield
            cursor.execute("ROLLBACK")
    finally:
        other.close()


def statements_waiting_on(model: type[Model]) -> int:
    """How many UPDATE statements on the model's table are running (here: blocked on a lock)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = %s AND INFO LIKE %s",
            [settings.DATABASES["default"]["NAME"], f"UPDATE `{model._meta.db_table}`%"],
        )
        (count,) = cursor.fetchone()
    return count
