"""Authentication endpoints and the current user."""

import pytest
from django.urls import reverse
{%- if cookiecutter.api_auth == "jwt" %}
from rest_framework.test import APIClient
{%- endif %}

from {{ cookiecutter.project_slug }}.common.api.throttling import AuthRateThrottle
from {{ cookiecutter.project_slug }}.common.tests.assertions import assert_problem
{%- if cookiecutter.api_auth == "jwt" %}
from {{ cookiecutter.project_slug }}.common.tests.concurrency import run_at_once
{%- endif %}

from .factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

TOKEN = reverse("v1:users:token-obtain")
LOGOUT = reverse("v1:users:logout")
ME = reverse("v1:users:me")
{%- if cookiecutter.api_auth == "jwt" %}
REFRESH = reverse("v1:users:token-refresh")
{%- endif %}


def log_in(api_client, email: str, password: str = DEFAULT_PASSWORD, **headers: str):
    return api_client.post(TOKEN, {"email": email, "password": password}, **headers)


def test_me_answers_the_authenticated_user(auth_client, user):
    response = auth_client.get(ME)

    assert response.status_code == 200
    assert response.json()["email"] == user.email
    assert "password" not in response.json()


def test_me_needs_authentication(api_client):
    assert_problem(api_client.get(ME), 401, code="not-authenticated")


def test_an_unknown_email_and_a_wrong_password_get_the_same_answer(api_client):
    user = UserFactory()

    unknown = log_in(api_client, "nobody@example.com")
    wrong_password = log_in(api_client, user.email, "not-the-password")

    unknown_body = assert_problem(unknown, 401, code="authentication-failed")
    wrong_body = assert_problem(wrong_password, 401, code="authentication-failed")
    assert unknown_body == wrong_body


def test_an_inactive_user_cannot_log_in(api_client):
    user = UserFactory(is_active=False)

    assert_problem(log_in(api_client, user.email), 401, code="authentication-failed")


def test_logging_in_is_throttled_per_client(api_client, monkeypatch):
    monkeypatch.setitem(AuthRateThrottle.THROTTLE_RATES, "auth", "3/minute")
    for _ in range(3):
        assert log_in(api_client, "nobody@example.com").status_code == 401

    response = log_in(api_client, "nobody@example.com")

    assert_problem(response, 429, code="throttled")
    assert int(response["Retry-After"]) > 0
{%- if cookiecutter.api_auth == "jwt" %}


def test_a_changing_x_forwarded_for_does_not_escape_the_throttle(api_client, monkeypatch):
    # The default DJANGO_NUM_PROXIES=0: no proxy, so the header is the client's to choose.
    monkeypatch.setitem(AuthRateThrottle.THROTTLE_RATES, "auth", "10/minute")

    statuses = [
        log_in(api_client, "nobody@example.com", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code
        for n in range(25)
    ]

    assert statuses == [401] * 10 + [429] * 15


def test_behind_one_proxy_the_throttle_keys_on_the_address_the_proxy_saw(
    api_client, monkeypatch, settings
):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    monkeypatch.setitem(AuthRateThrottle.THROTTLE_RATES, "auth", "3/minute")

    def from_client(client_address: str, claimed: str) -> int:
        forwarded = f"{claimed}, {client_address}"  # the proxy appends the address it saw
        response = log_in(api_client, "nobody@example.com", HTTP_X_FORWARDED_FOR=forwarded)
        return response.status_code

    spoofing = [from_client("203.0.113.7", f"198.51.100.{n}") for n in range(5)]

    assert spoofing == [401, 401, 401, 429, 429]
    assert from_client("203.0.113.8", "198.51.100.1") == 401


def test_log_in_returns_tokens_that_authenticate(api_client):
    user = UserFactory()

    response = log_in(api_client, user.email)

    assert response.status_code == 200
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {response.json()['access']}")
    assert api_client.get(ME).json()["email"] == user.email


def test_refresh_rotates_and_the_old_refresh_token_stops_working(api_client):
    old_refresh = log_in(api_client, UserFactory().email).json()["refresh"]

    rotated = api_client.post(REFRESH, {"refresh": old_refresh})

    assert rotated.status_code == 200
    assert rotated.json()["refresh"] != old_refresh
    assert_problem(api_client.post(REFRESH, {"refresh": old_refresh}), 401)


@pytest.mark.django_db(transaction=True)  # each thread's connection sees the user and tokens
@pytest.mark.parametrize("trial", range(5))  # the race showed in 4 of 4 trials, 8 requests each
def test_of_concurrent_refreshes_with_one_token_exactly_one_succeeds(monkeypatch, trial):
    monkeypatch.setitem(AuthRateThrottle.THROTTLE_RATES, "auth", "1000/minute")
    refresh = log_in(APIClient(), UserFactory().email).json()["refresh"]

    def refresh_once():
        return APIClient().post(REFRESH, {"refresh": refresh})

    responses = run_at_once(*[refresh_once] * 8)

    assert sorted(response.status_code for response in responses) == [200] + [401] * 7
    reused = assert_problem(APIClient().post(REFRESH, {"refresh": refresh}), 401)
    for response in responses:
        if response.status_code == 401:
            lost = assert_problem(response, 401)
            assert (lost["type"], lost["detail"]) == (reused["type"], reused["detail"])
    [winner] = [response for response in responses if response.status_code == 200]
    assert APIClient().post(REFRESH, {"refresh": winner.json()["refresh"]}).status_code == 200


def test_logout_blacklists_the_refresh_token(api_client):
    refresh = log_in(api_client, UserFactory().email).json()["refresh"]

    assert api_client.post(LOGOUT, {"refresh": refresh}).status_code == 200
    assert_problem(api_client.post(REFRESH, {"refresh": refresh}), 401)


def test_a_forged_token_is_a_401_problem(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Bearer not.a.jwt")

    assert_problem(api_client.get(ME), 401)
{%- else %}


def test_log_in_returns_a_token_that_authenticates(api_client):
    user = UserFactory()

    response = log_in(api_client, user.email)

    assert response.status_code == 200
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    assert api_client.get(ME).json()["email"] == user.email


def test_logout_revokes_the_token(api_client):
    token = log_in(api_client, UserFactory().email).json()["token"]
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {token}")

    assert api_client.post(LOGOUT).status_code == 204
    assert_problem(api_client.get(ME), 401, code="authentication-failed")


def test_logout_needs_authentication(api_client):
    assert_problem(api_client.post(LOGOUT), 401, code="not-authenticated")


def test_a_forged_token_is_a_401_problem(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Token not-a-token")

    assert_problem(api_client.get(ME), 401, code="authentication-failed")
{%- endif %}
