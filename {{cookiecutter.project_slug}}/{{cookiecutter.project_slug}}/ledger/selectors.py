"""Reads of the ledger. Every function takes the owner: nothing here crosses users."""

from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet

from .models import Account, Entry, Tag


def account_list(*, owner: Any) -> QuerySet[Account]:
    return Account.objects.filter(owner=owner)


def tag_list(*, owner: Any) -> QuerySet[Tag]:
    return Tag.objects.filter(owner=owner)


def entry_list(*, owner: Any) -> QuerySet[Entry]:
    """Entries with their account and tags: two queries, however many entries are read."""
    return (
        Entry.objects.filter(owner=owner)
        .select_related("account")
        .prefetch_related(Prefetch("tags", queryset=Tag.objects.order_by("name")))
    )


def entry_receipt_url(*, entry: Entry) -> tuple[str, int] | None:
    """A short-lived URL of the entry's receipt and the seconds it works; None without one.

    Presigned on object storage, signed on the local disk: either way it expires after
    MEDIA_URL_EXPIRY seconds, so a leaked URL is soon worthless.
    """
    if not entry.receipt:
        return None
    return entry.receipt.url, settings.MEDIA_URL_EXPIRY
