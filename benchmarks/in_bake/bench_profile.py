"""Where one list request's time goes: cProfile over N requests through the test client.

Prints, per endpoint, the mean time per request without the profiler, then the cumulative time
per request of each stage (authentication, throttles, the query, serialization, rendering, the
request's log lines) read from the profile, and the functions with the most time of their own.
Run inside a benchmark bake (bench_settings), after bench_seed.py; the figures shift with the
machine's load, so compare endpoints within one run.
"""

import argparse
import cProfile
import io
import pstats
import time

import django

django.setup()

from django.test import Client  # noqa: E402 - after django.setup()
from django.test.utils import setup_test_environment  # noqa: E402

# (stage, file name ending, function name) read from the profile's cumulative times.
STAGES = (
    ("authentication", "rest_framework/request.py", "_authenticate"),
    ("throttles", "rest_framework/views.py", "check_throttles"),
    ("query and model instances", "rest_framework/pagination.py", "paginate_queryset"),
    ("the ledger rows' tags", "ledger/selectors.py", "entry_rows_shaped"),
    ("serialization", "rest_framework/serializers.py", "data"),
    ("serialization", "common/api/serializers.py", "<lambda>"),  # rows_representation's
    ("rendering", "rest_framework/renderers.py", "render"),
    ("request log lines", "django_structlog/middlewares/request.py", "prepare"),
)


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--email", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--page-size", type=int, default=50)
    parser.add_argument("--top", type=int, default=12)
    parser.add_argument("paths", nargs="+")
    return parser.parse_args()


def stage_times(stats: pstats.Stats, requests: int) -> dict[str, float]:
    """Milliseconds per request spent under each stage's function (cumulative; where several
    functions match, as a list's and an item's serializer `data`, the outermost, the largest)."""
    times = dict.fromkeys((stage for stage, _, _ in STAGES), 0.0)
    for (filename, _line, function), (_cc, _nc, _tt, cumulative, _callers) in stats.stats.items():
        for stage, ending, name in STAGES:
            if function == name and filename.endswith(ending):
                times[stage] = max(times[stage], cumulative * 1000 / requests)
    return times


def main() -> None:
    arguments = parse_arguments()
    setup_test_environment()
    token = Client().post(
        "/api/v1/auth/token/",
        {"email": arguments.email, "password": arguments.password},
        content_type="application/json",
    )
    client = Client(headers={"Authorization": f"Bearer {token.json()['access']}"})
    query = {"page_size": arguments.page_size}
    for path in arguments.paths:
        for _ in range(20):  # connections, caches and imports first
            client.get(path, query)
        start = time.perf_counter()
        for _ in range(arguments.requests):
            client.get(path, query)
        mean = (time.perf_counter() - start) * 1000 / arguments.requests
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(arguments.requests):
            client.get(path, query)
        profile.disable()
        stats = pstats.Stats(profile)
        print(f"## {path}?page_size={arguments.page_size}: {mean:.1f} ms per request")
        for stage, milliseconds in stage_times(stats, arguments.requests).items():
            print(f"  {stage:<28} {milliseconds:6.2f} ms (profiled)")
        listing = io.StringIO()
        pstats.Stats(profile, stream=listing).sort_stats("tottime").print_stats(arguments.top)
        print(listing.getvalue().split("ncalls", 1)[-1])


if __name__ == "__main__":
    main()
