"""The ledger's reads, without HTTP: each holds only the owner's rows, in a fixed query count."""

import pytest

from {{ cookiecutter.project_slug }}.ledger import selectors

from .factories import AccountFactory, EntryFactory, TagFactory

pytestmark = pytest.mark.django_db


def test_account_and_tag_lists_hold_only_the_owners():
    account, tag = AccountFactory(), TagFactory()
    AccountFactory(), TagFactory()

    assert list(selectors.account_list(owner=account.owner)) == [account]
    assert list(selectors.tag_list(owner=tag.owner)) == [tag]


def test_entry_list_holds_only_the_owners_entries():
    mine = EntryFactory()
    EntryFactory()

    assert list(selectors.entry_list(owner=mine.owner)) == [mine]


def test_entry_list_reads_accounts_and_tags_in_two_queries_whatever_the_count(
    user, django_assert_num_queries
):
    for _ in range(5):
        account = AccountFactory(owner=user)
        EntryFactory(account=account, tags=TagFactory.create_batch(2, owner=user))

    # 1 entries joined with their accounts + 1 tags of them all
    with django_assert_num_queries(2):
        entries = list(selectors.entry_list(owner=user))
        names = [(entry.account.name, [tag.name for tag in entry.tags.all()]) for entry in entries]

    assert len(names) == 5
    assert all(len(tags) == 2 and tags == sorted(tags) for _, tags in names)
