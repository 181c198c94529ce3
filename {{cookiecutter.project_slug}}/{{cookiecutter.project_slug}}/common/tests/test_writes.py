import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from {{ cookiecutter.project_slug }}.common.data.writes import save_validated
from {{ cookiecutter.project_slug }}.users.models import User
from {{ cookiecutter.project_slug }}.users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

EMAIL_TAKEN = {"email": {"email": "Taken."}}


def new_user(email: str) -> User:
    user = User(email=email)
    user.set_unusable_password()
    return user


def test_field_values_are_validated_before_they_reach_mysql():
    with pytest.raises(ValidationError) as raised:
        save_validated(new_user("x" * 250 + "@example.com"))

    assert set(raised.value.message_dict) == {"email"}


def test_a_named_constraint_violation_becomes_a_validation_error_on_its_field():
    existing = UserFactory()

    with pytest.raises(ValidationError) as raised:
        save_validated(new_user(existing.email), constraint_messages=EMAIL_TAKEN)

    assert raised.value.message_dict == {"email": ["Taken."]}


def test_a_violation_nobody_named_stays_an_integrity_error():
    existing = UserFactory()

    with pytest.raises(IntegrityError):
        save_validated(new_user(existing.email))


def test_the_callers_transaction_survives_a_violation():
    existing = UserFactory()

    with pytest.raises(ValidationError):
        save_validated(new_user(existing.email), constraint_messages=EMAIL_TAKEN)

    assert User.objects.filter(pk=existing.pk).exists()


def test_an_update_writes_only_the_named_fields():
    user = UserFactory(first_name="Ann")
    stale = User.objects.get(pk=user.pk)
    User.objects.filter(pk=user.pk).update(last_name="Changed elsewhere")

    stale.first_name = "Anna"
    save_validated(stale, update_fields=["first_name"])

    user.refresh_from_db()
    assert (user.first_name, user.last_name) == ("Anna", "Changed elsewhere")
