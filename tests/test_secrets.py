"""No secret of a bake's .env ends up in a file git would track."""

import re
import subprocess
from pathlib import Path

import pytest

from tests.answers import ALL_ON, DEFAULT

SECRET_NAMES = re.compile(r"^(\w*(SECRET_KEY|PASSWORD|_TOKEN|BASIC_AUTH))=(.+)$", re.MULTILINE)


def fresh_repository(cookies, answers: dict[str, str]) -> Path:
    """A bake of its own, as generated (no other test has installed or run anything in it),
    made a git repository."""
    result = cookies.bake(extra_context=answers)
    assert result.exit_code == 0, result.exception
    subprocess.run(["git", "init", "--quiet"], cwd=result.project_path, check=True)
    return result.project_path


@pytest.mark.parametrize("answers", [DEFAULT, ALL_ON], ids=["default", "all-on"])
def test_no_secret_of_dot_env_is_in_a_tracked_file(cookies, answers):
    repository = fresh_repository(cookies, answers)
    subprocess.run(["git", "add", "--all"], cwd=repository, check=True)
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=repository, capture_output=True, text=True, check=True
    ).stdout.split()
    secrets = [match[2] for match in SECRET_NAMES.findall((repository / ".env").read_text())]

    assert ".env" not in tracked
    assert len(secrets) >= 1
    for name in tracked:
        text = (repository / name).read_text(encoding="utf-8", errors="replace")
        leaked = [secret for secret in secrets if secret in text]
        assert leaked == [], f"{name} holds a secret of .env"


@pytest.mark.parametrize("answers", [DEFAULT, ALL_ON], ids=["default", "all-on"])
def test_git_tracks_every_generated_file_but_dot_env(cookies, answers):
    # A pattern of the generated .gitignore meant for a folder at the root (say media/) must
    # not hide a package of the same name deeper down (common/media/).
    repository = fresh_repository(cookies, answers)
    ignored = subprocess.run(
        ["git", "ls-files", "--others", "--ignored", "--exclude-standard"],
        cwd=repository,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()

    assert ignored == [".env"]
