"""A run on a machine without a system prerequisite stops at once, with one message naming it."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

TEMPLATE_DIR = Path(__file__).resolve().parents[1]


def run_pytest_with_only(tmp_path: Path, *commands: str) -> subprocess.CompletedProcess[str]:
    """Start the template's pytest with a PATH that holds only the named system commands."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for command in commands:
        found = shutil.which(command)
        assert found, f"{command} is needed on this machine to run this test"
        (bin_dir / command).symlink_to(found)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
        cwd=TEMPLATE_DIR,
        env={**os.environ, "PATH": str(bin_dir)},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_without_node_the_run_stops_naming_the_package_and_nothing_else(tmp_path):
    result = run_pytest_with_only(tmp_path, "pkg-config", "gcc")

    output = result.stdout + result.stderr
    assert result.returncode == 4, output
    assert "Missing Node.js and npm." in output
    assert "`sudo apt-get install nodejs npm`" in output
    assert "collected" not in output


@pytest.mark.parametrize("present", [(), ("node", "npm")])
def test_without_the_mysql_client_headers_one_message_names_every_package(tmp_path, present):
    result = run_pytest_with_only(tmp_path, *present)

    output = result.stdout + result.stderr
    assert result.returncode == 4, output
    # pytest echoes an exit reason on stderr too; stdout, the run's report, holds it once.
    assert result.stdout.count("Missing ") == 1, output
    assert "the MySQL client headers" in output
    assert "sudo apt-get install pkg-config libmariadb-dev gcc" in output
