"""A test OTLP/HTTP receiver: a collector's trace endpoint, in a thread of the test session.

It decodes each export (opentelemetry-proto's ExportTraceServiceRequest) into ReceivedSpan
rows, so a test sees exactly what a process sent. No library serves OTLP for tests: the
collector itself is a Go binary, so this is a few lines of http.server.
"""

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from django.db import connection
from opentelemetry import trace
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import (
    ExportTraceServiceRequest,
    ExportTraceServiceResponse,
)
from opentelemetry.proto.common.v1.common_pb2 import AnyValue, KeyValue
from opentelemetry.sdk.trace import TracerProvider

from config import tracing


def _value(value: AnyValue) -> Any:
    kind = value.WhichOneof("value")
    if kind == "array_value":
        return [_value(item) for item in value.array_value.values]
    return getattr(value, kind) if kind else None


def _attributes(pairs: Iterator[KeyValue]) -> dict[str, Any]:
    return {pair.key: _value(pair.value) for pair in pairs}


# The kinds of span the tests look for, as opentelemetry-proto's Span.SpanKind numbers them.
SERVER, PRODUCER, CONSUMER = 2, 4, 5


@dataclass(frozen=True)
class ReceivedSpan:
    name: str
    kind: int  # SERVER, PRODUCER, CONSUMER or another of Span.SpanKind
    trace_id: str
    span_id: str
    parent_span_id: str  # "" for a root span
    attributes: dict[str, Any]
    resource: dict[str, Any]


class OtlpReceiver:
    def __init__(self) -> None:
        self._spans: list[ReceivedSpan] = []
        self._lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # http.server's name for the POST handler
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.receive(ExportTraceServiceRequest.FromString(body))
                answer = ExportTraceServiceResponse().SerializeToString()
                self.send_response(200)
                self.send_header("Content-Type", "application/x-protobuf")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, format: str, *args: Any) -> None:
                """Quiet: no line per export on the test output."""

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"

    def receive(self, export: ExportTraceServiceRequest) -> None:
        for resource_spans in export.resource_spans:
            resource = _attributes(resource_spans.resource.attributes)
            for scope_spans in resource_spans.scope_spans:
                for span in scope_spans.spans:
                    received = ReceivedSpan(
                        name=span.name,
                        kind=span.kind,
                        trace_id=span.trace_id.hex(),
                        span_id=span.span_id.hex(),
                        parent_span_id=span.parent_span_id.hex(),
                        attributes=_attributes(span.attributes),
                        resource=resource,
                    )
                    with self._lock:
                        self._spans.append(received)

    def spans(self) -> list[ReceivedSpan]:
        with self._lock:
            return list(self._spans)

    def clear(self) -> None:
        with self._lock:
            self._spans.clear()

    def serve(self) -> None:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@pytest.fixture(scope="session")
def otlp_receiver() -> Iterator[OtlpReceiver]:
    receiver = OtlpReceiver()
    receiver.serve()
    yield receiver
    receiver.stop()


def flush_spans() -> None:
    """Export the spans this process has ended, now rather than on the batch's schedule."""
    provider = trace.get_tracer_provider()
    assert isinstance(provider, TracerProvider)
    provider.force_flush()


@pytest.fixture
def traced(otlp_receiver: OtlpReceiver, monkeypatch: pytest.MonkeyPatch) -> Iterator[OtlpReceiver]:
    """This test process traces to the receiver, as a web process with an endpoint set does.

    The tracer provider is the process's for good (OpenTelemetry sets it once); the
    instrumentations are turned off again after the test, so no other test is traced.
    """
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_ENDPOINT", otlp_receiver.url)
    monkeypatch.delenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", raising=False)
    monkeypatch.delenv("OTEL_SDK_DISABLED", raising=False)
    assert tracing.configure_tracing()
    tracing.instrument()  # again, after an earlier test turned them off
    connection.close()  # the next query opens a traced connection
    otlp_receiver.clear()
    try:
        yield otlp_receiver
    finally:
        flush_spans()
        for instrumentor in tracing.instrumentors():
            instrumentor.uninstrument()
        connection.close()
