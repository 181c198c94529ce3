"""Malformed bodies get a 4xx problem, whatever the endpoint; nothing is stored."""

import json

import pytest

from .assertions import assert_problem

pytestmark = pytest.mark.django_db

# An endpoint every project has that reads a JSON body.
URL = "/api/v1/auth/token/"


def post_raw(client, body: bytes, content_type: str = "application/json"):
    return client.generic("POST", URL, body, content_type=content_type)


def test_a_body_over_the_size_limit_is_a_413_problem(api_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = json.dumps({"email": "a@example.com", "password": "x" * 2000}).encode()

    assert_problem(post_raw(api_client, body), 413, code="payload-too-large")


def test_json_nested_beyond_the_recursion_limit_is_a_400_problem(api_client):
    body = b"[" * 100_000 + b"]" * 100_000

    body_of_problem = assert_problem(post_raw(api_client, body), 400, code="parse-error")
    assert "nested too deeply" in body_of_problem["detail"]


@pytest.mark.parametrize(
    "body",
    [b'{"email": "\xff\xfe"}', b'{"email": NaN}', b'{"email": Infinity}', b"{'email': 1}"],
    ids=["invalid-utf8", "nan", "infinity", "single-quotes"],
)
def test_json_that_does_not_parse_is_a_400_problem(api_client, body):
    assert_problem(post_raw(api_client, body), 400, code="parse-error")


@pytest.mark.parametrize("body", [b"[]", b'"text"', b"42", b"null"])
def test_json_that_is_not_an_object_is_a_400_problem(api_client, body):
    assert_problem(post_raw(api_client, body), 400, code="invalid")
