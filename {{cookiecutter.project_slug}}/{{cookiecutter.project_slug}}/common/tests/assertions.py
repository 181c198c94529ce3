"""Assertions shared by the API tests of every app."""

from typing import Any

from {{ cookiecutter.project_slug }}.common.api.problems import (
    PROBLEM_CONTENT_TYPE,
    PROBLEM_TYPE_BASE,
)

PROBLEM_KEYS = {"type", "title", "status", "detail", "instance"}


def assert_problem(response: Any, status: int, *, code: str | None = None) -> dict[str, Any]:
    """Assert an RFC 9457 problem response, field by field; return its body."""
    assert response.status_code == status, response.content
    assert response["Content-Type"] == PROBLEM_CONTENT_TYPE
    body = response.json()
    assert set(body) >= PROBLEM_KEYS, body
    assert set(body) <= {*PROBLEM_KEYS, "errors"}, body
    assert body["status"] == status
    assert body["type"].startswith(PROBLEM_TYPE_BASE)
    if code is not None:
        assert body["type"] == PROBLEM_TYPE_BASE + code, body
    assert isinstance(body["title"], str)
    assert body["title"]
    assert isinstance(body["detail"], str)
    assert body["detail"]
    assert body["instance"] == response.wsgi_request.get_full_path()
    return body


def field_error_codes(body: dict[str, Any]) -> dict[str | None, str]:
    """{field: code} of a validation problem's errors."""
    return {error["field"]: error["code"] for error in body["errors"]}
