"""A URLconf with a view that fails, for the tests of unhandled errors."""

from django.urls import path
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView


class FailingApi(APIView):
    permission_classes = (AllowAny,)

    def get(self, request: Request) -> Response:
        raise RuntimeError("connection string mysql://admin:hunter2@db is broken")


urlpatterns = [path("api/v1/failing/", FailingApi.as_view())]
