"""A small personal ledger: accounts, entries that move their balance, and tags on entries.

The example domain app: it shows every convention of the project on a real, if small, domain.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from {{ cookiecutter.project_slug }}.common.models import BaseModel


class Account(BaseModel):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ledger_accounts"
    )
    name = models.CharField(max_length=100)
    # Sum of the posted entries; only services change it, inside a transaction.
    balance = models.DecimalField(max_digits=14, decimal_places=2, default=0, editable=False)

    class Meta:
        constraints = [
            # MySQL's default collations are case-insensitive: "Cash" and "cash" collide here.
            models.UniqueConstraint(fields=["owner", "name"], name="ledger_account_name_unique"),
        ]
        indexes = [models.Index(fields=["owner", "-created_at"], name="ledger_account_owner_new")]

    def __str__(self) -> str:
        return self.name


class Tag(BaseModel):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ledger_tags"
    )
    name = models.CharField(max_length=50)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="ledger_tag_name_unique"),
        ]
        indexes = [models.Index(fields=["owner", "-created_at"], name="ledger_tag_owner_new")]

    def __str__(self) -> str:
        return self.name


class Entry(BaseModel):
    """A movement of money on an account: positive in, negative out.

    An entry is created pending, then posted (its amount added to the account balance) exactly
    once; a posted entry can be voided (its amount taken back). Amount and account never change
    after creation: to correct an entry, void it and enter a new one.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        POSTED = "posted", "Posted"
        VOID = "void", "Void"
        # Terminal: posting failed in a way no retry can fix (the balance would overflow).
        REJECTED = "rejected", "Rejected"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ledger_entries"
    )
    account = models.ForeignKey(Account, on_delete=models.PROTECT, related_name="entries")
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    description = models.CharField(max_length=200, blank=True)
    occurred_on = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    posted_at = models.DateTimeField(null=True, blank=True, editable=False)
    tags = models.ManyToManyField(Tag, blank=True, related_name="entries")
    # A scan of the receipt, on the media storage (object storage in production). Its name is
    # made by services.entry_attach_receipt, never taken from the client. Nullable, so the
    # column is added without rewriting the table and older code can still insert rows.
    receipt = models.FileField(upload_to="ledger/receipts/", null=True, blank=True)

    class Meta:
        verbose_name_plural = "entries"
        constraints = [
            models.CheckConstraint(condition=~Q(amount=0), name="ledger_entry_amount_not_zero"),
        ]
        indexes = [
            models.Index(fields=["owner", "-created_at"], name="ledger_entry_owner_new"),
            models.Index(fields=["owner", "-occurred_on"], name="ledger_entry_owner_occurred"),
            models.Index(fields=["owner", "status"], name="ledger_entry_owner_status"),
            # Finds entries left pending, oldest first, across owners.
            models.Index(fields=["status", "created_at"], name="ledger_entry_status_created"),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_on} {self.amount} {self.description}".strip()

    @property
    def has_receipt(self) -> bool:
        return bool(self.receipt)
