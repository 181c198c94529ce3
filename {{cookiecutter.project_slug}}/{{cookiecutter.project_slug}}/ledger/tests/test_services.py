from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.utils import timezone

from {{ cookiecutter.project_slug }}.common.errors import ConflictError
from {{ cookiecutter.project_slug }}.ledger import services
from {{ cookiecutter.project_slug }}.ledger.models import Account, Entry
from {{ cookiecutter.project_slug }}.users.tests.factories import UserFactory

from .factories import AccountFactory, EntryFactory, TagFactory

pytestmark = pytest.mark.django_db


def create_entry(account: Account, amount: str, **fields: object) -> Entry:
    """Create an entry through the service and run what it schedules after the commit."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        entry = services.entry_create(
            owner=account.owner,
            account=account,
            amount=Decimal(amount),
            occurred_on=timezone.localdate(),
            **fields,
        )
    entry.refresh_from_db()
    return entry


def balance_of(account: Account) -> Decimal:
    account.refresh_from_db()
    return account.balance


def test_account_names_are_unique_per_owner_whatever_their_case():
    owner = UserFactory()
    services.account_create(owner=owner, name="Groceries")

    with pytest.raises(ValidationError) as raised:
        services.account_create(owner=owner, name="GROCERIES")

    assert raised.value.message_dict == {"name": ["You already have an account with this name."]}
    assert Account.objects.filter(owner=owner).count() == 1


def test_two_owners_may_use_the_same_account_name():
    services.account_create(owner=UserFactory(), name="Cash")
    services.account_create(owner=UserFactory(), name="Cash")

    assert Account.objects.filter(name="Cash").count() == 2


def test_a_name_too_long_for_its_column_is_a_validation_error_not_a_database_error():
    with pytest.raises(ValidationError) as raised:
        services.account_create(owner=UserFactory(), name="x" * 101)

    assert "name" in raised.value.message_dict


def test_renaming_keeps_the_balance_that_changed_meanwhile():
    account = AccountFactory()
    stale_copy = Account.objects.get(pk=account.pk)
    create_entry(account, "10.00")

    services.account_update(account=stale_copy, name="Renamed")

    assert balance_of(account) == Decimal("10.00")


def test_creating_an_entry_posts_it_and_moves_the_balance():
    account = AccountFactory()

    entry = create_entry(account, "-12.34", description="Coffee ☕🧾")

    assert entry.status == Entry.Status.POSTED
    assert entry.posted_at is not None
    assert balance_of(account) == Decimal("-12.34")
    assert Entry.objects.get(pk=entry.pk).description == "Coffee ☕🧾"


def test_an_entry_of_zero_is_refused_by_the_database_check_as_a_validation_error():
    account = AccountFactory()

    with pytest.raises(ValidationError) as raised:
        create_entry(account, "0.00")

    assert raised.value.message_dict == {
        "amount": ["An entry moves money: the amount cannot be 0."]
    }
    assert not Entry.objects.exists()


def test_an_entry_on_someone_elses_account_or_tag_is_refused():
    account = AccountFactory()
    foreign_account, foreign_tag = AccountFactory(), TagFactory()

    with pytest.raises(ValidationError, match="No such account"):
        services.entry_create(
            owner=account.owner,
            account=foreign_account,
            amount=Decimal(1),
            occurred_on=timezone.localdate(),
        )
    with pytest.raises(ValidationError, match="No such tag"):
        create_entry(account, "1.00", tags=[foreign_tag])


def test_posting_is_idempotent():
    entry = EntryFactory(amount=Decimal("5.00"))

    assert services.entry_post(entry_id=entry.pk) is True
    assert services.entry_post(entry_id=entry.pk) is False
    assert balance_of(entry.account) == Decimal("5.00")


def test_voiding_a_posted_entry_gives_its_amount_back_and_twice_is_a_conflict():
    account = AccountFactory()
    entry = create_entry(account, "7.50")

    voided = services.entry_void(entry=entry)

    assert voided.status == Entry.Status.VOID
    assert balance_of(account) == Decimal("0.00")
    with pytest.raises(ConflictError):
        services.entry_void(entry=voided)


def test_voiding_a_pending_entry_leaves_the_balance_and_it_is_never_posted():
    entry = EntryFactory(amount=Decimal("3.00"))

    services.entry_void(entry=entry)

    assert services.entry_post(entry_id=entry.pk) is False
    assert balance_of(entry.account) == Decimal("0.00")


def test_updating_an_entry_changes_its_description_date_and_tags_only():
    account = AccountFactory()
    entry = create_entry(account, "4.00")
    tag = TagFactory(owner=account.owner)

    updated = services.entry_update(
        entry=entry, description="Lunch", occurred_on=timezone.localdate(), tags=[tag]
    )

    assert updated.description == "Lunch"
    assert list(updated.tags.all()) == [tag]
    assert balance_of(account) == Decimal("4.00")


def test_an_account_with_entries_cannot_be_deleted():
    entry = EntryFactory()

    with pytest.raises(ConflictError):
        services.account_delete(account=entry.account)


def test_deleting_a_tag_removes_it_from_its_entries():
    tag = TagFactory()
    entry = EntryFactory(account=AccountFactory(owner=tag.owner), tags=[tag])

    services.tag_delete(tag=tag)

    assert list(entry.tags.all()) == []


def test_an_account_whose_entries_are_all_void_can_be_deleted_with_them():
    account = AccountFactory()
    services.entry_void(entry=create_entry(account, "2.00"))
    services.entry_void(entry=EntryFactory(account=account))

    services.account_delete(account=account)

    assert not Account.objects.filter(pk=account.pk).exists()
    assert not Entry.objects.filter(account_id=account.pk).exists()


# --- money bounds: the balance column holds ±BALANCE_LIMIT --------------------------------------


def nearly_full_account(room: str) -> Account:
    """An account whose balance is `room` below the largest the column holds."""
    account = AccountFactory()
    Account.objects.filter(pk=account.pk).update(balance=services.BALANCE_LIMIT - Decimal(room))
    account.refresh_from_db()
    return account


def test_an_entry_that_could_overflow_the_balance_is_refused_at_create():
    account = nearly_full_account(room="100.00")

    with pytest.raises(ValidationError, match="beyond"):
        create_entry(account, "100.01")
    create_entry(account, "100.00")  # exactly the room left
    create_entry(account, "-5000.00")  # going down is fine

    assert not Entry.objects.filter(account=account, amount=Decimal("100.01")).exists()


def test_the_bound_counts_the_entries_still_pending():
    account = nearly_full_account(room="100.00")
    EntryFactory(account=account, amount=Decimal("60.00"))  # pending: its task has not run

    with pytest.raises(ValidationError, match="beyond"):
        create_entry(account, "60.00")


def test_a_posting_that_can_never_succeed_is_rejected_not_retried():
    account = nearly_full_account(room="1.00")
    # Written around the services (no bound checked), as an import or the admin might.
    entry = EntryFactory(account=account, amount=Decimal("2.00"))

    assert services.entry_post(entry_id=entry.pk) is False

    entry.refresh_from_db()
    assert entry.status == Entry.Status.REJECTED
    assert balance_of(account) == services.BALANCE_LIMIT - 1
    assert services.entry_post(entry_id=entry.pk) is False
    assert services.entry_void(entry=entry).status == Entry.Status.VOID  # a rejected one voids


def test_voiding_an_entry_whose_refund_would_overflow_is_a_conflict_and_changes_nothing():
    account = nearly_full_account(room="50.00")
    withdrawal = EntryFactory(account=account, amount=Decimal("-100.00"))
    Entry.objects.filter(pk=withdrawal.pk).update(status=Entry.Status.POSTED)

    with pytest.raises(ConflictError, match="beyond"):
        services.entry_void(entry=withdrawal)

    withdrawal.refresh_from_db()
    assert withdrawal.status == Entry.Status.POSTED
    assert balance_of(account) == services.BALANCE_LIMIT - 50


def test_reconciling_corrects_only_the_balances_that_drifted():
    drifted, right = AccountFactory(), AccountFactory()
    create_entry(drifted, "10.00")
    create_entry(right, "5.00")
    Account.objects.filter(pk=drifted.pk).update(balance=Decimal("999.99"))

    assert services.account_reconcile_balances() == 1
    assert balance_of(drifted) == Decimal("10.00")
    assert balance_of(right) == Decimal("5.00")
    assert services.account_reconcile_balances() == 0
