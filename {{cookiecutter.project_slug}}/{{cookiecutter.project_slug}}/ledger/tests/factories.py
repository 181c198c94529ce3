import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from {{ cookiecutter.project_slug }}.ledger.models import Account, Entry, Tag
from {{ cookiecutter.project_slug }}.users.tests.factories import UserFactory


class AccountFactory(DjangoModelFactory[Account]):
    owner = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Account {n}")

    class Meta:
        model = Account


class TagFactory(DjangoModelFactory[Tag]):
    owner = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"tag-{n}")

    class Meta:
        model = Tag


class EntryFactory(DjangoModelFactory[Entry]):
    """A pending entry; post it with services.entry_post to move the balance."""

    account = factory.SubFactory(AccountFactory)
    owner = factory.SelfAttribute("account.owner")
    amount = factory.Faker("pydecimal", left_digits=4, right_digits=2, min_value=1)
    occurred_on = factory.LazyFunction(timezone.localdate)
    description = factory.Sequence(lambda n: f"Entry {n}")

    class Meta:
        model = Entry
        skip_postgeneration_save = True

    @factory.post_generation
    def tags(self, create: bool, extracted: list[Tag] | None, **kwargs: object) -> None:
        if create and extracted:
            self.tags.set(extracted)
