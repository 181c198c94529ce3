"""Writes of the ledger: the one place where accounts, tags and entries change.

Keyword-only, typed, one transaction each. Raise Django's ValidationError for bad input and
ConflictError for a request that clashes with the current state; never import rest_framework.
"""

import datetime
import uuid
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import structlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import DataError, transaction
from django.db.models import DecimalField, F, Q, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

{% if cookiecutter.use_celery == "yes" -%}
from {{ cookiecutter.project_slug }}.common.background import enqueue_on_commit
{% endif -%}
from {{ cookiecutter.project_slug }}.common.data.writes import save_validated
from {{ cookiecutter.project_slug }}.common.errors import ConflictError
from {{ cookiecutter.project_slug }}.common.media.uploads import detected_extension

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
# The largest balance the column holds (max_digits=14, decimal_places=2): 999,999,999,999.99.
_balance_field = Account._meta.get_field("balance")
BALANCE_LIMIT = Decimal(10) ** (_balance_field.max_digits - _balance_field.decimal_places) - (
    Decimal(10) ** -_balance_field.decimal_places
)
# The receipt types accepted, as detected from the file's bytes, and their stored extension.
RECEIPT_TYPES = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}
logger = structlog.get_logger(__name__)
{%- if cookiecutter.use_celery == "yes" %}
# entry_create returns the entry pending: a task posts it once the transaction commits.
STATUS_WHEN_CREATED = Entry.Status.PENDING
# An entry still pending after this long lost its task (say, the broker was down): send again.
STALE_AFTER = datetime.timedelta(minutes=5)
STALE_BATCH_SIZE = 500
{%- else %}
# entry_create posts the entry before it returns.
STATUS_WHEN_CREATED = Entry.Status.POSTED
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
    """Delete an account whose entries are all void (they go with it); otherwise a conflict.

    The account row is locked first, as entry_create locks it: an entry created meanwhile is
    either committed before this looks (a conflict) or waits and then finds no account.
    """
    if _lock_accounts(pk=account.pk).first() is None:
        return  # deleted meanwhile: the outcome asked for
    if Entry.objects.filter(account_id=account.pk).exclude(status=Entry.Status.VOID).exists():
        raise ConflictError(
            "This account has entries that are not void, so it cannot be deleted. Void them first."
        )
    Entry.objects.filter(account_id=account.pk).delete()
    account.delete()


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
    # Locked as entry_create and entry_update lock their tags: an entry tagged meanwhile
    # commits first (and loses the tag here) or waits and then finds the tag gone.
    if Tag.objects.select_for_update().filter(pk=tag.pk).first() is not None:
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
    """Record an entry on one of the owner's accounts, to be posted: see STATUS_WHEN_CREATED."""
    _ensure_owned(owner, account=account, tags=tags)
    # Lock the account (its balance bound is checked against the pending entries) and the
    # tags, so a delete racing this either happens first, a 400 here, or waits for the commit.
    locked_account = _lock_accounts(pk=account.pk).first()
    if locked_account is None:
        raise ValidationError({"account": "No such account."})
    _lock_tags(tags)
    _ensure_balance_can_take(locked_account, amount)
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
        _lock_tags(tags)
        entry.tags.set(tags)
    return entry


def entry_post(*, entry_id: int) -> bool:
    """Post a pending entry: add its amount to its account's balance, exactly once.

    Idempotent by construction: the pending -> posted change is a guarded UPDATE in the same
    transaction as the balance change, so a second call (a retry, a redelivered task) finds
    nothing pending and changes nothing. Returns whether this call posted the entry.

    If the balance cannot hold the sum (entry_create's bound makes this rare: rows written
    around the services), no retry could ever succeed: the entry becomes `rejected`, a terminal
    state the stale-entry sweeper leaves alone, and the error is logged.
    """
    now = timezone.now()
    try:
        with transaction.atomic():
            posted = Entry.objects.filter(pk=entry_id, status=Entry.Status.PENDING).update(
                status=Entry.Status.POSTED, posted_at=now, updated_at=now
            )
            if not posted:
                return False
            account_id, amount = Entry.objects.values_list("account_id", "amount").get(pk=entry_id)
            Account.objects.filter(pk=account_id).update(
                balance=F("balance") + amount, updated_at=now
            )
    except DataError:  # MySQL 1264: out of range for the balance column
        Entry.objects.filter(pk=entry_id, status=Entry.Status.PENDING).update(
            status=Entry.Status.REJECTED, updated_at=now
        )
        logger.exception("entry_rejected_balance_out_of_range", entry_id=entry_id)
        return False
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


def entry_attach_receipt(*, entry: Entry, file: File) -> Entry:
    """Store `file` as the entry's receipt, replacing (and then deleting) any earlier one.

    The type is detected from the bytes (PDF, PNG or JPEG) and the size checked before
    anything is stored. The stored name is made here, a random UUID with the detected type's
    extension: the client's file name is never used. The file is stored before the row
    changes (storage is not transactional); if the row cannot change, the new file is deleted,
    and the replaced one is deleted only once the new name is committed.
    """
    if file.size is None or file.size > settings.MEDIA_UPLOAD_MAX_BYTES:
        raise ValidationError(
            {"file": f"The file is larger than {settings.MEDIA_UPLOAD_MAX_BYTES} bytes."}
        )
    extension = detected_extension(file, allowed=RECEIPT_TYPES)
    field = Entry._meta.get_field("receipt")
    stored_name = field.storage.save(
        field.generate_filename(entry, f"{uuid.uuid4().hex}.{extension}"), file
    )
    try:
        with transaction.atomic():
            locked = Entry.objects.select_for_update().filter(pk=entry.pk).first()
            if locked is None:
                raise ValidationError({"entry": "No such entry."})
            replaced = locked.receipt.name
            locked.receipt.name = stored_name
            locked.save(update_fields=["receipt", "updated_at"])
            if replaced:
                # robust: a failed delete is logged (an orphan object), not a 500 after commit.
                transaction.on_commit(lambda: field.storage.delete(replaced), robust=True)
    except BaseException:
        field.storage.delete(stored_name)
        raise
    return locked


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
    """Void an entry; a posted one gives its amount back. Voiding twice is a conflict.

    Giving the amount back can take the balance out of range (say, voiding a large withdrawal
    from a nearly full account): that is a conflict too, and nothing changes.
    """
    now = timezone.now()
    was_posted = Entry.objects.filter(pk=entry.pk, status=Entry.Status.POSTED).update(
        status=Entry.Status.VOID, updated_at=now
    )
    if was_posted:
        try:
            with transaction.atomic():
                Account.objects.filter(pk=entry.account_id).update(
                    balance=F("balance") - entry.amount, updated_at=now
                )
        except DataError as error:  # MySQL 1264: out of range for the balance column
            raise ConflictError(
                f"Voiding this entry would take the account's balance beyond ±{BALANCE_LIMIT}."
            ) from error
    elif not Entry.objects.filter(
        pk=entry.pk, status__in=[Entry.Status.PENDING, Entry.Status.REJECTED]
    ).update(status=Entry.Status.VOID, updated_at=now):
        raise ConflictError("This entry is already void.")
    entry.refresh_from_db()
    return entry


def _lock_accounts(**filters: Any) -> Any:
    return Account.objects.select_for_update().filter(**filters)


def _lock_tags(tags: Sequence[Tag]) -> None:
    """Lock the tags' rows, in id order; a tag deleted since validation is a 400."""
    tag_ids = sorted({tag.pk for tag in tags})
    if tag_ids and len(Tag.objects.select_for_update().filter(pk__in=tag_ids)) < len(tag_ids):
        raise ValidationError({"tags": "No such tag."})


def _ensure_balance_can_take(account: Account, amount: Decimal) -> None:
    """Refuse an entry that could take the balance out of the column's range once posted.

    Counted with every entry still pending on the account, each in the direction that makes
    the worst case (a pending one may post or be voided), so posting can never overflow.
    Runs with the account row locked, so two creates cannot both take the last of the room.
    """
    pending = Entry.objects.filter(account_id=account.pk, status=Entry.Status.PENDING)
    zero = Value(Decimal(0), output_field=DecimalField())
    totals = pending.aggregate(
        incoming=Coalesce(Sum("amount", filter=Q(amount__gt=0)), zero),
        outgoing=Coalesce(Sum("amount", filter=Q(amount__lt=0)), zero),
    )
    highest = account.balance + totals["incoming"] + max(amount, Decimal(0))
    lowest = account.balance + totals["outgoing"] + min(amount, Decimal(0))
    if highest > BALANCE_LIMIT or lowest < -BALANCE_LIMIT:
        raise ValidationError(
            {
                "amount": f"This entry could take the account's balance beyond "
                f"±{BALANCE_LIMIT}: it is refused."
            }
        )


def _ensure_owned(owner: Any, *, account: Account, tags: Sequence[Tag]) -> None:
    if account.owner_id != owner.pk:
        raise ValidationError({"account": "No such account."})
    if any(tag.owner_id != owner.pk for tag in tags):
        raise ValidationError({"tags": "No such tag."})
