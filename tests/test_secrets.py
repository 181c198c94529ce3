"""No secret of a bake's .env ends up in a file git would track."""

import re
import shutil
import subprocess

import pytest

from tests.answers import ALL_ON, DEFAULT

SECRET_NAMES = re.compile(r"^(\w*(SECRET_KEY|PASSWORD|_TOKEN|BASIC_AUTH))=(.+)$", re.MULTILINE)


@pytest.mark.parametrize("answers", [DEFAULT, ALL_ON], ids=["default", "all-on"])
def test_no_secret_of_dot_env_is_in_a_tracked_file(bake, answers, tmp_path):
    repository = tmp_path / "repository"
    shutil.copytree(bake(**answers).path, repository)
    subprocess.run(["git", "init", "--quiet"], cwd=repository, check=True)
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
def test_git_tracks_every_generated_file_but_dot_env(bake, answers, tmp_path):
    # A pattern of the generated .gitignore meant for a folder at the root (say media/) must
    # not hide a package of the same name deeper down (common/media/).
    repository = tmp_path / "repository"
    shutil.copytree(bake(**answers).path, repository)
    subprocess.run(["git", "init", "--quiet"], cwd=repository, check=True)
    ignored = subprocess.run(
        ["git", "ls-files", "--others", "--ignored", "--exclude-standard"],
        cwd=repository,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()

    assert ignored == [".env"]
