"""Reads of the ledger. Every function takes the owner: nothing here crosses users."""

from typing import Any

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
