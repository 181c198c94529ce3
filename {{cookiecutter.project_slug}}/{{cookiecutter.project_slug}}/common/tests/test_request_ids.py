import logging
import uuid

import pytest

# Any URL behind the middleware (the health probes answer before it).
URL = "/api/v1/users/me/"

pytestmark = pytest.mark.django_db


def logged_request_ids(caplog: pytest.LogCaptureFixture) -> set[str]:
    """The request ids bound to the structlog events captured (their msg is the event dict)."""
    return {
        record.msg["request_id"]
        for record in caplog.records
        if isinstance(record.msg, dict) and "request_id" in record.msg
    }


def test_every_response_names_its_request_id(client):
    first = client.get(URL)["X-Request-ID"]
    second = client.get(URL)["X-Request-ID"]

    assert uuid.UUID(first) != uuid.UUID(second)


@pytest.mark.parametrize(
    "request_id",
    [str(uuid.uuid4()), "lb-7f3a.2026:01_x", "aZ09._:-" * 8],
    ids=["uuid", "every-safe-character-class", "64-characters"],
)
def test_a_safe_upstream_request_id_is_kept_and_logged(client, caplog, request_id):
    with caplog.at_level(logging.INFO):
        response = client.get(URL, HTTP_X_REQUEST_ID=request_id)

    assert response["X-Request-ID"] == request_id
    assert logged_request_ids(caplog) == {request_id}


@pytest.mark.parametrize(
    "unsafe",
    ["x" * 5000, "a" * 65, "<script>alert(1)</script>", "abc\tdef", "ünïcödé-ид", "a b", "a/b"],
    ids=["5000-characters", "65-characters", "script", "tab", "non-ascii", "space", "slash"],
)
def test_an_unsafe_upstream_request_id_is_replaced_never_echoed_nor_logged(client, caplog, unsafe):
    with caplog.at_level(logging.INFO):
        response = client.get(URL, HTTP_X_REQUEST_ID=unsafe)

    fresh = response["X-Request-ID"]
    assert uuid.UUID(fresh)
    assert logged_request_ids(caplog) == {fresh}
    assert all(unsafe not in str(record.msg) for record in caplog.records)
