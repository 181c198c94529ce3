"""The template's own test command: README.md's <!-- test-command --> block, as `.ci/run`
runs it (REQUIRE_SERVICES=1), from this clone. It bakes and tests every option set, so it
takes about 10 minutes on 2 cores; run it alone (`--only template`), never beside another run
of the template's tests on the same slot."""

import os
import re

from bakes import TEMPLATE_DIR, BenchmarkError, cpu_timed, green_pytest_summary, run_command
from report import Report, goal_mark

# Issue #20's goal for the template's test command.
TEMPLATE_TESTS_GOAL_SECONDS = 200
TEST_COMMAND_BLOCK = re.compile(r"<!-- test-command -->\s*```\w*\n(.*?)```", re.DOTALL)
TIMEOUT_SECONDS = 90 * 60  # CI's limit


def readme_test_command() -> str:
    found = TEST_COMMAND_BLOCK.search((TEMPLATE_DIR / "README.md").read_text(encoding="utf-8"))
    if not found:
        raise BenchmarkError("README.md has no <!-- test-command --> block")
    return found[1].strip()


def measure(report: Report) -> None:
    command = readme_test_command()
    environment = {**os.environ, "REQUIRE_SERVICES": "1"}
    seconds, cpu, result = cpu_timed(
        run_command,
        ["bash", "-c", command],
        cwd=TEMPLATE_DIR,
        env=environment,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )
    summary, own_seconds, _ = green_pytest_summary(result, "the template's test suite")
    report.add(
        "Template test command",
        "pytest's own time (wall time of the command)",
        f"{own_seconds:.0f} s ({seconds:.0f} s)",
        f"`{command}` from this clone, REQUIRE_SERVICES=1: {summary}; it used {cpu.describe()}; "
        f"goal: at most {TEMPLATE_TESTS_GOAL_SECONDS} s"
        + goal_mark(own_seconds <= TEMPLATE_TESTS_GOAL_SECONDS),
    )
