"""A URLconf with a view that does what a request does: a query, a cache call{% if cookiecutter.use_celery == "yes" %}, a task{% endif %}."""

from django.core.cache import cache
from django.db import connection, transaction
from django.urls import path
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView
{%- if cookiecutter.use_celery == "yes" %}

from {{ cookiecutter.project_slug }}.common.background import enqueue_on_commit
{%- endif %}


class TracedApi(APIView):
    # The test sends an Authorization header only to see it stay out of the spans.
    authentication_classes = ()
    permission_classes = (AllowAny,)

    def post(self, request: Request) -> Response:
        secret = request.data["secret"]
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SELECT %s", [secret])  # a parameter the span must not show
                (echoed,) = cursor.fetchone()
            cache.set("tracing-test", secret, timeout=60)
{%- if cookiecutter.use_celery == "yes" %}
            enqueue_on_commit("tests.probe", key=request.data["probe_key"], hold=False)
{%- endif %}
        return Response({"echoed": echoed == secret})


urlpatterns = [path("api/v1/traced/", TracedApi.as_view())]
