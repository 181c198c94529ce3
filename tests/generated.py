"""A baked project and the commands run inside it, against the real services on 127.0.0.1."""

import functools
import hashlib
import os
import re
import shutil
import signal
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.answers import value

SERVICE_HOST = "127.0.0.1"
MYSQL_URL = f"mysql://root:@{SERVICE_HOST}:3306"
# Runs of these tests may share the servers if each has its own slot (0 to 3): its own four
# Redis databases, 12-4*slot to 15-4*slot, and its own MySQL database names. Slot 0 (the
# default) uses Redis 12 (the Celery broker), 13 (the cache), 14 (the tests' cache) and 15 (the
# tests' worker broker); slot 3 uses 0 to 3, the last numbers Redis has by default. Under
# pytest-xdist (`-n 2`, the README's command), worker gwN of a run takes the run's slot + N.
SLOTS = range(4)


def slot_from(value: str) -> int:
    """The slot TEMPLATE_TESTS_SLOT names; refused outside 0-3 (a Redis database below 0)."""
    if not value.isascii() or not value.isdigit() or int(value) not in SLOTS:
        raise pytest.UsageError(
            f"TEMPLATE_TESTS_SLOT={value!r} is out of range: use 0-3 "
            "(slot S uses Redis databases 12-4*S to 15-4*S, which must be >= 0)."
        )
    return int(value)


def worker_slot(run_slot: str, worker: str) -> int:
    """The slot of one test process: the run's slot, plus N for pytest-xdist's worker gwN."""
    slot = slot_from(run_slot) + (int(worker.removeprefix("gw")) if worker else 0)
    if slot not in SLOTS:
        raise pytest.UsageError(
            f"TEMPLATE_TESTS_SLOT={run_slot!r} with xdist worker {worker} needs slot {slot}, "
            "past 3: start from a lower slot, or run fewer workers (-n)."
        )
    return slot


SLOT = worker_slot(
    os.environ.get("TEMPLATE_TESTS_SLOT", "0"), os.environ.get("PYTEST_XDIST_WORKER", "")
)
_FIRST_REDIS_DB = 12 - 4 * SLOT
CELERY_REDIS_BROKER_URL = f"redis://{SERVICE_HOST}:6379/{_FIRST_REDIS_DB}"
REDIS_URL = f"redis://{SERVICE_HOST}:6379/{_FIRST_REDIS_DB + 1}"
TEST_REDIS_URL = f"redis://{SERVICE_HOST}:6379/{_FIRST_REDIS_DB + 2}"
TEST_CELERY_REDIS_BROKER_URL = f"redis://{SERVICE_HOST}:6379/{_FIRST_REDIS_DB + 3}"
# Variables of the caller's shell that would leak into a bake's commands, pytest-xdist's names
# for this process among them (the bake's test settings read them to tell their own apart).
LEAKY_VARIABLES = (
    *("VIRTUAL_ENV", "DJANGO_SETTINGS_MODULE", "PYTHONPATH", "UV_PROJECT_ENVIRONMENT"),
    *("PYTEST_XDIST_WORKER", "PYTEST_XDIST_WORKER_COUNT", "PYTEST_XDIST_TESTRUNUID"),
)
# The bake's suite runs in two processes (its addopts): test_<name>_gw0 and _gw1; `-n 0` runs
# one, on test_<name>.
TEST_DATABASE_SUFFIXES = ("", "_gw0", "_gw1")
OUTPUT_TAIL_CHARACTERS = 6000


def database_name(answers: dict[str, str]) -> str:
    """A MySQL database name of its own for each set of answers, so bakes never share tables."""
    digest = hashlib.sha1(repr(sorted(answers.items())).encode(), usedforsecurity=False)
    return f"tpl{SLOT}_{digest.hexdigest()[:12]}"


@functools.cache
def interpreter(version: str) -> str:
    """The Python the answers name: a bake runs on the one its CI and Docker image run.

    uv finds its own and working ones on PATH; pyenv's shims answer only for the selected
    version, so its installs are looked up by path.
    """
    found = subprocess.run(
        ["uv", "python", "find", "--system", "--no-project", version],
        capture_output=True,
        text=True,
        check=False,
    )
    candidates = [found.stdout.strip()] if found.returncode == 0 else []
    pyenv_root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    candidates += sorted(map(str, pyenv_root.glob(f"versions/{version}.*/bin/python{version}")))
    for candidate in candidates:
        if subprocess.run([candidate, "-c", ""], capture_output=True, check=False).returncode == 0:
            return candidate
    pytest.fail(
        f"Python {version} is not installed, and bakes answering python_version={version} run "
        f"on it: `uv python install {version}` (or pyenv install {version})."
    )


def mysql_client() -> str:
    client = shutil.which("mariadb") or shutil.which("mysql")
    if client is None:
        pytest.fail("Neither the mariadb nor the mysql command-line client is installed.")
    return client


@dataclass(frozen=True)
class GeneratedProject:
    path: Path
    answers: dict[str, str]

    @property
    def slug(self) -> str:
        return self.path.name

    @property
    def database(self) -> str:
        return database_name(self.answers)

    def environment(self, **overrides: str) -> dict[str, str]:
        environment = {
            key: value for key, value in os.environ.items() if key not in LEAKY_VARIABLES
        }
        environment.update(
            DATABASE_URL=f"{MYSQL_URL}/{self.database}",
            REDIS_URL=REDIS_URL,
            TEST_REDIS_URL=TEST_REDIS_URL,
            UV_PYTHON=interpreter(value(self.answers, "python_version")),
            UV_PYTHON_DOWNLOADS="never",
            UV_NO_PROGRESS="1",
        )
        if self.answers.get("celery_broker", "redis") == "redis":
            environment["CELERY_BROKER_URL"] = CELERY_REDIS_BROKER_URL
            environment["TEST_CELERY_BROKER_URL"] = TEST_CELERY_REDIS_BROKER_URL
        else:
            # A queue of this slot's own on the shared RabbitMQ (the tests' queue adds ".tests"):
            # never the service's default queue, which another run (or an older, classic
            # version of it) may hold.
            environment["CELERY_QUEUE"] = f"{self.slug}_tpl{SLOT}"
        environment.update(overrides)
        return environment

    def run(
        self, command: str, *, check: bool = True, timeout: float = 900, **env: str
    ) -> subprocess.CompletedProcess[str]:
        """Run a shell command in the project; on failure, fail the test with its output."""
        result = subprocess.run(
            ["bash", "-c", command],
            cwd=self.path,
            env=self.environment(**env),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if check and result.returncode != 0:
            output = (result.stdout + result.stderr)[-OUTPUT_TAIL_CHARACTERS:]
            pytest.fail(f"`{command}` exited {result.returncode} in {self.path}:\n{output}")
        return result

    @contextmanager
    def running(
        self, command: str, log_path: Path, **env: str
    ) -> Iterator[subprocess.Popen[bytes]]:
        """Run a long-lived shell command in the project; stop its process group afterwards."""
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                ["bash", "-c", command],
                cwd=self.path,
                env=self.environment(**env),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, stopped as a whole
            )
        try:
            yield process
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)

    def readme_command(self, marker: str) -> str:
        """The command in the fenced block after `<!-- marker -->` in the project's README."""
        readme = (self.path / "README.md").read_text(encoding="utf-8")
        match = re.search(rf"<!-- {marker} -->\s*```\w*\n(.+?)\n\s*```", readme, re.DOTALL)
        assert match, f"README.md has no command marked <!-- {marker} -->"
        return match.group(1).strip()

    def create_database(self) -> None:
        self._sql(f"CREATE DATABASE IF NOT EXISTS {self.database} CHARACTER SET utf8mb4")

    def drop_databases(self) -> None:
        names = [self.database, *(f"test_{self.database}{end}" for end in TEST_DATABASE_SUFFIXES)]
        self._sql("; ".join(f"DROP DATABASE IF EXISTS {name}" for name in names))

    def _sql(self, statements: str) -> None:
        subprocess.run(
            [mysql_client(), "-uroot", f"-h{SERVICE_HOST}", "-e", statements],
            check=True,
            capture_output=True,
        )


TEMPLATE_LEFTOVER = re.compile(r"\{\{|\{%|cookiecutter\.")
# Folders tools make in a project, which are not part of what the template generated.
NOT_GENERATED = {".venv", ".mypy_cache", ".ruff_cache", ".pytest_cache", "__pycache__"}


def generated_files(root: Path) -> list[Path]:
    """The files the template generated under root, in a stable order."""
    return [
        path
        for path in sorted(root.rglob("*"))
        if path.is_file()
        and not NOT_GENERATED.intersection(path.relative_to(root).parts)
        and path.name != "uv.lock"
    ]


def lines_matching(root: Path, pattern: str) -> list[str]:
    """Every `file:line` under root whose text matches pattern (case-insensitive)."""
    regex = re.compile(pattern, re.IGNORECASE)
    found = []
    for path in generated_files(root):
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        found += [
            f"{path.relative_to(root)}:{number}: {line.strip()[:80]}"
            for number, line in enumerate(lines, start=1)
            if regex.search(line)
        ]
    return found


def files_with_template_leftovers(root: Path) -> list[str]:
    """Files under root that still hold Jinja tags or a cookiecutter variable."""
    return [
        str(path.relative_to(root))
        for path in generated_files(root)
        if TEMPLATE_LEFTOVER.search(path.read_text(encoding="utf-8", errors="replace"))
    ]


def make_check_targets(project: GeneratedProject) -> list[str]:
    """The targets `make check` runs, in its order, read from the project's Makefile."""
    makefile = (project.path / "Makefile").read_text(encoding="utf-8")
    check = re.search(r"^check:(.*)$", makefile, re.M)
    assert check, "the Makefile has no check target"
    return check.group(1).split()
