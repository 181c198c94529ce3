"""One error format for the whole API: RFC 9457 problem details (application/problem+json).

Every error leaves the API as {type, title, status, detail, instance}, plus an `errors` list
naming each invalid field (nested fields as "a.b", list items as "a.0"). The exception handler
covers DRF's errors, Django's ValidationError/Http404/PermissionDenied, the services'
ConflictError, and anything unhandled (a 500 that shows no internals).
"""

import logging
from http import HTTPStatus
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DatabaseError
from django.http import Http404, HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.serializers import as_serializer_error
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler, set_rollback

from {{ cookiecutter.project_slug }}.common.data.connection_errors import (
    unreachable_database_message,
)
from {{ cookiecutter.project_slug }}.common.errors import ConflictError

logger = logging.getLogger(__name__)

PROBLEM_CONTENT_TYPE = "application/problem+json"
PROBLEM_TYPE_BASE = "https://{{ cookiecutter.domain_name }}/problems/"
# One title per problem type, stable across occurrences as RFC 9457 asks; the rest fall back
# to the HTTP status phrase.
TITLES = {
    "invalid": "Invalid input",
    "parse_error": "Malformed request body",
    "not_authenticated": "Authentication required",
    "authentication_failed": "Authentication failed",
    "permission_denied": "Permission denied",
    "not_found": "Not found",
    "method_not_allowed": "Method not allowed",
    "not_acceptable": "Not acceptable",
    "unsupported_media_type": "Unsupported media type",
    "throttled": "Too many requests",
    "conflict": "Conflict",
    "payload_too_large": "Payload too large",
    "server_error": "Internal server error",
    "service_unavailable": "Service unavailable",
}
# RFC 9110's names for the statuses Python renamed in 3.13: the interpreter's own phrases would
# make the titles and the committed openapi.yaml differ between the Pythons the service runs on.
RFC_9110_PHRASES = {
    413: "Content Too Large",
    414: "URI Too Long",
    416: "Range Not Satisfiable",
    422: "Unprocessable Content",
}


def status_phrase(status_code: int) -> str:
    """The HTTP status phrase, the same on every Python version."""
    return RFC_9110_PHRASES.get(status_code) or HTTPStatus(status_code).phrase


class _HTTPConflict(exceptions.APIException):
    """The HTTP side of errors.ConflictError, the one name services and views use."""

    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with the current state of the resource."
    default_code = "conflict"


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is larger than this API accepts."
    default_code = "payload_too_large"


class ServiceUnavailable(exceptions.APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "A service this request needs is unavailable. Try again shortly."
    default_code = "service_unavailable"


def problem(
    *, status_code: int, code: str, detail: str, instance: str, errors: list[dict] | None = None
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE_BASE + code.replace("_", "-"),
        "title": TITLES.get(code) or status_phrase(status_code),
        "status": status_code,
        "detail": detail,
        "instance": instance,
    }
    if errors is not None:
        body["errors"] = errors
    return body


def field_errors(detail: Any, field: str | None = None) -> list[dict[str, Any]]:
    """Flatten DRF's nested error detail into [{"field": "a.b", "code": ..., "detail": ...}]."""
    if isinstance(detail, dict):
        return [
            error
            for key, value in detail.items()
            for error in field_errors(value, _join(field, key))
        ]
    if isinstance(detail, list):
        # Messages of one field, or (for lists of objects) one entry per item, {} when valid.
        if all(isinstance(item, str) for item in detail):
            return [error for item in detail for error in field_errors(item, field)]
        return [
            error
            for index, item in enumerate(detail)
            for error in field_errors(item, _join(field, str(index)))
        ]
    return [{"field": field, "code": getattr(detail, "code", "invalid"), "detail": str(detail)}]


def _join(field: str | None, key: Any) -> str | None:
    if key == api_settings.NON_FIELD_ERRORS_KEY:
        return field
    return f"{field}.{key}" if field else str(key)


def _first_message(detail: Any) -> str:
    if isinstance(detail, dict):
        detail = detail.get("detail", next(iter(detail.values()), ""))
    if isinstance(detail, list):
        detail = detail[0] if detail else ""
    return str(detail)


def _as_api_exception(exc: Exception) -> Exception:
    """Translate Django's and the services' errors into DRF's, which know their HTTP status."""
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied()
    if isinstance(exc, DjangoValidationError):
        return exceptions.ValidationError(as_serializer_error(exc))
    if isinstance(exc, ConflictError):
        return _HTTPConflict(exc.detail)
    if isinstance(exc, RequestDataTooBig):  # over DATA_UPLOAD_MAX_MEMORY_SIZE
        return PayloadTooLarge()
    if isinstance(exc, DatabaseError) and unreachable_database_message(exc):
        # MySQL is down or unreachable: a 503 a client may retry, logged for the operators.
        logger.error("The database is unreachable: %s", unreachable_database_message(exc))
        return ServiceUnavailable()
    return exc


def problem_exception_handler(exc: Exception, context: dict[str, Any]) -> Response:
    request = context["request"]
    exc = _as_api_exception(exc)
    # DRF's handler sets the status, WWW-Authenticate and Retry-After, and rolls back.
    response = exception_handler(exc, context)
    if response is None:
        logger.error("Unhandled error in %s %s", request.method, request.path, exc_info=exc)
        set_rollback()
        response = Response(status=status.HTTP_500_INTERNAL_SERVER_ERROR)
        response.data = problem(
            status_code=response.status_code,
            code="server_error",
            detail="The server could not handle the request. It has been logged.",
            instance=request.get_full_path(),
        )
    elif isinstance(exc, exceptions.ValidationError):
        errors = field_errors(exc.detail)
        response.data = problem(
            status_code=response.status_code,
            code="invalid",
            detail=errors[0]["detail"] if len(errors) == 1 else "The request has invalid fields.",
            instance=request.get_full_path(),
            errors=errors,
        )
    else:
        code = getattr(exc, "default_code", "error")
        detail = _first_message(getattr(exc, "detail", "")) or TITLES.get(code, "")
        response.data = problem(
            status_code=response.status_code,
            code=code,
            detail=detail,
            instance=request.get_full_path(),
        )
    response.content_type = PROBLEM_CONTENT_TYPE
    # Problems are JSON even where the view renders HTML (the docs page, the browsable API).
    request.accepted_renderer = JSONRenderer()
    request.accepted_media_type = JSONRenderer.media_type
    return response


@csrf_exempt  # answers every method with a 404 and changes nothing
def api_not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
    """Unknown URLs under /api/ get a problem too, not Django's HTML 404 page."""
    body = problem(
        status_code=status.HTTP_404_NOT_FOUND,
        code="not_found",
        detail="No API endpoint matches this URL.",
        instance=request.get_full_path(),
    )
    return JsonResponse(body, status=body["status"], content_type=PROBLEM_CONTENT_TYPE)
