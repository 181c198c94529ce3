"""Time to first green: bake the default, install it as its README says (`uv sync
--compile-bytecode`) with a warm cache, `uv run pytest`."""

import statistics
from dataclasses import dataclass
from pathlib import Path

from bakes import (
    DEFAULT_ANSWERS,
    BakedProject,
    CpuSeconds,
    bake,
    cpu_timed,
    drop_database,
    green_pytest_summary,
    new_workdir,
    remove_workdir,
    require_program,
    timed,
)
from report import Report, goal_mark, seconds_spread

# The project's database is never created: the suite only uses its test database.
DATABASE = "bench_green"
TEST_DATABASE = "bench_green_test"
# The suite's two processes (pytest-xdist, the bake's addopts) each add their name to it; `-n 0`
# would use it as it is.
TEST_DATABASES = (TEST_DATABASE, f"{TEST_DATABASE}_gw0", f"{TEST_DATABASE}_gw1")
# Issue #20's goals, tighter than DESIGN.md's budget (section 8: the suite under 30 s).
SUITE_GOAL_SECONDS = 12
FIRST_GREEN_GOAL_SECONDS = 20


@dataclass(frozen=True)
class GreenRun:
    bake: float
    install: float
    tests: float
    tests_cpu: CpuSeconds
    pytest_own: float
    passed: int

    @property
    def total(self) -> float:
        return self.bake + self.install + self.tests


def bake_and_install(uv: str, workdir: Path) -> tuple[BakedProject, float, float]:
    """Bake the default into workdir and install it; return it with both durations."""
    bake_time, path = timed(bake, workdir, DEFAULT_ANSWERS)
    project = BakedProject(
        path,
        DATABASE,
        variables={
            # The generated test settings, with the test database renamed to bench_*.
            "DJANGO_SETTINGS_MODULE": "bench_test_settings",
            "BENCH_TEST_DATABASE": TEST_DATABASE,
        },
    )
    # The generated README's install command.
    install_time, _ = timed(project.run, uv, "sync", "--compile-bytecode")
    return project, bake_time, install_time


def warm_package_cache(uv: str) -> None:
    workdir = new_workdir("warmup")
    try:
        bake_and_install(uv, workdir)
    finally:
        remove_workdir(workdir)


def green_run(uv: str) -> GreenRun:
    workdir = new_workdir("green")
    try:
        project, bake_time, install_time = bake_and_install(uv, workdir)
        project.install_helpers("bench_test_settings.py")
        tests_time, tests_cpu, result = cpu_timed(project.run, uv, "run", "pytest", check=False)
    finally:
        for name in TEST_DATABASES:  # also when a crashed run left them behind
            drop_database(name)
        remove_workdir(workdir)
    _, own_seconds, passed = green_pytest_summary(result, "the generated test suite")
    return GreenRun(bake_time, install_time, tests_time, tests_cpu, own_seconds, passed)


def measure(report: Report, *, runs: int, cache_is_warm: bool) -> None:
    uv = require_program("uv", "pip install uv")
    if not cache_is_warm:
        warm_package_cache(uv)  # not counted
    results = [green_run(uv) for _ in range(runs)]
    medians = {
        part: statistics.median(getattr(run, part) for run in results)
        for part in ("bake", "install", "tests")
    }
    totals = [run.total for run in results]
    report.add(
        "Time to first green (default bake)",
        f"bake + `uv sync --compile-bytecode` (warm cache) + `uv run pytest`, median (min-max) "
        f"of {runs}",
        seconds_spread(totals),
        f"medians: bake {medians['bake']:.1f} s, uv sync {medians['install']:.1f} s, "
        f"uv run pytest {medians['tests']:.1f} s; goal: at most {FIRST_GREEN_GOAL_SECONDS} s"
        + goal_mark(statistics.median(totals) <= FIRST_GREEN_GOAL_SECONDS),
    )
    suite_times = [run.pytest_own for run in results]
    suite_cpu = CpuSeconds(
        statistics.median(run.tests_cpu.command for run in results),
        statistics.median(run.tests_cpu.servers for run in results),
    )
    report.add(
        "Generated test suite",
        'pytest\'s own time ("N passed in X s"), test database creation included',
        seconds_spread(suite_times),
        f"{results[0].passed} passed; `uv run pytest` used {suite_cpu.describe()} (medians); "
        f"goal: at most {SUITE_GOAL_SECONDS} s on 2 cores"
        + goal_mark(statistics.median(suite_times) <= SUITE_GOAL_SECONDS),
    )
