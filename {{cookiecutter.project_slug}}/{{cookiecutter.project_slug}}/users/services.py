"""Writes of the users app."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from {{ cookiecutter.project_slug }}.users.models import User


@transaction.atomic
def user_create(*, email: str, password: str) -> User:
    """An ordinary API user (not staff), after the checks settings.AUTH_PASSWORD_VALIDATORS name."""
    email = User.objects.normalize_email(email)
    validate_email(email)
    validate_password(password, user=User(email=email))
    if User.objects.filter(email=email).exists():
        raise ValidationError({"email": "A user with this e-mail address already exists."})
    return User.objects.create_user(email=email, password=password)
