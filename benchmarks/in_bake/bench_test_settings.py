"""Settings of a benchmark's test run: the generated test settings with a bench_ database name.

The benchmarks may only create MySQL databases named bench_*, and the test database would
otherwise be test_<name>. Everything else is the generated project's own test configuration.
"""

import os

from config.settings.test import *  # noqa: F403
from config.settings.test import DATABASES

DATABASES["default"]["TEST"]["NAME"] = os.environ["BENCH_TEST_DATABASE"]
