"""Writes of the ledger: the one place where accounts, tags and entries change.

Keyword-only, typed, one transaction each. Raise Django's ValidationError for bad input and
ConflictError for a request that clashes with the current state; never import rest_framework.
"""

import datetime
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, ProtectedError
from django.utils import timezone

from {{ cookiecutter.project_slug }}.common.db import save_validated
from {{ cookiecutter.project_slug }}.common.errors import ConflictError

from .models import Account, Entry, Tag

ACCOUNT_NAME_TAKEN = {
    "ledger_account_name_unique": {"name": "You already have an account with this name."},
}
TAG_NAME_TAKEN = {
    "ledger_tag_name_unique": {"name": "You already have a tag with this name."},
}
ENTRY_AMOUNT_ZERO = {
    "ledger_entry_amount_not_zero": {"amount": "An entry moves money: the amount cannot be 0."},
}


@transaction.atomic
def account_create(*, owner: Any, name: str) -> Account:
    account = Account(owner=owner, name=name)
    save_validated(account, constraint_messages=ACCOUNT_NAME_TAKEN)
    return account


@transaction.atomic
def account_update(*, account: Account, name: str | None = None) -> Account:
    if name is not None:
        account.name = name
    save_validated(
        account, update_fields=["name", "updated_at"], constraint_messages=ACCOUNT_NAME_TAKEN
    )
    return account


@transaction.atomic
def account_delete(*, account: Account) -> None:
    try:
        account.delete()
    except ProtectedError as error:
        raise ConflictError(
            "This account has entries, so it cannot be deleted. Void its entries instead."
        ) from error


@transaction.atomic
def tag_create(*, owner: Any, name: str) -> Tag:
    tag = Tag(owner=owner, name=name)
    save_validated(tag, constraint_messages=TAG_NAME_TAKEN)
    return tag


@transaction.atomic
def tag_update(*, tag: Tag, name: str | None = None) -> Tag:
    if name is not None:
        tag.name = name
    save_validated(tag, update_fields=["name", "updated_at"], constraint_messages=TAG_NAME_TAKEN)
    return tag


@transaction.atomic
def tag_delete(*, tag: Tag) -> None:
    tag.delete()


@transaction.atomic
def entry_create(
    *,
    owner: Any,
    account: Account,
    amount: Decimal,
    occurred_on: datetime.date,
    description: str = "",
    tags: Sequence[Tag] = (),
) -> Entry:
    """Record an entry on one of the owner's accounts and post it."""
    _ensure_owned(owner, account=account, tags=tags)
    entry = Entry(
        owner=owner,
        account=account,
        amount=amount,
        occurred_on=occurred_on,
        description=description,
    )
    save_validated(entry, constraint_messages=ENTRY_AMOUNT_ZERO)
    entry.tags.set(tags)
    entry_post(entry_id=entry.pk)
    entry.refresh_from_db()
    return entry


@transaction.atomic
def entry_update(
    *,
    entry: Entry,
    description: str | None = None,
    occurred_on: datetime.date | None = None,
    tags: Sequence[Tag] | None = None,
) -> Entry:
    """Change what describes an entry. Amount and account never change: void and re-enter."""
    if description is not None:
        entry.description = description
    if occurred_on is not None:
        entry.occurred_on = occurred_on
    save_validated(entry, update_fields=["description", "occurred_on", "updated_at"])
    if tags is not None:
        _ensure_owned(entry.owner, account=entry.account, tags=tags)
        entry.tags.set(tags)
    return entry


def entry_post(*, entry_id: int) -> bool:
    """Post a pending entry: add its amount to its account's balance, exactly once.

    Idempotent by construction: the pending -> posted change is a guarded UPDATE in the same
    transaction as the balance change, so a second call (a retry, a redelivered task) finds
    nothing pending and changes nothing. Returns whether this call posted the entry.
    """
    now = timezone.now()
    with transaction.atomic():
        posted = Entry.objects.filter(pk=entry_id, status=Entry.Status.PENDING).update(
            status=Entry.Status.POSTED, posted_at=now, updated_at=now
        )
        if not posted:
            return False
        account_id, amount = Entry.objects.values_list("account_id", "amount").get(pk=entry_id)
        Account.objects.filter(pk=account_id).update(balance=F("balance") + amount, updated_at=now)
    return True


@transaction.atomic
def entry_void(*, entry: Entry) -> Entry:
    """Void an entry; a posted one gives its amount back. Voiding twice is a conflict."""
    now = timezone.now()
    was_posted = Entry.objects.filter(pk=entry.pk, status=Entry.Status.POSTED).update(
        status=Entry.Status.VOID, updated_at=now
    )
    if was_posted:
        Account.objects.filter(pk=entry.account_id).update(
            balance=F("balance") - entry.amount, updated_at=now
        )
    elif not Entry.objects.filter(pk=entry.pk, status=Entry.Status.PENDING).update(
        status=Entry.Status.VOID, updated_at=now
    ):
        raise ConflictError("This entry is already void.")
    entry.refresh_from_db()
    return entry


def _ensure_owned(owner: Any, *, account: Account, tags: Sequence[Tag]) -> None:
    if account.owner_id != owner.pk:
        raise ValidationError({"account": "No such account."})
    if any(tag.owner_id != owner.pk for tag in tags):
        raise ValidationError({"tags": "No such tag."})
