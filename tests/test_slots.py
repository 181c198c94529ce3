"""TEMPLATE_TESTS_SLOT gives each parallel run its own Redis databases, and only real ones."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.generated import slot_from, worker_slot

TEMPLATE_DIR = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("value", ["0", "1", "2", "3"])
def test_each_slot_from_0_to_3_is_accepted(value):
    assert slot_from(value) == int(value)


@pytest.mark.parametrize("value", ["4", "10", "-1", "", "one", "²", "1.5"])
def test_a_slot_outside_0_to_3_is_refused_naming_the_range(value):
    with pytest.raises(pytest.UsageError, match=r"use 0-3 \(slot S uses Redis databases"):
        slot_from(value)


@pytest.mark.parametrize(
    ("run_slot", "worker", "slot"), [("0", "", 0), ("0", "gw1", 1), ("2", "gw1", 3)]
)
def test_each_xdist_worker_takes_the_runs_slot_plus_its_number(run_slot, worker, slot):
    assert worker_slot(run_slot, worker) == slot


def test_a_worker_past_slot_3_is_refused_naming_the_way_out():
    with pytest.raises(pytest.UsageError, match=r"needs slot 4, past 3: .* fewer workers"):
        worker_slot("3", "gw1")


def test_pytest_with_slot_4_stops_before_any_test_with_the_range():
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
        cwd=TEMPLATE_DIR,
        env={**os.environ, "TEMPLATE_TESTS_SLOT": "4"},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )

    assert result.returncode != 0
    assert "TEMPLATE_TESTS_SLOT='4' is out of range: use 0-3" in result.stdout + result.stderr
