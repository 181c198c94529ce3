import uuid

import pytest

# Any URL behind the middleware (the health probes answer before it).
URL = "/api/v1/users/me/"

pytestmark = pytest.mark.django_db


def test_every_response_names_its_request_id(client):
    first = client.get(URL)["X-Request-ID"]
    second = client.get(URL)["X-Request-ID"]

    assert uuid.UUID(first) != uuid.UUID(second)


def test_an_upstream_request_id_is_kept(client):
    request_id = str(uuid.uuid4())

    response = client.get(URL, HTTP_X_REQUEST_ID=request_id)

    assert response["X-Request-ID"] == request_id
