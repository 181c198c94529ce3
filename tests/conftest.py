"""Fixtures that bake the template and prepare baked projects to run against real services."""

import os
import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.answers import services_needed
from tests.generated import SERVICE_HOST, GeneratedProject

TEMPLATE_DIR = Path(__file__).resolve().parents[1]
SERVICE_PORTS = {"mysql": 3306, "redis": 6379, "rabbitmq": 5672}


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
