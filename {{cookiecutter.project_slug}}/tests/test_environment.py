"""Every environment variable the settings read is documented, with its default."""

import re
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[1]
# env("NAME"...), env.int("NAME"...), os.environ.get("NAME"...), os.environ["NAME"].
ENV_READ = re.compile(r"\b(?:env(?:\.\w+)?\(|environ\.get\(|environ\[)\s*\"([A-Z][A-Z0-9_]*)\"")
# Read by the settings, set by a tool, never by a person: pytest-xdist names each test process.
SET_BY_TOOLS = {"PYTEST_XDIST_WORKER"}


def variables_read_by_settings() -> set[str]:
    """The variables the settings read that a person sets (not those in SET_BY_TOOLS)."""
    read = {
        name
        for path in (PROJECT_DIR / "config").rglob("*.py")
        for name in ENV_READ.findall(path.read_text(encoding="utf-8"))
    }
    return read - SET_BY_TOOLS


def test_the_settings_read_variables():
    assert "DATABASE_URL" in variables_read_by_settings()


@pytest.mark.parametrize("document", [".env.example", "README.md"])
def test_every_variable_is_documented(document):
    text = (PROJECT_DIR / document).read_text(encoding="utf-8")

    undocumented = sorted(name for name in variables_read_by_settings() if name not in text)

    assert undocumented == [], f"{document} does not mention {undocumented}"
