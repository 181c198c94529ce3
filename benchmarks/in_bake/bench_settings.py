"""Settings of a benchmark bake: the production settings, plus the naive endpoint's URLconf.

benchmarks/api.py copies this file into the bake it made; the template never contains it.
"""

from config.settings.production import *  # noqa: F403

ROOT_URLCONF = "bench_urls"
