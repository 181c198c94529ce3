"""The default bake, checked without services: clean text, lint and format."""

import subprocess
import sys

from tests.generated import files_with_template_leftovers


def test_no_template_text_is_left_in_any_file(bake):
    project = bake()

    assert files_with_template_leftovers(project.path) == []


def test_ruff_check_and_format_are_clean(bake):
    project = bake()
    for command in (["check", "."], ["format", "--check", "."]):
        result = subprocess.run(
            [sys.executable, "-m", "ruff", *command],
            cwd=project.path,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
