"""Load the benchmark data set into a migrated bake's database, fast, with bulk_create.

Every user (the benchmark user first, then the others) gets the same shape of ledger: accounts,
tags, and entries carrying 0-3 tags each, dated one per hour back from now. The other users'
rows make owner scoping matter: the lists must find the benchmark user's rows among theirs.
A random sample of entries across all users is left pending, for the task benchmark to post.
Prints a JSON summary. Run inside the bake: python bench_seed.py --help
"""

import argparse
import datetime
import json
import random
import time
from decimal import Decimal

import django

django.setup()

from django.apps import apps  # noqa: E402 - models load after django.setup()
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import transaction  # noqa: E402
from django.db.models import DecimalField, OuterRef, Subquery, Sum, Value  # noqa: E402
from django.db.models.functions import Coalesce  # noqa: E402
from django.utils import timezone  # noqa: E402

User = get_user_model()
Account = apps.get_model("ledger", "Account")
Entry = apps.get_model("ledger", "Entry")
Tag = apps.get_model("ledger", "Tag")
EntryTag = Entry.tags.through

BATCH_SIZE = 2000
VOID_SHARE = 0.02
WORDS = ["rent", "coffee", "salary", "books", "train", "lunch", "gift", "fees", "repair", "tax"]


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--email", required=True, help="the benchmark user's e-mail")
    parser.add_argument("--password", required=True, help="the benchmark user's password")
    parser.add_argument("--other-users", type=int, default=4)
    parser.add_argument("--accounts", type=int, default=20, help="per user")
    parser.add_argument("--tags", type=int, default=50, help="per user")
    parser.add_argument("--entries", type=int, default=10_000, help="per user")
    parser.add_argument("--pending", type=int, default=2_000, help="pending entries, all users")
    parser.add_argument("--seed", type=int, default=9, help="random seed: same data every run")
    return parser.parse_args()


def create_users(email: str, password: str, other_users: int) -> list:
    # One hash for everyone: hashing is slow by design and not what is measured.
    password_hash = make_password(password)
    emails = [email] + [f"other{number}@bench.invalid" for number in range(other_users)]
    User.objects.bulk_create(User(email=address, password=password_hash) for address in emails)
    return [User.objects.get(email=address) for address in emails]


def create_ledger(rng: random.Random, user, *, accounts: int, tags: int, entries: int) -> None:
    Account.objects.bulk_create(
        Account(owner=user, name=f"Account {number}") for number in range(accounts)
    )
    Tag.objects.bulk_create(Tag(owner=user, name=f"tag-{number}") for number in range(tags))
    account_ids = list(Account.objects.filter(owner=user).values_list("pk", flat=True))
    tag_ids = list(Tag.objects.filter(owner=user).values_list("pk", flat=True))
    now = timezone.now()
    Entry.objects.bulk_create(
        (
            new_entry(rng, user, rng.choice(account_ids), now - datetime.timedelta(hours=number))
            for number in range(entries)
        ),
        batch_size=BATCH_SIZE,
    )
    entry_ids = Entry.objects.filter(owner=user).values_list("pk", flat=True)
    EntryTag.objects.bulk_create(
        (
            EntryTag(entry_id=entry_id, tag_id=tag_id)
            for entry_id in entry_ids.iterator()
            for tag_id in rng.sample(tag_ids, rng.randint(0, 3))
        ),
        batch_size=BATCH_SIZE,
    )


def new_entry(rng: random.Random, user, account_id: int, created_at: datetime.datetime):
    cents = rng.choice([-1, 1]) * rng.randint(1, 500_000)
    status = Entry.Status.VOID if rng.random() < VOID_SHARE else Entry.Status.POSTED
    return Entry(
        owner=user,
        account_id=account_id,
        amount=Decimal(cents) / 100,
        description=f"{rng.choice(WORDS)} {rng.choice(WORDS)}",
        occurred_on=created_at.date(),
        status=status,
        posted_at=created_at if status == Entry.Status.POSTED else None,
        created_at=created_at,
    )


def leave_pending(rng: random.Random, count: int) -> None:
    """Turn a random sample of posted entries back into pending ones (never posted)."""
    posted = list(Entry.objects.filter(status=Entry.Status.POSTED).values_list("pk", flat=True))
    sample = rng.sample(posted, count)
    for start in range(0, len(sample), BATCH_SIZE):
        Entry.objects.filter(pk__in=sample[start : start + BATCH_SIZE]).update(
            status=Entry.Status.PENDING, posted_at=None
        )


def set_balances() -> None:
    """Each balance is the sum of its posted entries, as the services keep it."""
    posted_sum = (
        Entry.objects.filter(account=OuterRef("pk"), status=Entry.Status.POSTED)
        .values("account")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    Account.objects.update(
        balance=Coalesce(Subquery(posted_sum), Value(0), output_field=DecimalField())
    )


def main() -> None:
    arguments = parse_arguments()
    rng = random.Random(arguments.seed)  # noqa: S311 - test data, not secrets
    started = time.perf_counter()
    with transaction.atomic():
        users = create_users(arguments.email, arguments.password, arguments.other_users)
        for user in users:
            create_ledger(
                rng,
                user,
                accounts=arguments.accounts,
                tags=arguments.tags,
                entries=arguments.entries,
            )
        leave_pending(rng, arguments.pending)
        set_balances()
    summary = {
        "users": User.objects.count(),
        "accounts": Account.objects.count(),
        "tags": Tag.objects.count(),
        "entries": Entry.objects.count(),
        "entry_tags": EntryTag.objects.count(),
        "pending": Entry.objects.filter(status=Entry.Status.PENDING).count(),
        "benchmark_user_entries": Entry.objects.filter(owner=users[0]).count(),
        "other_users_with_rows": Entry.objects.exclude(owner=users[0])
        .values("owner")
        .distinct()
        .count(),
        "seconds": round(time.perf_counter() - started, 1),
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
