"""Every error of the API is an RFC 9457 problem: the shapes, and the errors no app owns."""

import pytest
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework.exceptions import ErrorDetail
from rest_framework.request import Request

from {{ cookiecutter.project_slug }}.common.api.problems import (
    field_errors,
    problem,
    problem_exception_handler,
)
from {{ cookiecutter.project_slug }}.common.api.throttling import UserRateThrottle
from {{ cookiecutter.project_slug }}.common.errors import ConflictError

from .assertions import assert_problem, field_error_codes

ME_URL = "/api/v1/users/me/"


def test_field_errors_name_nested_fields_with_dots_and_list_items_by_index():
    detail = {
        "name": [ErrorDetail("This field is required.", code="required")],
        "address": {"city": [ErrorDetail("Too long.", code="max_length")]},
        "lines": [{}, {"amount": [ErrorDetail("Not a number.", code="invalid")]}],
        "non_field_errors": [ErrorDetail("Dates are reversed.", code="invalid")],
    }

    assert field_errors(detail) == [
        {"field": "name", "code": "required", "detail": "This field is required."},
        {"field": "address.city", "code": "max_length", "detail": "Too long."},
        {"field": "lines.1.amount", "code": "invalid", "detail": "Not a number."},
        {"field": None, "code": "invalid", "detail": "Dates are reversed."},
    ]


@pytest.mark.parametrize(
    ("status_code", "title"),
    [
        (413, "Content Too Large"),
        (414, "URI Too Long"),
        (416, "Range Not Satisfiable"),
        (422, "Unprocessable Content"),
    ],
)
def test_statuses_python_renamed_have_the_same_title_on_every_python(status_code, title):
    # Python 3.13 took RFC 9110's names; 3.11 and 3.12 still say "Request Entity Too Large"...
    body = problem(status_code=status_code, code="untitled", detail="d", instance="/api/v1/")

    assert body["title"] == title


def test_anonymous_requests_get_a_401_problem_with_the_auth_scheme(api_client, db):
    response = api_client.get(ME_URL)

    assert_problem(response, 401, code="not-authenticated")
    assert response["WWW-Authenticate"]


def test_an_unknown_url_under_api_is_a_404_problem_for_any_method(api_client):
    for method in ("get", "post", "delete"):
        response = getattr(api_client, method)("/api/v1/no-such-thing/")

        assert_problem(response, 404, code="not-found")


def test_an_unknown_api_version_is_a_404_problem(api_client):
    assert_problem(api_client.get("/api/v2/users/me/"), 404, code="not-found")


def test_a_method_the_endpoint_lacks_is_a_405_problem(auth_client):
    assert_problem(auth_client.delete(ME_URL), 405, code="method-not-allowed")


def test_asking_for_html_is_a_406_problem(auth_client):
    response = auth_client.get(ME_URL, HTTP_ACCEPT="text/html")

    assert_problem(response, 406, code="not-acceptable")


def test_malformed_json_is_a_400_problem(auth_client):
    response = auth_client.generic(
        "POST", "/api/v1/auth/token/", '{"email": ', content_type="application/json"
    )

    assert_problem(response, 400, code="parse-error")


def test_a_body_that_is_not_json_is_a_415_problem(auth_client):
    response = auth_client.post(
        "/api/v1/auth/token/",
        "email=a@b.c&password=x",
        content_type="application/x-www-form-urlencoded",
    )

    assert_problem(response, 415, code="unsupported-media-type")


def test_too_many_requests_is_a_429_problem_with_retry_after(auth_client, monkeypatch):
    monkeypatch.setitem(UserRateThrottle.THROTTLE_RATES, "user", "2/minute")
    for _ in range(2):
        assert auth_client.get(ME_URL).status_code == 200

    response = auth_client.get(ME_URL)

    assert_problem(response, 429, code="throttled")
    assert 0 < int(response["Retry-After"]) <= 60


def test_a_django_validation_error_becomes_a_400_problem_with_field_errors(rf):
    request = rf.post("/api/v1/things/")
    error = DjangoValidationError({"name": "Taken.", "amount": "Cannot be 0."})

    response = problem_exception_handler(error, {"request": request})

    assert response.status_code == 400
    assert {item["field"] for item in response.data["errors"]} == {"name", "amount"}


@pytest.mark.urls("{{ cookiecutter.project_slug }}.common.tests.failing_urls")
def test_an_unhandled_error_is_a_500_problem_that_shows_no_internals(api_client, caplog):
    response = api_client.get("/api/v1/failing/")

    body = assert_problem(response, 500, code="server-error")
    assert "hunter2" not in response.content.decode()
    assert "RuntimeError" not in response.content.decode()
    assert body["detail"] == "The server could not handle the request. It has been logged."
    assert "RuntimeError" in caplog.text


def test_validation_problems_list_every_invalid_field(auth_client):
    response = auth_client.post("/api/v1/auth/token/", {"email": "not-an-email"})

    body = assert_problem(response, 400, code="invalid")
    assert set(field_error_codes(body)) >= {"password"}


@pytest.mark.parametrize(
    ("error", "status", "code"),
    [
        (ConflictError("Already void."), 409, "conflict"),
        (Http404("No Account matches the given query."), 404, "not-found"),
        (DjangoPermissionDenied("internal reason"), 403, "permission-denied"),
    ],
)
def test_django_and_service_errors_become_problems(rf, error, status, code):
    request = rf.get("/api/v1/things/1/")

    response = problem_exception_handler(error, {"request": Request(request)})

    assert response.status_code == status
    assert response.data["type"].endswith(code)
    assert "internal reason" not in str(response.data)
    assert "No Account" not in str(response.data)
