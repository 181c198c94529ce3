"""A generated service takes a newer template with cruft, as README's "Updating a service" says.

Each test makes a git repository of this template (the files git tracks, as they are on disk),
creates a service from it, commits local edits in the service (a README line, a new app), then
commits a template change (a setting, a rules document, an option-dependent CI file) and runs
`cruft update` without questions. The update must apply cleanly, keep the local edits and leave
a service whose own `make check` passes against the real servers. A last test changes an
answer at an update (`--variables-to-update`): an option turned on adds its files, off removes
them.
"""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import TEMPLATE_DIR, require_services
from tests.generated import GeneratedProject

TOOLS = Path(sys.executable).parent
SLUG = "my_service"
GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Template Tests",
    "GIT_AUTHOR_EMAIL": "template-tests@example.com",
    "GIT_COMMITTER_NAME": "Template Tests",
    "GIT_COMMITTER_EMAIL": "template-tests@example.com",
}
LOCAL_README_LINE = "Owned by the payments team; page them before a release."
# The template's change, made in the template repository after the service was created:
# (file under the project folder, text replaced, replacement).
TEMPLATE_SLUG_DIR = "{{cookiecutter.project_slug}}"
SETTING_CHANGE = (
    "config/settings/security.py",
    'X_FRAME_OPTIONS = "DENY"\n',
    'X_FRAME_OPTIONS = "DENY"\nSECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"\n',
)
RULES_CHANGE = (
    ".project-rules/backend/code-style.md",
    "Run\n`make lint typecheck` before you stop.",
    "Run\n`make lint typecheck` before you stop, and `make check` before you push.",
)
CI_CHANGES = {
    "github": (".github/workflows/ci.yml", "timeout-minutes: 20", "timeout-minutes: 25"),
    "gitlab": (".gitlab-ci.yml", "timeout: 20 minutes", "timeout: 25 minutes"),
}


def run(command: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        command,
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={**GeneratedProject(cwd, {}).environment(), **GIT_IDENTITY, **env},
    )
    assert result.returncode == 0, f"{' '.join(command)}:\n{result.stdout}{result.stderr}"
    return result


def commit_all(repository: Path, message: str) -> None:
    run(["git", "add", "--all"], repository)
    run(["git", "commit", "--quiet", "--message", message], repository)


@pytest.fixture
def template_repository(tmp_path: Path) -> Path:
    """A git repository of this template with one commit: its tracked and new files on disk."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=TEMPLATE_DIR,
        capture_output=True,
        check=True,
    ).stdout.decode()
    repository = tmp_path / "template"
    for name in filter(None, listed.split("\0")):
        source = TEMPLATE_DIR / name
        if source.is_file():  # a file deleted but not yet committed is listed too
            (repository / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, repository / name)
    run(["git", "init", "--quiet", "--initial-branch", "main"], repository)
    commit_all(repository, "The template as it is")
    return repository


def change_the_template(repository: Path, ci_tool: str) -> list[tuple[str, str, str]]:
    """Commit a change of a setting, a rules document and both CI files; return the changes."""
    changes = [SETTING_CHANGE, RULES_CHANGE, *CI_CHANGES.values()]
    for name, old, new in changes:
        path = repository / TEMPLATE_SLUG_DIR / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{name} no longer holds {old!r}: update this test"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    commit_all(repository, "A setting, a rule and the CI timeout change")
    # Only the CI file of the service's own option exists in the service.
    return [SETTING_CHANGE, RULES_CHANGE, CI_CHANGES[ci_tool]]


def make_local_edits(service: Path) -> None:
    """What a team does with its service: a README line and a new app, committed."""
    readme = service / "README.md"
    title, rest = readme.read_text(encoding="utf-8").split("\n", 1)
    readme.write_text(f"{title}\n\n{LOCAL_README_LINE}\n{rest}", encoding="utf-8")
    run(["uv", "run", "python", "manage.py", "startapp", "notes", "--model", "Note"], service)
    settings = service / "config/settings/apps.py"
    text = settings.read_text(encoding="utf-8")
    users_app = f'    "{SLUG}.users",\n'
    settings.write_text(
        text.replace(users_app, f'{users_app}    "{SLUG}.notes",\n', 1), encoding="utf-8"
    )
    run(["uv", "run", "python", "manage.py", "makemigrations", "notes"], service)
    commit_all(service, "Our README line and the notes app")


def start_git_history(service: Path) -> None:
    # The README's install command; it writes uv.lock, committed as the README says.
    run(["uv", "sync", "--quiet", "--compile-bytecode"], service)
    run(["git", "init", "--quiet", "--initial-branch", "main"], service)
    commit_all(service, "Generated from the template")


def update_and_check(service: Path, template: Path, ci_tool: str, database_key: str) -> None:
    dot_env = (service / ".env").read_bytes()
    project = GeneratedProject(service, {"updated_by": database_key, "ci_tool": ci_tool})
    assert project.run("make template-check", check=False).returncode == 0, "drift before change"
    changes = change_the_template(template, ci_tool)
    behind = project.run("make template-check", check=False)
    assert behind.returncode != 0, "make template-check missed a newer template commit"
    assert "out of date" in behind.stdout + behind.stderr

    run([str(TOOLS / "cruft"), "update", "--skip-apply-ask", "--allow-untracked-files"], service)
    project.run("make template-check")

    rejected = [str(path) for path in service.rglob("*.rej") if ".venv" not in path.parts]
    assert rejected == [], "hunks were rejected"
    for name, _old, new in changes:
        assert new in (service / name).read_text(encoding="utf-8"), f"{name} was not updated"
    other_ci = ".gitlab-ci.yml" if ci_tool == "github" else ".github/workflows"
    assert not (service / other_ci).exists(), "the update brought back a disabled option's file"
    assert (service / ".env").read_bytes() == dot_env, ".env was touched"
    assert LOCAL_README_LINE in (service / "README.md").read_text(encoding="utf-8")
    assert (service / SLUG / "notes/models.py").is_file()
    settings = (service / "config/settings/apps.py").read_text(encoding="utf-8")
    assert f'"{SLUG}.notes",' in settings
    state = json.loads((service / ".cruft.json").read_text(encoding="utf-8"))
    head = run(["git", "rev-parse", "HEAD"], template).stdout.strip()
    assert state["commit"] == head, ".cruft.json does not record the template's new commit"

    # The updated service passes every check and its whole suite against the real servers. Its
    # database name is keyed apart from the other tests' bakes of the same answers.
    project.create_database()
    try:
        project.run("make check", timeout=1800)
    finally:
        project.drop_databases()


def test_a_service_created_with_cruft_takes_a_template_update(template_repository, tmp_path):
    require_services("mysql", "redis")
    run(
        [str(TOOLS / "cruft"), "create", str(template_repository), "--no-input"],
        tmp_path,
    )
    service = tmp_path / SLUG
    start_git_history(service)
    make_local_edits(service)

    update_and_check(service, template_repository, "github", "cruft create")


def test_a_service_made_with_cookiecutter_is_linked_and_takes_a_template_update(
    template_repository, tmp_path
):
    require_services("mysql", "redis")
    answers = {"ci_tool": "gitlab"}
    run(
        [
            str(TOOLS / "cookiecutter"),
            "--no-input",
            str(template_repository),
            *(f"{key}={value}" for key, value in answers.items()),
        ],
        tmp_path,
    )
    service = tmp_path / SLUG
    start_git_history(service)
    # As README's "Updating a service" says: link, with the answers given at the bake.
    run(
        [
            str(TOOLS / "cruft"),
            "link",
            str(template_repository),
            "--no-input",
            "--extra-context",
            json.dumps(answers),
        ],
        service,
    )
    commit_all(service, "Linked to the template with cruft")
    make_local_edits(service)

    update_and_check(service, template_repository, "gitlab", "cruft link")


def test_an_answer_changed_at_an_update_adds_and_then_removes_the_options_files(
    template_repository, tmp_path
):
    run([str(TOOLS / "cruft"), "create", str(template_repository), "--no-input"], tmp_path)
    service = tmp_path / SLUG
    run(["git", "init", "--quiet", "--initial-branch", "main"], service)
    commit_all(service, "Generated from the template")
    sentry_test = service / "tests/test_sentry.py"
    assert not sentry_test.exists()

    for answer, present in (("yes", True), ("no", False)):
        run(
            [
                str(TOOLS / "cruft"),
                "update",
                "--skip-apply-ask",
                "--variables-to-update",
                json.dumps({"use_sentry": answer}),
            ],
            service,
        )
        assert list(service.rglob("*.rej")) == []
        assert sentry_test.exists() == present
        pyproject = (service / "pyproject.toml").read_text(encoding="utf-8")
        assert ("sentry-sdk" in pyproject) == present
        state = json.loads((service / ".cruft.json").read_text(encoding="utf-8"))
        assert state["context"]["cookiecutter"]["use_sentry"] == answer
        commit_all(service, f"use_sentry={answer}")
