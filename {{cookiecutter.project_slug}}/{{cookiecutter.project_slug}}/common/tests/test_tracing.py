"""Traces, as a collector receives them (common/tests/otlp.py): config/tracing.py at work.

A request continues the trace its traceparent header names, through MySQL and Redis; no span
carries a parameter value, a query string, a header or a body; without an endpoint nothing is
exported; log lines carry the ids.
"""

import json
import logging
import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest
from opentelemetry import trace
from opentelemetry.trace import NonRecordingSpan, SpanContext, TraceFlags

from config.log_format import FORMATTERS

from .otlp import SERVER, flush_spans
from .tracing_urls import (
    CALLER_SPAN_ID,
    TRACE_ID,
    TRACEPARENT,
    of_the_trace,
    spans_under_the_callers_server_span,
    traced_request,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.urls("{{ cookiecutter.project_slug }}.common.tests.tracing_urls"),
]

PROJECT_DIR = Path(__file__).resolve().parents[3]


def test_a_request_continues_its_traceparent_through_mysql_and_redis(traced, client, caplog):
    caplog.set_level(logging.INFO)

    traced_request(client, "not-a-secret")

    flush_spans()
    spans = of_the_trace(traced.spans())
    spans_under_the_callers_server_span(spans)
    request_lines = [record.msg for record in caplog.records if isinstance(record.msg, dict)]
    assert any(line.get("trace_id") == TRACE_ID for line in request_lines), request_lines


def test_no_span_carries_a_parameter_value_a_query_string_a_header_or_a_body(traced, client):
    secret = f"secret-{uuid.uuid4()}"

    traced_request(client, secret)

    flush_spans()
    spans = of_the_trace(traced.spans())
    assert {"mysql", "redis"} <= {span.attributes.get("db.system") for span in spans}
    leaks = [span for span in spans if secret in json.dumps(span.attributes)]
    assert leaks == []
    statements = [span.attributes.get("db.statement") for span in spans]
    assert "SELECT %s" in statements
    assert "SET ? ? ? ?" in statements  # the Redis command, its arguments as placeholders


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def without_otel_variables() -> dict[str, str]:
    return {key: value for key, value in os.environ.items() if not key.startswith("OTEL_")}


def test_gunicorn_workers_trace_after_the_fork(otlp_receiver, tmp_path):
    instance, port = f"gunicorn-{uuid.uuid4()}", free_port()
    environment = {
        **without_otel_variables(),
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "1",
        "OTEL_EXPORTER_OTLP_ENDPOINT": otlp_receiver.url,
        "OTEL_RESOURCE_ATTRIBUTES": f"service.instance.id={instance}",
        "OTEL_BSP_SCHEDULE_DELAY": "100",
    }
    command = [sys.executable, "-m", "gunicorn", "--config", "config/gunicorn.py", "config.wsgi"]
    log_path = tmp_path / "gunicorn.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command, cwd=PROJECT_DIR, env=environment, stdout=log, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/health/live", headers={"traceparent": TRACEPARENT}
            )
            try:
                with urllib.request.urlopen(request, timeout=2):  # noqa: S310 - our gunicorn
                    pass
            except OSError:
                pass  # not listening yet
            servers = [
                span
                for span in of_the_trace(otlp_receiver.spans())
                if span.kind == SERVER and span.resource.get("service.instance.id") == instance
            ]
            if servers:
                break
            time.sleep(0.2)
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert servers, log_path.read_text(encoding="utf-8", errors="replace")
    assert servers[0].parent_span_id == CALLER_SPAN_ID


def run_manage_py_shell(instance: str, **environment: str) -> str:
    """A cache read in `manage.py shell`, a process of its own; the tracer provider's class."""
    code = (
        "from django.core.cache import cache; from opentelemetry import trace; "
        "cache.get('tracing-test'); print(type(trace.get_tracer_provider()).__name__)"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=PROJECT_DIR,
        env={
            **without_otel_variables(),
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "OTEL_RESOURCE_ATTRIBUTES": f"service.instance.id={instance}",
            **environment,
        },
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_manage_py_exports_its_spans_when_an_endpoint_is_set(otlp_receiver):
    instance = f"manage-{uuid.uuid4()}"

    provider = run_manage_py_shell(instance, OTEL_EXPORTER_OTLP_ENDPOINT=otlp_receiver.url)

    assert provider == "TracerProvider"
    # The process exported its spans as it exited.
    spans = [s for s in otlp_receiver.spans() if s.resource["service.instance.id"] == instance]
    assert [span.attributes["db.statement"] for span in spans] == ["GET ?"]


@pytest.mark.parametrize(
    "environment",
    [{}, {"OTEL_EXPORTER_OTLP_ENDPOINT": "", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": ""}, "disabled"],
    ids=["unset", "empty", "sdk-disabled"],
)
def test_nothing_is_exported_without_an_endpoint(otlp_receiver, environment):
    instance = f"untraced-{uuid.uuid4()}"
    if environment == "disabled":
        environment = {
            "OTEL_EXPORTER_OTLP_ENDPOINT": otlp_receiver.url,
            "OTEL_SDK_DISABLED": "true",
        }

    provider = run_manage_py_shell(instance, **environment)

    # The API's stand-in: no SDK, no exporter, no instrumentation in that process.
    assert provider == "ProxyTracerProvider"
    assert [s for s in otlp_receiver.spans() if instance in str(s.resource)] == []


def test_log_lines_carry_the_trace_and_span_ids_inside_a_span_only():
    span = NonRecordingSpan(
        SpanContext(
            trace_id=int(TRACE_ID, 16),
            span_id=int(CALLER_SPAN_ID, 16),
            is_remote=False,
            trace_flags=TraceFlags(TraceFlags.SAMPLED),
        )
    )
    options = {key: value for key, value in FORMATTERS["json"].items() if key != "()"}
    formatter = FORMATTERS["json"]["()"](**options)
    record = logging.LogRecord("app", logging.INFO, __file__, 1, "started", (), None)

    with trace.use_span(span):
        inside = json.loads(formatter.format(record))
    outside = json.loads(formatter.format(record))

    assert (inside["trace_id"], inside["span_id"]) == (TRACE_ID, CALLER_SPAN_ID)
    assert "trace_id" not in outside
    assert "span_id" not in outside
