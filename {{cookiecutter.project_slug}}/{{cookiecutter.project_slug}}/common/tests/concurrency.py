"""Run one callable from several threads at once, each on its own database connection.

For race tests: they need @pytest.mark.django_db(transaction=True), since the threads' own
connections cannot see rows that the test's transaction has not committed.
"""

import random
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from django.db import connections

T = TypeVar("T")


def run_at_once(*calls: Callable[[], T], jitter: float = 0.0) -> list[T]:
    """Start every call at the same moment (a barrier), in threads; return their results.

    With `jitter`, each call then waits a random 0 to `jitter` seconds: a race window that
    opens only after some work (validation, then the insert) is hit more often than when
    every call starts at once.
    """
    barrier = threading.Barrier(len(calls))

    def run(call: Callable[[], T]) -> T:
        try:
            barrier.wait()
            time.sleep(random.uniform(0, jitter))  # noqa: S311 - timing, not a secret
            return call()
        finally:
            connections.close_all()  # this thread's connections, not the test's

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))
