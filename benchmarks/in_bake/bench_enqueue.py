"""What sending a task adds to a request: POST /api/v1/entries/ with and without the send.

The same request (an entry on one of the benchmark user's accounts) runs N times as it is,
sending ledger.post_entry to the real broker when its transaction commits, and N times with
the service's enqueue_on_commit replaced by a function that sends nothing, one of each in
turn. The difference of the two medians is the send's cost per request. Through Django's test
client, in one process, so the HTTP server's time (the same for both) is left out. The tasks
sent stay on the queue: run this after the drain benchmark, and empty the queue afterwards.
Prints JSON. Run inside the bake (bench_settings), after bench_seed.py.
"""

import argparse
import json
import statistics
import time

import django

django.setup()

from django.apps import apps  # noqa: E402 - after django.setup()
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

services = __import__(f"{apps.get_app_config('ledger').name}.services", fromlist=["services"])
Account = apps.get_model("ledger", "Account")
WARM_UP_REQUESTS = 20


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--email", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--requests", type=int, default=300)
    return parser.parse_args()


def signed_in_client(email: str, password: str) -> Client:
    token = Client().post(
        "/api/v1/auth/token/",
        {"email": email, "password": password},
        content_type="application/json",
    )
    return Client(headers={"Authorization": f"Bearer {token.json()['access']}"})


def request_milliseconds(client: Client, body: dict, requests: int) -> dict[str, list[float]]:
    """Timings of each way, interleaved request by request, so a change in the machine's load
    during the run weighs on both alike."""
    enqueue_on_commit = services.enqueue_on_commit
    ways = {"sending": enqueue_on_commit, "silent": lambda task_name, **kwargs: None}
    timings: dict[str, list[float]] = {way: [] for way in ways}
    for request in range(WARM_UP_REQUESTS + requests):
        for way, send in ways.items():
            services.enqueue_on_commit = send
            started = time.perf_counter()
            post_entry(client, body)
            if request >= WARM_UP_REQUESTS:
                timings[way].append((time.perf_counter() - started) * 1000)
    services.enqueue_on_commit = enqueue_on_commit
    return timings


def post_entry(client: Client, body: dict) -> None:
    response = client.post("/api/v1/entries/", body, content_type="application/json")
    if response.status_code != 201:
        raise SystemExit(f"POST /api/v1/entries/: {response.status_code} {response.content!r}")


def main() -> None:
    arguments = parse_arguments()
    setup_test_environment()
    client = signed_in_client(arguments.email, arguments.password)
    account = Account.objects.filter(owner__email=arguments.email).order_by("pk").first()
    body = {"account": account.pk, "amount": "1.00", "occurred_on": "2026-01-01"}
    timings = request_milliseconds(client, body, arguments.requests)
    print(
        json.dumps(
            {
                "requests": arguments.requests,
                "sending_p50_ms": statistics.median(timings["sending"]),
                "silent_p50_ms": statistics.median(timings["silent"]),
            }
        )
    )


if __name__ == "__main__":
    main()
