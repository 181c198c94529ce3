"""A baked project and the commands run inside it, against the real services on 127.0.0.1."""

import hashlib
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

SERVICE_HOST = "127.0.0.1"
MYSQL_URL = f"mysql://root:@{SERVICE_HOST}:3306"
# Two runs of these tests may share the servers if each has its own slot (0, 1 or 2): its own
# four Redis databases and its own MySQL database names. Slot 0 (the default) uses Redis 12
# (the Celery broker), 13 (the cache), 14 (the tests' cache) and 15 (the tests' worker broker);
# databases below 4 stay free for developers.
SLOT = int(os.environ.get("TEMPLATE_TESTS_SLOT", "0"))
_FIRST_REDIS_DB = 12 - 4 * SLOT
CELERY_REDIS_BROKER_URL = f"redis://{SERVICE_HOST}:6379/{_FIRST_REDIS_DB}"
REDIS_URL = f"redis://{SERVICE_HOST}:6379/{_FIRST_REDIS_DB + 1}"
TEST_REDIS_URL = f"redis://{SERVICE_HOST}:6379/{_FIRST_REDIS_DB + 2}"
TEST_CELERY_REDIS_BROKER_URL = f"redis://{SERVICE_HOST}:6379/{_FIRST_REDIS_DB + 3}"
# Variables of the caller's shell that would leak into a bake's commands.
LEAKY_VARIABLES = ("VIRTUAL_ENV", "DJANGO_SETTINGS_MODULE", "PYTHONPATH", "UV_PROJECT_ENVIRONMENT")
OUTPUT_TAIL_CHARACTERS = 6000


def database_name(answers: dict[str, str]) -> str:
    """A MySQL database name of its own for each set of answers, so bakes never share tables."""
    digest = hashlib.sha1(repr(sorted(answers.items())).encode(), usedforsecurity=False)
    return f"tpl{SLOT}_{digest.hexdigest()[:12]}"


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
            UV_PYTHON_DOWNLOADS="never",
            UV_NO_PROGRESS="1",
        )
        if self.answers.get("celery_broker", "redis") == "redis":
            environment["CELERY_BROKER_URL"] = CELERY_REDIS_BROKER_URL
            environment["TEST_CELERY_BROKER_URL"] = TEST_CELERY_REDIS_BROKER_URL
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

    def readme_command(self, marker: str) -> str:
        """The command in the fenced block after `<!-- marker -->` in the project's README."""
        readme = (self.path / "README.md").read_text(encoding="utf-8")
        match = re.search(rf"<!-- {marker} -->\s*```\w*\n(.+?)\n\s*```", readme, re.DOTALL)
        assert match, f"README.md has no command marked <!-- {marker} -->"
        return match.group(1).strip()

    def create_database(self) -> None:
        self._sql(f"CREATE DATABASE IF NOT EXISTS {self.database} CHARACTER SET utf8mb4")

    def drop_databases(self) -> None:
        self._sql(
            f"DROP DATABASE IF EXISTS {self.database}; DROP DATABASE IF EXISTS test_{self.database}"
        )

    def _sql(self, statements: str) -> None:
        subprocess.run(
            [mysql_client(), "-uroot", f"-h{SERVICE_HOST}", "-e", statements],
            check=True,
            capture_output=True,
        )


TEMPLATE_LEFTOVER = re.compile(r"\{\{|\{%|cookiecutter\.")


def files_with_template_leftovers(root: Path) -> list[str]:
    """Files under root that still hold Jinja tags or a cookiecutter variable."""
    leftovers = []
    for path in sorted(root.rglob("*")):
        if ".venv" in path.parts or not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        if TEMPLATE_LEFTOVER.search(text):
            leftovers.append(str(path.relative_to(root)))
    return leftovers
