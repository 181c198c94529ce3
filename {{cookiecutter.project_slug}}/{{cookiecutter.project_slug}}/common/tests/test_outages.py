"""With MySQL down, the API answers a problem a client can act on, never a traceback.

(Redis down: see test_throttling.py and test_health.py; any other backing service down: the
tests of the code that uses it.)
"""

from unittest import mock

import pytest
from django.db import connection

from .assertions import assert_problem

ME_URL = "/api/v1/users/me/"


# transaction=True: the request must open its own connection, which a test transaction holds.
@pytest.mark.django_db(transaction=True)
def test_with_mysql_unreachable_the_api_answers_503_and_liveness_stays_ok(auth_client, caplog):
    connection.close()
    with mock.patch.dict(connection.settings_dict, {"HOST": "127.0.0.1", "PORT": "1"}):
        response = auth_client.get(ME_URL)
        live = auth_client.get("/health/live")
        connection.close()

    body = assert_problem(response, 503, code="service-unavailable")
    assert "Traceback" not in response.content.decode()
    assert "127.0.0.1" not in body["detail"]
    assert live.status_code == 200
    assert "The database is unreachable" in caplog.text
