"""Quorum queues on a real RabbitMQ with a real worker (config/settings/celery.py).

Each test fails when its setting is off. The worker tests of the example app (retries, a killed
process, a killed worker, prefetch) run on these queues too.
"""

import uuid
from collections.abc import Iterator

import pytest
from celery import current_app
from django.conf import settings
from kombu import Exchange, Queue
from kombu.exceptions import OperationalError

from {{ cookiecutter.project_slug }}.common.tests.worker import (
    RunningWorker,
    accepted_kind,
    declare_afresh,
    probe,
    probe_attempts,
    queue_type,
    wait_until,
)

COUNTDOWN_SECONDS = 3


@pytest.fixture
def queue_name() -> Iterator[str]:
    """A throwaway queue name; the queue and its exchange are deleted after the test."""
    name = f"tests-{uuid.uuid4().hex[:12]}"
    yield name
    with current_app.connection_for_write() as connection:
        connection.default_channel.queue_delete(name)
        connection.default_channel.exchange_delete(name)


def exchange_type(name: str) -> str:
    """The type of an existing exchange: the broker refuses a declare of another type."""
    kind = accepted_kind(
        ("topic", "direct", "fanout"),
        lambda channel, kind: channel.exchange_declare(name, kind, durable=True, auto_delete=False),
    )
    if kind is None:
        pytest.fail(f"exchange {name} is neither topic, direct nor fanout")
    return kind


def test_the_service_queue_is_a_quorum_queue(worker: RunningWorker) -> None:
    # task_default_queue_type: the queue the worker consumes, as the settings declare it.
    assert queue_type(settings.CELERY_TASK_DEFAULT_QUEUE) == "quorum"


def test_a_queue_named_when_a_task_is_sent_is_a_quorum_queue_with_a_topic_exchange(
    worker: RunningWorker, queue_name: str
) -> None:
    # task_create_missing_queue_type and task_create_missing_queue_exchange_type: a queue
    # named in apply_async, a route or -Q, but not in the settings, is declared like the
    # service's queue (the exchange type matters for a countdown; see the next test).
    probe.apply_async((f"probe-{uuid.uuid4()}",), {"hold": False}, queue=queue_name)

    assert queue_type(queue_name) == "quorum"
    assert exchange_type(queue_name) == "topic"


def test_a_task_waiting_for_its_countdown_waits_on_the_broker_not_in_the_worker(
    worker: RunningWorker,
) -> None:
    # task_default_exchange_type "topic": Celery's native delayed delivery keeps the message in
    # its delay queues until the countdown ends. On a direct exchange the worker would take it
    # at once and hold it; with a quorum queue's fixed prefetch (1 here) it would then take no
    # other task until the countdown ended. A retry's backoff is such a countdown.
    delayed, next_one = f"probe-{uuid.uuid4()}", f"probe-{uuid.uuid4()}"
    probe.apply_async((delayed,), {"hold": False}, countdown=COUNTDOWN_SECONDS)
    probe.apply_async((next_one,), {"hold": False})

    wait_until(lambda: probe_attempts(next_one), message="the task sent second to run")
    assert probe_attempts(delayed) == []
    assert worker.scheduled() == []
    wait_until(
        lambda: probe_attempts(delayed),
        timeout=COUNTDOWN_SECONDS + 5,
        message="the task to run after its countdown",
    )


def test_a_message_the_broker_refuses_is_an_error_to_the_sender(
    worker: RunningWorker, queue_name: str
) -> None:
    # broker_transport_options confirm_publish: sending waits for the broker's confirmation,
    # and a refusal (here a full queue; in a cluster, no majority of nodes) raises, so
    # delay_on_commit logs it and the sweeper sends the task again. Without confirmations the
    # message would be dropped silently. (A classic queue: RabbitMQ 3's quorum queues apply a
    # length limit a message late.)
    full = Queue(
        queue_name,
        Exchange(queue_name, "topic"),
        queue_name,
        queue_arguments={"x-max-length": 0, "x-overflow": "reject-publish"},
    )
    with current_app.connection_for_write() as connection:
        full.bind(connection.default_channel).declare()

    with pytest.raises(OperationalError):
        probe.apply_async(
            (f"probe-{uuid.uuid4()}",), {"hold": False}, exchange=queue_name, routing_key=queue_name
        )


def test_a_classic_queue_left_by_older_tests_is_declared_afresh_as_a_quorum_queue(
    queue_name: str,
) -> None:
    # What the session does with the tests' own queue before the worker starts.
    configured = current_app.amqp.queues[settings.CELERY_TASK_DEFAULT_QUEUE]
    with current_app.connection_for_write() as connection:
        Queue(queue_name, Exchange(queue_name, "direct"), queue_name).bind(
            connection.default_channel
        ).declare()
    assert queue_type(queue_name) == "classic"

    declare_afresh(
        Queue(
            queue_name,
            Exchange(queue_name, configured.exchange.type),
            queue_name,
            queue_arguments=configured.queue_arguments,
        )
    )

    assert queue_type(queue_name) == "quorum"
    assert exchange_type(queue_name) == "topic"
