"""local_extensions.CompiledTemplateCache: a later bake loads the compiled templates.

It must never change what a bake writes: the same files from a cached bake, a template file
changed since is compiled again, and a cache directory that is not safe is not used.
"""

import os
import shutil
from pathlib import Path

from tests.conftest import TEMPLATE_DIR, run_cookiecutter

PROJECT = "my_service"
# Files that differ between any two bakes: fresh secrets.
DIFFERENT_EACH_BAKE = {".env"}


def cache_directory(temp_dir: Path) -> Path:
    """Where Jinja keeps compiled templates under this TMPDIR (FileSystemBytecodeCache)."""
    return temp_dir / f"_jinja2-cache-{os.getuid()}"


def cached_files(temp_dir: Path) -> dict[Path, int]:
    """Each compiled template of this template's, with the time it was last written."""
    pattern = "cookiecutter-django-service-*.cache"
    return {path: path.stat().st_mtime_ns for path in cache_directory(temp_dir).glob(pattern)}


def baked_files(output_dir: Path) -> dict[str, bytes]:
    project = output_dir / PROJECT
    return {
        str(path.relative_to(project)): path.read_bytes()
        for path in sorted(project.rglob("*"))
        if path.is_file() and path.name not in DIFFERENT_EACH_BAKE
    }


def bake_into(output_dir: Path, temp_dir: Path, template: Path = TEMPLATE_DIR) -> dict[str, bytes]:
    result = run_cookiecutter(output_dir, template=template, temp_dir=temp_dir)
    assert result.returncode == 0, result.stderr
    return baked_files(output_dir)


def test_a_second_bake_loads_every_compiled_template_and_writes_the_same_files(tmp_path):
    temp_dir = tmp_path / "tmp"
    temp_dir.mkdir()
    first = bake_into(tmp_path / "first", temp_dir)
    compiled = cached_files(temp_dir)
    template_folder = TEMPLATE_DIR / "{{cookiecutter.project_slug}}"
    template_files = [path for path in template_folder.rglob("*") if path.is_file()]
    assert len(compiled) >= len(template_files)

    second = bake_into(tmp_path / "second", temp_dir)

    # Jinja writes a template's cache file each time it compiles it: none was written again.
    assert cached_files(temp_dir) == compiled
    assert second == first


def test_a_template_file_changed_since_the_last_bake_is_compiled_again(tmp_path):
    template = tmp_path / "template"
    shutil.copytree(
        TEMPLATE_DIR,
        template,
        ignore=shutil.ignore_patterns(".git", ".venv", "node_modules", "*_cache", "__pycache__"),
    )
    temp_dir = tmp_path / "tmp"
    temp_dir.mkdir()
    bake_into(tmp_path / "before", temp_dir, template)
    readme = template / "{{cookiecutter.project_slug}}" / "README.md"
    changed = readme.read_text(encoding="utf-8") + "{{ cookiecutter.project_slug }}-changed\n"
    readme.write_text(changed, encoding="utf-8")

    after = bake_into(tmp_path / "after", temp_dir, template)

    assert after["README.md"].decode().endswith(f"\n{PROJECT}-changed\n")


def test_a_cache_directory_that_is_not_safe_to_use_leaves_the_bake_uncached(tmp_path):
    # Jinja refuses a cache directory that is not a 0700 directory of the user's own.
    temp_dir = tmp_path / "tmp"
    temp_dir.mkdir()
    cache_directory(temp_dir).write_text("not a directory", encoding="utf-8")

    baked = bake_into(tmp_path / "out", temp_dir)

    assert "README.md" in baked
    assert cache_directory(temp_dir).read_text(encoding="utf-8") == "not a directory"
