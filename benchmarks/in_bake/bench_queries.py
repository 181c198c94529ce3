"""Count the SQL queries of one list request at several page sizes, in-process.

Django's test client calls the project (with bench_settings: the production settings plus the
naive endpoint) against the benchmark database; CaptureQueriesContext counts what each request
runs, authentication included. Also checks that both endpoints return the same page, so the
throughput comparison is between equal work. Prints JSON. Run inside the bake.
"""

import argparse
import json

import django

django.setup()

from django.db import connection  # noqa: E402 - after django.setup()
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

LOGIN_PATH = "/api/v1/auth/token/"


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--email", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--page-sizes", type=int, nargs="+", default=[1, 10, 50, 100])
    parser.add_argument(
        "--endpoint", nargs=2, action="append", metavar=("NAME", "PATH"), required=True
    )
    return parser.parse_args()


def authenticated_client(email: str, password: str) -> Client:
    client = Client()
    response = client.post(
        LOGIN_PATH, {"email": email, "password": password}, content_type="application/json"
    )
    if response.status_code != 200:
        raise SystemExit(f"POST {LOGIN_PATH} answered {response.status_code}: {response.content}")
    return Client(headers={"Authorization": f"Bearer {response.json()['access']}"})


def list_page(client: Client, path: str, page_size: int) -> list[dict]:
    response = client.get(path, {"page_size": page_size})
    if response.status_code != 200:
        raise SystemExit(f"GET {path} answered {response.status_code}: {response.content}")
    results = response.json()["results"]
    if len(results) != page_size:
        raise SystemExit(f"GET {path} returned {len(results)} items, not {page_size}")
    return results


def queries_per_request(client: Client, path: str, page_size: int) -> int:
    with CaptureQueriesContext(connection) as captured:
        list_page(client, path, page_size)
    return len(captured.captured_queries)


def comparable(items: list[dict]) -> list[dict]:
    """The page with each entry's tags in one order: the naive list leaves them unordered."""
    return [{**item, "tags": sorted(item["tags"], key=lambda tag: tag["id"])} for item in items]


def main() -> None:
    arguments = parse_arguments()
    setup_test_environment()  # lets the test client's host, "testserver", in
    client = authenticated_client(arguments.email, arguments.password)
    endpoints = dict(arguments.endpoint)
    pages = {name: list_page(client, path, 50) for name, path in endpoints.items()}  # warm-up
    first, *others = (comparable(page) for page in pages.values())
    counts = {
        name: {size: queries_per_request(client, path, size) for size in arguments.page_sizes}
        for name, path in endpoints.items()
    }
    print(json.dumps({"queries": counts, "same_page": all(page == first for page in others)}))


if __name__ == "__main__":
    main()
