"""Prometheus metrics at /metrics (django-prometheus), for the scraper only.

Off unless METRICS_TOKEN is set; then only a request carrying `Authorization: Bearer <token>`
gets them (Prometheus: `authorization: {credentials: <token>}` in the scrape config). Anyone
else gets a 404, as if there were no such page, even where /metrics is reachable from outside.
"""

import hmac

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotFound
from django_prometheus.exports import ExportToDjangoView


def metrics(request: HttpRequest) -> HttpResponse:
    expected = f"Bearer {settings.METRICS_TOKEN}"
    supplied = request.headers.get("Authorization", "")
    if not settings.METRICS_TOKEN or not hmac.compare_digest(supplied, expected):
        return HttpResponseNotFound()
    response: HttpResponse = ExportToDjangoView(request)
    return response
