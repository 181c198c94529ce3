"""Enqueue the example task for pending entries, then measure how fast a worker posted them.

    python bench_tasks.py enqueue --count 2000   # empties the service's queue first
    python bench_tasks.py drain --timeout 300    # after a worker was started
    python bench_tasks.py empty                  # the queue, after other benchmarks sent tasks
    python bench_tasks.py delete                 # RabbitMQ: the run's queue and exchange

`enqueue` sends ledger.post_entry through the project's Celery app and real broker, and keeps
the entry ids in a file. `drain` waits until none of them is pending, then reads the rate from
the rows themselves: posted_at is set by the task in the same transaction as its effect, so
(first, last) posted_at spans exactly the worker's processing, without its start-up time.
It also checks the effect was applied once per entry: every balance equals its posted entries.
Each prints JSON. Run inside the bake, with the benchmark's environment.
"""

import argparse
import json
import time
from pathlib import Path

import django

django.setup()

import redis  # noqa: E402 - after django.setup()
from config.celery import app  # noqa: E402
from django.apps import apps  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db.models import Count, DecimalField, F, Max, Min, Q, Sum, Value  # noqa: E402
from django.db.models.functions import Coalesce  # noqa: E402

Account = apps.get_model("ledger", "Account")
Entry = apps.get_model("ledger", "Entry")
TASK_NAME = "ledger.post_entry"
IDS_FILE = Path("bench_task_entry_ids.json")
POLL_SECONDS = 0.2


def empty_the_queue() -> dict:
    """Nothing left from an earlier run may run now. On Redis the broker's database belongs to
    the benchmark (unacknowledged tasks too); on RabbitMQ its queue, named after the bake."""
    if settings.CELERY_BROKER_URL.startswith("redis"):
        redis.Redis.from_url(settings.CELERY_BROKER_URL).flushdb()
        return {"emptied": settings.CELERY_BROKER_URL}
    with app.connection_for_write() as connection:
        queue = app.amqp.queues[settings.CELERY_TASK_DEFAULT_QUEUE](connection.default_channel)
        queue.declare()
        queue.purge()
    return {"emptied": queue.name}


def delete_the_queue() -> dict:
    """RabbitMQ keeps a queue until it is deleted: the run's own queue and exchange go."""
    with app.connection_for_write() as connection:
        queue = app.amqp.queues[settings.CELERY_TASK_DEFAULT_QUEUE](connection.default_channel)
        queue.delete()
        queue.exchange.delete()
    return {"deleted": queue.name}


def enqueue(count: int) -> dict:
    empty_the_queue()
    pending = Entry.objects.filter(status=Entry.Status.PENDING).order_by("pk")
    entry_ids = list(pending.values_list("pk", flat=True)[:count])
    if len(entry_ids) < count:
        raise SystemExit(f"only {len(entry_ids)} pending entries, {count} asked for")
    IDS_FILE.write_text(json.dumps(entry_ids))
    started = time.perf_counter()
    with app.producer_or_acquire() as producer:
        for entry_id in entry_ids:
            app.send_task(TASK_NAME, kwargs={"entry_id": entry_id}, producer=producer)
    return {"count": count, "seconds": time.perf_counter() - started}


def drain(timeout: float) -> dict:
    entry_ids = json.loads(IDS_FILE.read_text())
    batch = Entry.objects.filter(pk__in=entry_ids)
    deadline = time.monotonic() + timeout
    while batch.filter(status=Entry.Status.PENDING).exists():
        if time.monotonic() > deadline:
            left = batch.filter(status=Entry.Status.PENDING).count()
            raise SystemExit(f"{left} of {len(entry_ids)} entries still pending after {timeout} s")
        time.sleep(POLL_SECONDS)
    span = batch.aggregate(
        first=Min("posted_at"), last=Max("posted_at"), posted=Count("pk", filter=Q(status="posted"))
    )
    return {
        "count": len(entry_ids),
        "posted": span["posted"],
        "seconds": (span["last"] - span["first"]).total_seconds(),
        "accounts_off_balance": accounts_off_balance(),
    }


def accounts_off_balance() -> int:
    """Accounts whose balance is not the sum of their posted entries (0 when each ran once)."""
    posted_total = Coalesce(
        Sum("entries__amount", filter=Q(entries__status=Entry.Status.POSTED)),
        Value(0),
        output_field=DecimalField(),
    )
    return (
        Account.objects.annotate(posted_total=posted_total)
        .exclude(balance=F("posted_total"))
        .count()
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("enqueue").add_argument("--count", type=int, required=True)
    commands.add_parser("drain").add_argument("--timeout", type=float, required=True)
    commands.add_parser("empty")
    commands.add_parser("delete")
    arguments = parser.parse_args()
    if arguments.command == "enqueue":
        result = enqueue(arguments.count)
    elif arguments.command == "drain":
        result = drain(arguments.timeout)
    elif arguments.command == "empty":
        result = empty_the_queue()
    else:
        result = delete_the_queue()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
