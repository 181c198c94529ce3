import pytest
from django.db import IntegrityError

from {{ cookiecutter.project_slug }}.users.models import User

pytestmark = pytest.mark.django_db


def test_create_user_stores_email_lower_case_and_hashes_the_password():
    user = User.objects.create_user(email="  Ann@Example.COM ", password="s3cret-pass")

    assert user.email == "ann@example.com"
    assert user.check_password("s3cret-pass")
    assert user.password != "s3cret-pass"
    assert not user.is_staff
    assert not user.is_superuser
    assert str(user) == "ann@example.com"


def test_create_user_requires_an_email():
    with pytest.raises(ValueError, match="e-mail"):
        User.objects.create_user(email="", password="x")


def test_create_superuser_is_staff_and_superuser():
    admin = User.objects.create_superuser(email="root@example.com", password="s3cret-pass")

    assert admin.is_staff
    assert admin.is_superuser


def test_create_superuser_refuses_to_be_anything_less():
    with pytest.raises(ValueError, match="is_staff=True"):
        User.objects.create_superuser(email="root@example.com", password="x", is_staff=False)


def test_email_is_unique_whatever_its_case():
    User.objects.create_user(email="ann@example.com")

    with pytest.raises(IntegrityError):
        User.objects.create_user(email="ANN@example.com")


def test_users_have_no_username_and_log_in_by_email():
    assert User.USERNAME_FIELD == "email"
    assert "username" not in {field.name for field in User._meta.get_fields()}
