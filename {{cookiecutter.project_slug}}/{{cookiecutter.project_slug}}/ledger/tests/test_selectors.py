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


def test_entry_rows_hold_only_the_owners_entries_shaped_with_tags_in_one_query(
    user, django_assert_num_queries
):
    for _ in range(3):
        account = AccountFactory(owner=user)
        EntryFactory(account=account, tags=TagFactory.create_batch(2, owner=user))
    EntryFactory()

    # 1 entries joined with their accounts + 1 tags of them all
    with django_assert_num_queries(2):
        rows = selectors.entry_rows_shaped(rows=selectors.entry_list_rows(owner=user))

    entries = {entry.pk: entry for entry in selectors.entry_list(owner=user)}
    assert sorted(row["id"] for row in rows) == sorted(entries)
    for row in rows:
        entry = entries[row["id"]]
        assert row["account"] == {"id": entry.account.pk, "name": entry.account.name}
        assert row["tags"] == [{"id": tag.pk, "name": tag.name} for tag in entry.tags.all()]
        assert row["amount"] == entry.amount
        assert row["has_receipt"] is False


def test_no_rows_cost_no_tags_query(user, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert selectors.entry_rows_shaped(rows=[]) == []
