"""What each answer adds or removes, checked in the bake without services."""

import re

from tests.answers import WITHOUT_EXAMPLE_APP
from tests.generated import GeneratedProject


def mentions(project: GeneratedProject, pattern: str) -> list[str]:
    """Every `file:line` of the project whose text matches pattern (case-insensitive)."""
    found = []
    regex = re.compile(pattern, re.IGNORECASE)
    for path in sorted(project.path.rglob("*")):
        if ".venv" in path.parts or not path.is_file():
            continue
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        found += [
            f"{path.relative_to(project.path)}:{number}"
            for number, line in enumerate(lines, start=1)
            if regex.search(line)
        ]
    return found


def test_without_the_example_app_no_trace_of_it_remains(bake):
    project = bake(**WITHOUT_EXAMPLE_APP)

    assert not (project.path / project.slug / "ledger").exists()
    assert mentions(project, r"ledger") == []


def test_with_the_example_app_it_is_installed_and_routed(bake):
    project = bake()

    assert (project.path / project.slug / "ledger" / "services.py").is_file()
    assert f'"{project.slug}.ledger"' in (project.path / "config/settings/base.py").read_text()
    assert f'"{project.slug}.ledger.urls"' in (project.path / "config/urls.py").read_text()


def test_token_auth_has_no_trace_of_jwt(bake):
    project = bake(api_auth="token")

    assert mentions(project, r"simplejwt|jwt|bearer") == []


def test_jwt_auth_has_no_trace_of_drf_tokens(bake):
    project = bake()

    assert mentions(project, r"authtoken|TokenAuthentication") == []
