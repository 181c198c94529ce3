"""The tracing tests' endpoint, the request that calls it, and what its spans must show.

The view does what a request does: a query and a cache call. The request comes from a caller
inside a trace, with a secret in its query string, body and Authorization header.
"""

from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.urls import path
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .otlp import SERVER, ReceivedSpan

ROUTE = "api/v1/traced/"
# The caller's span, which the request continues (W3C Trace Context's traceparent header).
TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"
CALLER_SPAN_ID = "00f067aa0ba902b7"
TRACEPARENT = f"00-{TRACE_ID}-{CALLER_SPAN_ID}-01"


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
        return Response({"echoed": echoed == secret})


urlpatterns = [path(ROUTE, TracedApi.as_view())]


def traced_request(client: Client, secret: str, **data: str) -> None:
    """POST `secret` (and `data`) to the endpoint, inside the caller's trace."""
    response = client.post(
        f"/{ROUTE}?email={secret}",
        {"secret": secret, **data},
        content_type="application/json",
        HTTP_TRACEPARENT=TRACEPARENT,
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert response.status_code == 200
    assert response.json() == {"echoed": True}


def of_the_trace(spans: list[ReceivedSpan]) -> list[ReceivedSpan]:
    return [span for span in spans if span.trace_id == TRACE_ID]


def children(spans: list[ReceivedSpan], parent: ReceivedSpan) -> list[ReceivedSpan]:
    return [span for span in spans if span.parent_span_id == parent.span_id]


def spans_under_the_callers_server_span(spans: list[ReceivedSpan]) -> list[ReceivedSpan]:
    """The request's server span continues the caller's trace, named by route; MySQL and Redis
    spans lie under it. Returns the spans under it."""
    [server] = [span for span in spans if span.kind == SERVER]
    assert server.parent_span_id == CALLER_SPAN_ID
    assert server.name == f"POST {ROUTE}"  # the route, not the path
    assert server.resource["service.name"] == "{{ cookiecutter.project_slug }}"
    under_server = children(spans, server)
    assert any(span.attributes.get("db.system") == "mysql" for span in under_server)
    assert any(span.attributes.get("db.system") == "redis" for span in under_server)
    return under_server
