import factory
from factory.django import DjangoModelFactory

from {{ cookiecutter.project_slug }}.users.models import User

DEFAULT_PASSWORD = "correct horse battery staple"


class UserFactory(DjangoModelFactory[User]):
    email = factory.Sequence(lambda n: f"user{n}@example.com")
    password = factory.django.Password(DEFAULT_PASSWORD)

    class Meta:
        model = User
        skip_postgeneration_save = True
