"""`manage.py createuser`: API users from the command line, with a validated password."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from {{ cookiecutter.project_slug }}.users.models import User

from .factories import UserFactory

pytestmark = pytest.mark.django_db

GOOD_PASSWORD = "violet kettle under 7 moons"


def feed_stdin(monkeypatch, password: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{password}\n"))


def test_a_user_created_from_standard_input_logs_in_to_the_api(api_client, monkeypatch):
    feed_stdin(monkeypatch, GOOD_PASSWORD)
    out = io.StringIO()

    call_command("createuser", "Ann@Example.com", "--password-stdin", stdout=out)

    user = User.objects.get(email="ann@example.com")
    assert not user.is_staff
    assert not user.is_superuser
    assert "Created user ann@example.com." in out.getvalue()
    response = api_client.post(
        reverse("v1:users:token-obtain"), {"email": "ann@example.com", "password": GOOD_PASSWORD}
    )
    assert response.status_code == 200


def test_the_password_is_asked_twice_without_echo(monkeypatch):
    answers = iter([GOOD_PASSWORD, GOOD_PASSWORD])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))

    call_command("createuser", "cy@example.com", stdout=io.StringIO())

    assert User.objects.get(email="cy@example.com").check_password(GOOD_PASSWORD)


def test_two_different_typed_passwords_are_refused(monkeypatch):
    answers = iter([GOOD_PASSWORD, "something else entirely"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))

    with pytest.raises(CommandError, match="differ"):
        call_command("createuser", "dee@example.com")

    assert not User.objects.filter(email="dee@example.com").exists()


@pytest.mark.parametrize(
    ("email", "password", "message"),
    [
        ("eve@example.com", "short", "too short"),
        ("eve@example.com", "password123", "too common"),
        ("eve@example.com", "83749201938475", "entirely numeric"),
        ("not-an-email", GOOD_PASSWORD, "valid email"),
    ],
)
def test_a_weak_password_or_bad_email_is_refused_by_the_validators(
    monkeypatch, email, password, message
):
    feed_stdin(monkeypatch, password)

    with pytest.raises(CommandError, match=message):
        call_command("createuser", email, "--password-stdin")

    assert User.objects.count() == 0


def test_an_existing_email_is_refused_whatever_its_case(monkeypatch):
    UserFactory(email="fay@example.com")
    feed_stdin(monkeypatch, GOOD_PASSWORD)

    with pytest.raises(CommandError, match="already exists"):
        call_command("createuser", "FAY@example.com", "--password-stdin")
