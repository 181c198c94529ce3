"""The API's parsers: DRF's, with every bad or oversized body kept a 4xx problem."""

from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler
from django.http.multipartparser import MultiPartParser as DjangoMultiPartParser
from django.http.multipartparser import MultiPartParserError
from rest_framework import parsers, status
from rest_framework.exceptions import APIException, ParseError

# Room for the multipart boundaries and part headers around the file itself.
MULTIPART_OVERHEAD_BYTES = 16 * 1024


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser; a body nested so deep it exhausts Python's recursion limit is a 400.

    DRF's own parser turns every other bad body into a 400 already (invalid JSON or UTF-8,
    NaN and Infinity), and Django refuses a body over DATA_UPLOAD_MAX_MEMORY_SIZE before any
    parser sees it (problems.py answers that with a 413).
    """

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError as error:
            raise ParseError("JSON parse error - the body is nested too deeply.") from error


class UploadTooLarge(APIException):
    # problems.PayloadTooLarge's code, defined here: DRF's views import this module.
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The file is larger than this API accepts."
    default_code = "payload_too_large"


class SizeLimitedUploadHandler(FileUploadHandler):
    """Stops an upload as soon as its files pass MEDIA_UPLOAD_MAX_BYTES, before it is stored.

    Django's DATA_UPLOAD_MAX_MEMORY_SIZE leaves file parts out of its count, so this handler,
    first in line, counts them: the other handlers (memory, then a temporary file) never get
    more than the limit, and nothing reaches the storage.
    """

    def __init__(self, request: Any = None) -> None:
        super().__init__(request)
        self.limit: int = settings.MEDIA_UPLOAD_MAX_BYTES
        self.received = 0

    def handle_raw_input(
        self,
        input_data: Any,
        META: Any,  # noqa: N803  # Django's parameter name
        content_length: int,
        boundary: Any,
        encoding: str | None = None,
    ) -> None:
        if content_length > self.limit + MULTIPART_OVERHEAD_BYTES:
            raise UploadTooLarge  # refused on its declared length, before reading it

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > self.limit:
            raise UploadTooLarge
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handler makes the file


class MultiPartParser(parsers.MultiPartParser):
    """DRF's multipart parser, its files limited by SizeLimitedUploadHandler.

    For upload endpoints only (set as the view's parser_classes): the API is JSON elsewhere.
    """

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        request = (parser_context or {})["request"]
        meta = request.META.copy()
        meta["CONTENT_TYPE"] = media_type
        handlers = [SizeLimitedUploadHandler(request), *request.upload_handlers]
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            data, files = DjangoMultiPartParser(meta, stream, handlers, encoding).parse()
        except MultiPartParserError as error:
            raise ParseError(f"Multipart form parse error - {error}") from error
        return parsers.DataAndFiles(data, files)
