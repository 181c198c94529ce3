"""Tracing: what use_opentelemetry costs a request, off, on without an endpoint, and exporting.

The API benchmark's list endpoint (GET /api/v1/entries/, 50 per page) under the same gunicorn
and load, in a default bake and in a bake with use_opentelemetry=yes: first without an OTLP
endpoint (tracing set up nowhere: the bake's default), then exporting every request's spans
(OTEL_TRACES_SAMPLER=always_on) to a collector stand-in in this process that answers every
export with 200 and counts them.
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import api
from bakes import DEFAULT_ANSWERS, SERVICE_HOST, BenchmarkError
from report import Report, milliseconds

TRACED_ANSWERS = {**DEFAULT_ANSWERS, "use_opentelemetry": "yes"}
PATH = f"/api/v1/entries/?page_size={api.LOAD_PAGE_SIZE}"


class _Sink(BaseHTTPRequestHandler):
    exports = 0

    def do_POST(self) -> None:  # http.server's name for the POST handler
        self.rfile.read(int(self.headers["Content-Length"]))
        type(self).exports += 1
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args) -> None:
        """Quiet."""


@contextmanager
def collector_stand_in() -> Iterator[tuple[str, type[_Sink]]]:
    """An OTLP/HTTP endpoint that takes every export; yields its URL and its counter."""
    sink = type("Sink", (_Sink,), {"exports": 0})
    server = ThreadingHTTPServer((SERVICE_HOST, 0), sink)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://{SERVICE_HOST}:{server.server_address[1]}", sink
    finally:
        server.shutdown()
        server.server_close()


def load_list(project, plan: api.LoadPlan, **env: str) -> api.LoadResult:
    with api.running_gunicorn(project, plan.workers, **env) as base_url:
        return api.load(f"{base_url}{PATH}", api.obtain_token(base_url), plan)


def measure(report: Report, data: api.DataSet, plan: api.LoadPlan) -> None:
    report.note(f"Tracing load: as the API load, on {PATH} only")
    results: dict[str, api.LoadResult] = {}
    with api.prepared_service(data, lambda: None, database="bench_tracing_off") as (project, _):
        results["option off"] = load_list(project, plan)
    with api.prepared_service(
        data, lambda: None, answers=TRACED_ANSWERS, database="bench_tracing_on"
    ) as (project, _):
        results["option on, no endpoint"] = load_list(project, plan)
        with collector_stand_in() as (endpoint, sink):
            results["option on, exporting every request"] = load_list(
                project,
                plan,
                OTEL_EXPORTER_OTLP_ENDPOINT=endpoint,
                OTEL_TRACES_SAMPLER="always_on",
            )
            if sink.exports == 0:
                raise BenchmarkError("tracing was on, yet the collector received no export")
    off = results["option off"]
    for name, result in results.items():
        change = result.requests_per_second / off.requests_per_second - 1
        report.add(
            f"Tracing: {name}",
            "requests/s · latency p50 / p99",
            f"{result.requests_per_second:.1f} req/s · {milliseconds(result.p50_ms)} / "
            f"{milliseconds(result.p99_ms)}",
            f"{result.requests:,} requests in {plan.duration} s, all 200"
            + ("" if result is off else f"; {change:+.0%} requests/s against the option off"),
        )
