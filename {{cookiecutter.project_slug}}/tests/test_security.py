"""Security defaults: closed CORS, no well-known admin URL in production, password rules."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import override_settings

from .production_process import PROJECT_DIR, run_with_production_settings

API_URL = "/api/v1/users/me/"
OTHER_ORIGIN = "https://app.example.com"


@pytest.mark.django_db
def test_cors_is_closed_unless_origins_are_configured(client):
    response = client.get(API_URL, HTTP_ORIGIN=OTHER_ORIGIN)

    assert "Access-Control-Allow-Origin" not in response


@pytest.mark.django_db
def test_a_configured_origin_may_call_the_api(client):
    with override_settings(CORS_ALLOWED_ORIGINS=[OTHER_ORIGIN]):
        preflight = client.options(
            API_URL, HTTP_ORIGIN=OTHER_ORIGIN, HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
        )

    assert preflight["Access-Control-Allow-Origin"] == OTHER_ORIGIN
    assert "Access-Control-Allow-Credentials" not in preflight


def production_admin_url(**environment: str) -> str:
    result = run_with_production_settings("print(settings.ADMIN_URL)", **environment)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_production_mounts_no_admin_unless_a_path_is_chosen():
    assert production_admin_url(DJANGO_ADMIN_URL="") in {"None", ""}
    assert production_admin_url(DJANGO_ADMIN_URL="staff-7f3a/") == "staff-7f3a/"


@pytest.mark.parametrize("password", ["password", "12345678", "short"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_dot_env_is_git_ignored_and_the_example_holds_no_secret():
    assert ".env" in (PROJECT_DIR / ".gitignore").read_text().splitlines()
    example = (PROJECT_DIR / ".env.example").read_text()
    for line in example.splitlines():
        name, _, value = line.partition("=")
        secret = name.endswith(("SECRET_KEY", "PASSWORD", "_TOKEN", "BASIC_AUTH"))
        if secret and not name.startswith("#"):
            assert value == "" or "change-me" in value, line
