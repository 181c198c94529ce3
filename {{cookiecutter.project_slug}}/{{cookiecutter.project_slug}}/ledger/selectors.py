"""Reads of the ledger. Every function takes the owner: nothing here crosses users."""

from collections.abc import Iterable
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


# The columns of an entry row: the entry's own, its account's id and name, and its receipt's name.
ENTRY_ROW_COLUMNS = (
    "id",
    "amount",
    "description",
    "occurred_on",
    "status",
    "posted_at",
    "created_at",
    "updated_at",
    "receipt",
    "account_id",
    "account__name",
)


def entry_list_rows(*, owner: Any) -> QuerySet[Entry, dict[str, Any]]:
    """The owner's entries as rows (dicts) joined with their accounts, for lists: one query,
    no model instances. Filter, order and slice it like entry_list, then entry_rows_shaped.
    """
    rows: QuerySet[Entry, dict[str, Any]] = Entry.objects.filter(owner=owner).values(
        *ENTRY_ROW_COLUMNS
    )
    return rows


def entry_rows_shaped(*, rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of entry_list_rows shaped in place as an entry reads: its account and its tags (by
    name) nested, and has_receipt. One query for the tags of all the rows, none without rows.
    """
    rows = list(rows)
    tags: dict[int, list[dict[str, Any]]] = {row["id"]: [] for row in rows}
    if tags:
        for entry_id, tag_id, tag_name in (
            Entry.tags.through.objects.filter(entry_id__in=tags)
            .order_by("tag__name")
            .values_list("entry_id", "tag_id", "tag__name")
        ):
            tags[entry_id].append({"id": tag_id, "name": tag_name})
    for row in rows:
        row["account"] = {"id": row.pop("account_id"), "name": row.pop("account__name")}
        row["tags"] = tags[row["id"]]
        row["has_receipt"] = bool(row.pop("receipt"))
    return rows


def entry_receipt_url(*, entry: Entry) -> tuple[str, int] | None:
    """A short-lived URL of the entry's receipt and the seconds it works; None without one.

    Presigned on object storage, signed on the local disk: either way it expires after
    MEDIA_URL_EXPIRY seconds, so a leaked URL is soon worthless.
    """
    if not entry.receipt:
        return None
    return entry.receipt.url, settings.MEDIA_URL_EXPIRY
