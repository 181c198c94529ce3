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
from django.db.models import DecimalField, F, ProtectedError, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

{% if cookiecutter.use_celery == "yes" -%}
from {{ cookiecutter.project_slug }}.common.background import enqueue_on_commit
{% endif -%}
from {{ cookiecutter.project_slug }}.common.db import save_validated
from {{ cookiecutter.project_slug }}.common.errors import ConflictError

{% if cookiecutter.use_celery == "yes" -%}
from . import task_names
{% endif -%}
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
{%- if cookiecutter.use_celery == "yes" %}
# An entry still pending after this long lost its task (say, the broker was down): send again.
STALE_AFTER = datetime.timedelta(minutes=5)
STALE_BATCH_SIZE = 500
{%- endif %}


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
{%- if cookiecutter.use_celery == "yes" %}
    """Record a pending entry on one of the owner's accounts; a task posts it after commit."""
{%- else %}
    """Record an entry on one of the owner's accounts and post it."""
{%- endif %}
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
{%- if cookiecutter.use_celery == "yes" %}
    enqueue_on_commit(task_names.POST_ENTRY, entry_id=entry.pk)
{%- else %}
    entry_post(entry_id=entry.pk)
    entry.refresh_from_db()
{%- endif %}
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


{%- if cookiecutter.use_celery == "yes" %}


@transaction.atomic
def entry_requeue_stale(*, pending_for: datetime.timedelta = STALE_AFTER) -> int:
    """Send the posting task again for entries pending longer than `pending_for`.

    The pending row is the durable record of work to do: if sending its task failed after the
    commit, this finds it. Posting is idempotent, so an entry whose task is merely slow is
    harmless to send twice. Returns how many were sent.
    """
    cutoff = timezone.now() - pending_for
    stale = Entry.objects.filter(status=Entry.Status.PENDING, created_at__lt=cutoff)
    entry_ids = list(stale.values_list("pk", flat=True)[:STALE_BATCH_SIZE])
    for entry_id in entry_ids:
        enqueue_on_commit(task_names.POST_ENTRY, entry_id=entry_id)
    return len(entry_ids)
{%- endif %}


def account_reconcile_balances() -> int:
    """Set each balance to the sum of its account's posted entries; return how many were off.

    Each account is locked while it is recomputed, so a posting in flight either commits first
    (and is counted) or waits and then adds its amount to the corrected balance.
    """
    corrected = 0
    posted_total = Coalesce(Sum("amount"), Value(0), output_field=DecimalField())
    for account_id in Account.objects.order_by("pk").values_list("pk", flat=True).iterator():
        with transaction.atomic():
            balance = (
                Account.objects.select_for_update()
                .values_list("balance", flat=True)
                .get(pk=account_id)
            )
            total = Entry.objects.filter(
                account_id=account_id, status=Entry.Status.POSTED
            ).aggregate(total=posted_total)["total"]
            if balance != total:
                Account.objects.filter(pk=account_id).update(
                    balance=total, updated_at=timezone.now()
                )
                corrected += 1
    return corrected


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
