"""The tracing tests' endpoint (tracing_urls.py), sending a task as well."""

from django.db import transaction
from django.urls import path
from rest_framework.request import Request
from rest_framework.response import Response

from {{ cookiecutter.project_slug }}.common.background import enqueue_on_commit

from .tracing_urls import ROUTE, TracedApi


class TracedApiSendingATask(TracedApi):
    def post(self, request: Request) -> Response:
        # Sent when this transaction commits, after the view's query and cache call, still
        # inside the request (and its server span).
        with transaction.atomic():
            enqueue_on_commit("tests.probe", key=request.data["probe_key"], hold=False)
            return super().post(request)


urlpatterns = [path(ROUTE, TracedApiSendingATask.as_view())]
