"""The ledger API's URLs and the constants its tests share."""

from django.urls import reverse

from {{ cookiecutter.project_slug }}.ledger import services
from {{ cookiecutter.project_slug }}.ledger.models import Account, Entry, Tag

ACCOUNTS = reverse("v1:ledger:account-list")
TAGS = reverse("v1:ledger:tag-list")
ENTRIES = reverse("v1:ledger:entry-list")
# The status the create response shows: the entry as entry_create returns it.
STATUS_WHEN_CREATED = services.STATUS_WHEN_CREATED.value
# Digits that str.isdigit() and int() take but an id or a page size must not (common/api/numbers.py).
SUPERSCRIPT_TWO = "\u00b2"
ARABIC_INDIC_ZERO, ARABIC_INDIC_ONE = "\u0660", "\u0661"
MATHEMATICAL_BOLD_NINE = "\U0001d7d7"


def account_url(account: Account) -> str:
    return reverse("v1:ledger:account-detail", args=[account.pk])


def tag_url(tag: Tag) -> str:
    return reverse("v1:ledger:tag-detail", args=[tag.pk])


def entry_url(entry: Entry) -> str:
    return reverse("v1:ledger:entry-detail", args=[entry.pk])


def void_url(entry: Entry) -> str:
    return reverse("v1:ledger:entry-void", args=[entry.pk])


def receipt_url(entry: Entry) -> str:
    return reverse("v1:ledger:entry-receipt", args=[entry.pk])
