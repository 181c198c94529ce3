"""Middleware of the whole project."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve

# Paths that infrastructure calls: orchestrator probes{% if cookiecutter.use_prometheus == "yes" %} and the metrics scraper{% endif %}.
PROBE_PATH_PREFIXES = ("/health/",{% if cookiecutter.use_prometheus == "yes" %} "/metrics"{% endif %})


class ProbeMiddleware:
    """Answer infrastructure's calls before host validation and the HTTPS redirect.

    Container health checks, orchestrator probes{% if cookiecutter.use_prometheus == "yes" %} and Prometheus{% endif %} call by IP address over
    plain HTTP, so they would meet a 400 (host not in ALLOWED_HOSTS) or a 301 to HTTPS. The
    paths stay routed in urls.py; this only lets them through first. Keep it first in
    MIDDLEWARE.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.startswith(PROBE_PATH_PREFIXES):
            try:
                match = resolve(request.path_info)
            except Resolver404:
                pass
            else:
                response: HttpResponse = match.func(request, *match.args, **match.kwargs)
                return response
        return self.get_response(request)
