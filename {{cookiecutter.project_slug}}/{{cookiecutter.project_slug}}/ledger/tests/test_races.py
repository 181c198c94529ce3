"""Deletes racing creates, with real parallel connections: a 4xx problem, never a 500.

Each trial starts the requests at once in threads (common/tests/concurrency.py). Before the
parent rows were locked, 5 of 25 account trials and 4 of 25 tag trials answered 500
(IntegrityError 1451/1452); here, with the starts jittered, about half of the account trials
and a third of the tag trials did, so ten trials of three creates catch a regression.
"""

import pytest
from django.urls import reverse

from {{ cookiecutter.project_slug }}.common.api.throttling import UserRateThrottle
from {{ cookiecutter.project_slug }}.common.tests.concurrency import run_at_once
from {{ cookiecutter.project_slug }}.ledger.models import Account, Entry, Tag

from .factories import AccountFactory, TagFactory

# Each thread's connection sees only committed rows: the test's data must be committed.
pytestmark = pytest.mark.django_db(transaction=True)

ENTRIES = reverse("v1:ledger:entry-list")
TRIALS = range(10)
CREATES = 3
# About one create's duration: the delete lands between a create's validation and its insert.
JITTER_SECONDS = 0.03


@pytest.fixture(autouse=True)
def _no_user_throttle(monkeypatch):
    monkeypatch.setitem(UserRateThrottle.THROTTLE_RATES, "user", "10000/minute")


@pytest.mark.parametrize("trial", TRIALS)
def test_deleting_an_account_while_entries_are_created_on_it(user, make_auth_client, trial):
    account = AccountFactory(owner=user)
    entry = {"account": account.pk, "amount": "1.00", "occurred_on": "2026-01-01"}
    url = reverse("v1:ledger:account-detail", args=[account.pk])

    deleted, *created = run_at_once(
        lambda: make_auth_client().delete(url),
        *[lambda: make_auth_client().post(ENTRIES, entry)] * CREATES,
        jitter=JITTER_SECONDS,
    )

    assert deleted.status_code in (204, 409), deleted.content
    assert {response.status_code for response in created} <= {201, 400}, created
    stored = Entry.objects.filter(account_id=account.pk).count()
    if deleted.status_code == 204:
        assert not Account.objects.filter(pk=account.pk).exists()
        assert [response.status_code for response in created].count(201) == 0
    else:
        assert stored == [response.status_code for response in created].count(201) > 0


@pytest.mark.parametrize("trial", TRIALS)
def test_deleting_a_tag_while_entries_are_created_with_it(user, make_auth_client, trial):
    account, tag = AccountFactory(owner=user), TagFactory(owner=user)
    entry = {"account": account.pk, "amount": "1.00", "occurred_on": "2026-01-01"}
    url = reverse("v1:ledger:tag-detail", args=[tag.pk])

    deleted, *created = run_at_once(
        lambda: make_auth_client().delete(url),
        *[lambda: make_auth_client().post(ENTRIES, {**entry, "tags": [tag.pk]})] * CREATES,
        jitter=JITTER_SECONDS,
    )

    assert deleted.status_code == 204, deleted.content
    assert {response.status_code for response in created} <= {201, 400}, created
    assert not Tag.objects.filter(pk=tag.pk).exists()
    assert Entry.objects.filter(account=account).count() == sum(
        response.status_code == 201 for response in created
    )
