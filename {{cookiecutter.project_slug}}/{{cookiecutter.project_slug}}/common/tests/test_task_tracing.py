"""Traces across the broker: a request's trace continues into the task it sends.

The task runs in a real worker process, whose pool processes start tracing as they start
(config/celery.py, worker_process_init).
"""

import logging
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from celery import current_app

from .otlp import CONSUMER, PRODUCER, OtlpReceiver, flush_spans
from .tracing_urls import (
    TRACE_ID,
    of_the_trace,
    spans_under_the_callers_server_span,
    traced_request,
)
from .worker import RunningWorker, {% if cookiecutter.celery_broker == "rabbitmq" %}declare_afresh, {% endif %}started_worker, wait_until

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("{{ cookiecutter.project_slug }}.common.tests.task_tracing_urls"),
]

# A queue of this test's own, so only the traced worker below takes its task.
QUEUE = "{{ cookiecutter.project_slug }}.tests.tracing"
WORKER_INSTANCE = "tests-traced-worker"


@pytest.fixture
def traced_worker(
    traced: OtlpReceiver, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Iterator[RunningWorker]:
    """A worker process of its own, tracing to the receiver, on a queue of its own."""
    monkeypatch.setenv("OTEL_BSP_SCHEDULE_DELAY", "100")  # export within 0.1 s, not 5 s
    monkeypatch.setenv("OTEL_RESOURCE_ATTRIBUTES", f"service.instance.id={WORKER_INSTANCE}")
    default_queue = current_app.conf.task_default_queue
    current_app.conf.update(task_default_queue=QUEUE, task_always_eager=False)
    try:
{%- if cookiecutter.celery_broker == "rabbitmq" %}
        declare_afresh(current_app.amqp.queues[QUEUE])  # empty, and of the configured type
{%- endif %}
        hostname = f"tracing-{os.getpid()}@localhost"
        with started_worker(hostname, tmp_path / "worker.log", QUEUE) as worker:
            yield worker
    finally:
        current_app.conf.update(task_default_queue=default_queue, task_always_eager=True)


def test_a_request_continues_its_traceparent_through_mysql_redis_and_into_its_task(
    traced, traced_worker, client, caplog
):
    caplog.set_level(logging.INFO)

    traced_request(client, "not-a-secret", probe_key=f"tracing-{uuid.uuid4()}")

    flush_spans()
    task_span = wait_until(
        lambda: next(
            (span for span in of_the_trace(traced.spans()) if span.kind == CONSUMER), None
        ),
        message="the worker's task span",
    )
    spans = of_the_trace(traced.spans())
    under_server = spans_under_the_callers_server_span(spans)
    # Sent after the commit, still inside the request: the message carries the context.
    [producer] = [span for span in under_server if span.kind == PRODUCER]
    assert producer.name == "apply_async/tests.probe"
    assert task_span.name == "run/tests.probe"
    assert task_span.parent_span_id == producer.span_id
    assert task_span.resource["service.instance.id"] == WORKER_INSTANCE
    # Log lines carry the ids: the request's here, the task's in the worker's log.
    request_lines = [record.msg for record in caplog.records if isinstance(record.msg, dict)]
    assert any(line.get("trace_id") == TRACE_ID for line in request_lines), request_lines
    wait_until(
        lambda: f"trace_id={TRACE_ID}" in traced_worker.log(),
        message="a task log line with the trace id",
    )
