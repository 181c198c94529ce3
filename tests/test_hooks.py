"""The hooks: bad answers stop the bake before anything is written; good ones get a .env."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import TEMPLATE_DIR


def run_cookiecutter(output_dir: Path, *answers: str) -> subprocess.CompletedProcess[str]:
    """Bake with the cookiecutter CLI, as a user would, into output_dir."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "cookiecutter",
            "--no-input",
            "--default-config",
            "--output-dir",
            str(output_dir),
            str(TEMPLATE_DIR),
            *answers,
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


@pytest.mark.parametrize(
    "slug",
    ["my-service", "1service", "My_Service", "my service", "class", "_private", "café", "a" * 41],
)
def test_a_bad_project_slug_is_rejected_and_nothing_is_written(tmp_path, slug):
    result = run_cookiecutter(tmp_path, f"project_slug={slug}")

    assert result.returncode != 0
    assert f"Invalid answer project_slug={slug!r}" in result.stderr
    assert "at most 40 lower-case letters, digits and underscores" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_good_project_slug_names_the_folder_and_the_package(tmp_path):
    result = run_cookiecutter(tmp_path, "project_slug=billing_api")

    assert result.returncode == 0, result.stderr
    assert (tmp_path / "billing_api" / "billing_api" / "users" / "models.py").is_file()


def test_cli_bake_with_defaults_creates_my_service_and_prints_next_steps(tmp_path):
    result = run_cookiecutter(tmp_path)

    assert result.returncode == 0, result.stderr
    assert [path.name for path in tmp_path.iterdir()] == ["my_service"]
    assert "uv sync" in result.stdout
    assert "uv run pytest" in result.stdout


def secret_key_in(dot_env: Path) -> str:
    match = re.search(r"^DJANGO_SECRET_KEY=(.*)$", dot_env.read_text(), re.MULTILINE)
    assert match, f"no DJANGO_SECRET_KEY line in {dot_env}"
    return match.group(1)


def test_post_gen_writes_a_private_dot_env_with_a_fresh_strong_secret_key(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    for output_dir in (first, second):
        assert run_cookiecutter(output_dir).returncode == 0

    keys = [secret_key_in(output_dir / "my_service" / ".env") for output_dir in (first, second)]
    assert keys[0] != keys[1]
    for key in keys:
        assert len(key) >= 50
        # Safe unquoted in a .env file and a shell: no quotes, spaces, $, # or backslashes.
        assert re.fullmatch(r"[A-Za-z0-9_-]+", key)
    dot_env = first / "my_service" / ".env"
    assert dot_env.stat().st_mode & 0o077 == 0
    example_key = secret_key_in(first / "my_service" / ".env.example")
    assert example_key.startswith("change-me")


def test_dot_env_is_git_ignored(bake):
    project = bake()

    assert ".env" in (project.path / ".gitignore").read_text().splitlines()
