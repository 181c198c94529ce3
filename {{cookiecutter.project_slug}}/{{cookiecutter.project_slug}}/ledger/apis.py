"""The ledger API. Views only translate HTTP: validate input, call a service, shape output."""

from typing import Any

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from {{ cookiecutter.project_slug }}.common.api.parsers import MultiPartParser
from {{ cookiecutter.project_slug }}.common.api.problems import PROBLEM_CONTENT_TYPE
from {{ cookiecutter.project_slug }}.common.api.schema import ProblemSerializer
from {{ cookiecutter.project_slug }}.common.api.serializers import rows_representation
from {{ cookiecutter.project_slug }}.common.api.viewsets import OwnedObjectsViewSet

from . import services
from .filters import AccountFilter, EntryFilter, TagFilter
from .models import Account, Entry, Tag
from .selectors import (
    account_list,
    entry_list,
    entry_list_rows,
    entry_receipt_url,
    entry_rows_shaped,
    tag_list,
)
from .serializers import (
    AccountInputSerializer,
    AccountOutputSerializer,
    EntryCreateInputSerializer,
    EntryOutputSerializer,
    EntryUpdateInputSerializer,
    ReceiptInputSerializer,
    ReceiptOutputSerializer,
    TagInputSerializer,
    TagOutputSerializer,
)

# Built once per process: the serializer's fields and converters never change between requests.
ENTRY_ROWS_OUTPUT = rows_representation(EntryOutputSerializer(many=True))

CONFLICT = {(status.HTTP_409_CONFLICT, PROBLEM_CONTENT_TYPE): ProblemSerializer}
TOO_LARGE = {
    (status.HTTP_413_REQUEST_ENTITY_TOO_LARGE, PROBLEM_CONTENT_TYPE): ProblemSerializer,
}


class AccountViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, OwnedObjectsViewSet):
    """The requesting user's accounts."""

    queryset = Account.objects.none()
    serializer_class = AccountOutputSerializer
    filterset_class = AccountFilter
    ordering_fields = ["created_at", "name"]

    def select_owned(self, *, owner: Any) -> Any:
        return account_list(owner=owner)

    @extend_schema(request=AccountInputSerializer, responses={201: AccountOutputSerializer})
    def create(self, request: Request) -> Response:
        serializer = AccountInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        account = services.account_create(owner=request.user, **serializer.validated_data)
        return Response(AccountOutputSerializer(account).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=AccountInputSerializer, responses={200: AccountOutputSerializer})
    def partial_update(self, request: Request, pk: str) -> Response:
        serializer = AccountInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        account = services.account_update(account=self.get_object(), **serializer.validated_data)
        return Response(AccountOutputSerializer(account).data)

    @extend_schema(responses={204: None, **CONFLICT})
    def destroy(self, request: Request, pk: str) -> Response:
        services.account_delete(account=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


class TagViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, OwnedObjectsViewSet):
    """The requesting user's tags."""

    queryset = Tag.objects.none()
    serializer_class = TagOutputSerializer
    filterset_class = TagFilter
    ordering_fields = ["created_at", "name"]

    def select_owned(self, *, owner: Any) -> Any:
        return tag_list(owner=owner)

    @extend_schema(request=TagInputSerializer, responses={201: TagOutputSerializer})
    def create(self, request: Request) -> Response:
        serializer = TagInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        tag = services.tag_create(owner=request.user, **serializer.validated_data)
        return Response(TagOutputSerializer(tag).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=TagInputSerializer, responses={200: TagOutputSerializer})
    def partial_update(self, request: Request, pk: str) -> Response:
        serializer = TagInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        tag = services.tag_update(tag=self.get_object(), **serializer.validated_data)
        return Response(TagOutputSerializer(tag).data)

    @extend_schema(responses={204: None})
    def destroy(self, request: Request, pk: str) -> Response:
        services.tag_delete(tag=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


class EntryViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, OwnedObjectsViewSet):
    """The requesting user's entries. Entries are never deleted: void them."""

    queryset = Entry.objects.none()
    serializer_class = EntryOutputSerializer
    filterset_class = EntryFilter
    ordering_fields = ["created_at", "occurred_on"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def select_owned(self, *, owner: Any) -> Any:
        return entry_list(owner=owner)

    def list(self, request: Request) -> Response:
        # Rows, not model instances: the list is the API's hottest read. Filtered, ordered and
        # paginated like any queryset; the page's rows then get their tags in one query.
        # (DRF paginates when a paginator is set, as REST_FRAMEWORK's settings do: then rows is
        # a list; get_paginated_response refuses to run without one.)
        rows = self.paginate_queryset(self.filter_queryset(entry_list_rows(owner=request.user)))
        return self.get_paginated_response(ENTRY_ROWS_OUTPUT(entry_rows_shaped(rows=rows or [])))

    @extend_schema(request=EntryCreateInputSerializer, responses={201: EntryOutputSerializer})
    def create(self, request: Request) -> Response:
        serializer = EntryCreateInputSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        entry = services.entry_create(owner=request.user, **serializer.validated_data)
        return Response(EntryOutputSerializer(entry).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=EntryUpdateInputSerializer, responses={200: EntryOutputSerializer})
    def partial_update(self, request: Request, pk: str) -> Response:
        serializer = EntryUpdateInputSerializer(
            data=request.data, partial=True, context={"request": request}
        )
        serializer.is_valid(raise_exception=True)
        entry = services.entry_update(entry=self.get_object(), **serializer.validated_data)
        return Response(EntryOutputSerializer(entry).data)

    @extend_schema(request=None, responses={200: EntryOutputSerializer, **CONFLICT})
    @action(detail=True, methods=["post"])
    def void(self, request: Request, pk: str) -> Response:
        """Void the entry; a posted entry gives its amount back to the account."""
        entry = services.entry_void(entry=self.get_object())
        return Response(EntryOutputSerializer(entry).data)

    @extend_schema(
        methods=["post"],
        description="Upload (or replace) the entry's receipt: multipart/form-data, one field "
        "`file`, a PDF, PNG or JPEG (the type is read from its bytes) of at most "
        "MEDIA_UPLOAD_MAX_BYTES.",
        request={"multipart/form-data": ReceiptInputSerializer},
        responses={200: EntryOutputSerializer, **TOO_LARGE},
    )
    @extend_schema(
        methods=["get"],
        description="A download URL of the entry's receipt that expires after `expires_in` s.",
        responses={200: ReceiptOutputSerializer},
    )
    @action(detail=True, methods=["get", "post"], parser_classes=[MultiPartParser])
    def receipt(self, request: Request, pk: str) -> Response:
        """The entry's receipt: upload it, or get a short-lived URL to download it."""
        entry = self.get_object()
        if request.method == "GET":
            found = entry_receipt_url(entry=entry)
            if found is None:
                raise Http404
            url, expires_in = found
            body = {"url": request.build_absolute_uri(url), "expires_in": expires_in}
            return Response(ReceiptOutputSerializer(body).data)
        serializer = ReceiptInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.entry_attach_receipt(entry=entry, **serializer.validated_data)
        return Response(EntryOutputSerializer(self.get_object()).data)
