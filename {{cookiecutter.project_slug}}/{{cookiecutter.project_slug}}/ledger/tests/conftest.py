"""Fixtures of the ledger's tests: an account, a tag and an entry posted through the API."""

import pytest

from {{ cookiecutter.project_slug }}.ledger.models import Entry

from .endpoints import ENTRIES
from .factories import AccountFactory, TagFactory


@pytest.fixture
def account(user):
    return AccountFactory(owner=user, name="Wallet")


@pytest.fixture
def tag(user):
    return TagFactory(owner=user, name="food")


@pytest.fixture
def posted_entry(auth_client, account, tag, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = auth_client.post(
            ENTRIES,
            {
                "account": account.pk,
                "amount": "-20.00",
                "occurred_on": "2026-01-31",
                "tags": [tag.pk],
            },
        )
    assert response.status_code == 201, response.content
    entry = Entry.objects.get(pk=response.json()["id"])
    assert entry.status == Entry.Status.POSTED
    return entry
