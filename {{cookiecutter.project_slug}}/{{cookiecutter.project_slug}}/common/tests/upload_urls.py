"""A URLconf with an upload endpoint, for the tests of the upload size limit."""

from django.urls import path
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from {{ cookiecutter.project_slug }}.common.api.parsers import MultiPartParser


class UploadApi(APIView):
    """Answers with the size of the file it received."""

    permission_classes = (AllowAny,)
    parser_classes = (MultiPartParser,)

    def post(self, request: Request) -> Response:
        return Response({"size": request.data["file"].size})


urlpatterns = [path("api/v1/upload/", UploadApi.as_view())]
