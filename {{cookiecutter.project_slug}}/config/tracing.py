"""Distributed tracing with OpenTelemetry: spans from each official instrumentation installed.

configure_tracing() runs once in every process that serves work, after any fork: the code that
starts each kind of process calls it (gunicorn workers: config/gunicorn.py, post_fork; manage.py:
runserver, shell, commands). It does nothing unless an OTLP endpoint is set: no provider, no
instrumentation, nothing per request.

The standard OTEL_* variables configure the SDK: the endpoint and its headers, the sampler
(OTEL_TRACES_SAMPLER, parent-based always-on by default), the batch processor (OTEL_BSP_*) and
the resource (OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES). Spans carry no SQL parameter values
(placeholders only), no Redis values (command names only), no request or response headers (unless
OTEL_INSTRUMENTATION_HTTP_CAPTURE_HEADERS_* ask for some) and no bodies: see .project-rules.
"""

import os
from importlib.metadata import entry_points
from typing import Any

from django.http import HttpRequest
from opentelemetry import trace
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.instrumentation.django import DjangoInstrumentor
from opentelemetry.instrumentation.instrumentor import (  # type: ignore[attr-defined]
    BaseInstrumentor,
)
from opentelemetry.instrumentation.mysqlclient import MySQLClientInstrumentor
from opentelemetry.sdk.resources import OTELResourceDetector, Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from opentelemetry.trace import Span

from config.env import env

SERVICE_NAME = "{{ cookiecutter.project_slug }}"
SERVICE_VERSION = "{{ cookiecutter.version }}"
# The path the OTLP/HTTP specification appends to OTEL_EXPORTER_OTLP_ENDPOINT for traces.
TRACES_PATH = "/v1/traces"
# Where the instrumentation packages register their instrumentors.
INSTRUMENTOR_ENTRY_POINTS = "opentelemetry_instrumentor"

# Which process (by id) configured tracing: a forked child must configure its own.
_configured_in: int | None = None


def traces_endpoint() -> str | None:
    """The OTLP/HTTP traces URL the environment (or .env) names, or None: tracing off.

    Empty values count as unset (a deployment may list the variables, empty).
    """
    if env.bool("OTEL_SDK_DISABLED", default=False):
        return None
    endpoint: str = env("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", default="").strip()
    if endpoint:
        return endpoint
    base: str = env("OTEL_EXPORTER_OTLP_ENDPOINT", default="").strip()
    return base.rstrip("/") + TRACES_PATH if base else None


def instrumentors() -> list[BaseInstrumentor]:
    """The official instrumentations installed (each a singleton), by name.

    Each opentelemetry-instrumentation-* package in pyproject.toml registers its instrumentor
    under this entry point group, the one `opentelemetry-instrument` reads too: adding the
    package is all it takes to trace one more library.
    """
    installed = sorted(entry_points(group=INSTRUMENTOR_ENTRY_POINTS), key=lambda point: point.name)
    return [point.load()() for point in installed]


# Span attributes of a request that hold its query string, old and new semantic conventions.
QUERY_ATTRIBUTES = ("http.target", "http.url", "url.query")


def without_query_string(span: Span, request: HttpRequest) -> None:
    """Keep the path of a request's URL only: a query string may hold personal data."""
    attributes: dict[str, Any] = dict(getattr(span, "attributes", None) or {})
    for name in QUERY_ATTRIBUTES:
        if isinstance(attributes.get(name), str):
            span.set_attribute(name, "" if name == "url.query" else attributes[name].split("?")[0])


def instrument() -> None:
    """Turn on the instrumentations (a no-op for those already on)."""
    # No SQL comments: they would put trace ids into every statement and the slow query log.
    # Statement parameters stay out too (the database instrumentation's capture_parameters is
    # off by default); request headers stay out unless OTEL_INSTRUMENTATION_HTTP_CAPTURE_*
    # name some.
    options: dict[type[BaseInstrumentor], dict[str, Any]] = {
        DjangoInstrumentor: {
            "is_sql_commentor_enabled": False,
            "request_hook": without_query_string,
        },
        MySQLClientInstrumentor: {"enable_commenter": False},
    }
    for instrumentor in instrumentors():
        if not instrumentor.is_instrumented_by_opentelemetry:
            instrumentor.instrument(**options.get(type(instrumentor), {}))


def configure_tracing() -> bool:
    """Export spans to the configured OTLP endpoint from this process; True when tracing is on.

    Call it before Django loads its middleware (the Django instrumentation adds its own to
    settings.MIDDLEWARE) and before the process opens its database connections.
    """
    global _configured_in
    if _configured_in == os.getpid():
        return True
    endpoint = traces_endpoint()
    if endpoint is None:
        return False
    # The project's name and version unless OTEL_SERVICE_NAME or OTEL_RESOURCE_ATTRIBUTES say
    # otherwise.
    resource = Resource.create(
        {"service.name": SERVICE_NAME, "service.version": SERVICE_VERSION}
    ).merge(OTELResourceDetector().detect())
    # A process forked from one that configured tracing keeps its provider (the SDK restarts
    # the batch processor's thread in the child); it only needs the instrumentations.
    if not isinstance(trace.get_tracer_provider(), TracerProvider):
        provider = TracerProvider(resource=resource)
        provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter(endpoint=endpoint)))
        trace.set_tracer_provider(provider)
    instrument()
    _configured_in = os.getpid()
    return True
