"""Run one callable from several threads at once, each on its own database connection.

For race tests: they need @pytest.mark.django_db(transaction=True), since the threads' own
connections cannot see rows that the test's transaction has not committed.
"""

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from django.db import connections

T = TypeVar("T")


def run_at_once(*calls: Callable[[], T]) -> list[T]:
    """Start every call at the same moment (a barrier), in threads; return their results."""
    barrier = threading.Barrier(len(calls))

    def run(call: Callable[[], T]) -> T:
        try:
            barrier.wait()
            return call()
        finally:
            connections.close_all()  # this thread's connections, not the test's

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))
