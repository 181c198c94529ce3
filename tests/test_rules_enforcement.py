"""The generated project keeps its own rules: the checks pass on a fresh bake, and fail naming the
rule when a copy of the bake breaks one; the rule documents stay short and route common tasks.
"""

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.answers import ALL_OFF, DEFAULT, FULL_SUITE_BAKES, value
from tests.generated import GeneratedProject, make_check_targets

# The bakes whose documents are read and whose route is walked: every agent file and beat
# (agent_files=all), AGENTS.md only without beat, and neither.
READ_BAKES = {
    "default": DEFAULT,
    "all-off": ALL_OFF,
    "agents-md-without-beat": {"agent_files": "agents_md", "use_celery_beat": "no"},
}
RULES = Path(".project-rules/backend")
MAX_RULE_DOCUMENT_LINES = 199
MAX_AGENTS_MD_LINES = 119
# Tasks an engineer must find in the routing table, with the one document each row names.
ROUTED_TASKS = {
    "add an endpoint": "api-design.md",
    "add a model field": "database.md",
    "change a setting": "configuration.md",
}
PERIODIC_TASK_ROUTE = {"add a periodic task": "celery-tasks.md"}
ROUTING_TABLE_HEADER = "| Before you"
LINK = re.compile(r"\[[^\]]*\]\(([^)]+)\)")
MAKE_COMMAND = re.compile(r"`make ([a-z ]+)`")


@pytest.fixture(scope="module")
def default_project(installed) -> GeneratedProject:
    return installed(**DEFAULT)


def copy_of(project: GeneratedProject, folder: Path) -> GeneratedProject:
    """A copy of an installed bake, sharing its environment, to break a rule in."""
    copy = folder / project.slug
    shutil.copytree(project.path, copy, ignore=shutil.ignore_patterns(".venv", "__pycache__"))
    (copy / ".venv").symlink_to(project.path / ".venv")
    return GeneratedProject(path=copy, answers=project.answers)


def append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as file:
        file.write(text)


def first_rule_of(document: Path) -> str:
    """The first rule bullet of a rule document, with its continuation lines."""
    match = re.search(r"^- .+?(?=\n(?!  ))", document.read_text(encoding="utf-8"), re.M | re.S)
    assert match, f"{document} states no rule"
    return match.group(0)


# --- A broken rule fails its check, which names the rule --------------------------------------


def import_rest_framework_in_a_service(project: GeneratedProject) -> None:
    append(project.path / project.slug / "users" / "services.py", "import rest_framework\n")


def import_the_views_in_a_selector(project: GeneratedProject) -> None:
    append(project.path / project.slug / "users" / "selectors.py", "from . import apis\n")


def add_a_rule_document_the_index_does_not_link(project: GeneratedProject) -> None:
    orphan = project.path / RULES / "deployment.md"
    orphan.write_text("# Deployment\n\n- Deploy on Mondays. Enforced by: review.\n")


def link_a_document_that_does_not_exist(project: GeneratedProject) -> None:
    append(project.path / RULES / "architecture.md", "\nTerms: [glossary](glossary.md).\n")


def copy_a_rule_into_agents_md(project: GeneratedProject) -> None:
    rule = first_rule_of(project.path / RULES / "api-design.md")
    append(project.path / "AGENTS.md", f"\n## Reminders\n\n{rule}\n")


BROKEN_RULES: dict[str, tuple[Callable[[GeneratedProject], None], str, list[str]]] = {
    # case: (how the copy breaks a rule, the make target that must fail, what its output names)
    "service-imports-rest-framework": (
        import_rest_framework_in_a_service,
        "architecture",
        [
            "Models, services and selectors import no rest_framework BROKEN",
            "{slug}.users.services is not allowed to import rest_framework",
        ],
    ),
    "selector-imports-apis": (
        import_the_views_in_a_selector,
        "architecture",
        [
            "Each app imports only down its layers BROKEN",
            "{slug}.users.selectors is not allowed to import {slug}.users.apis",
        ],
    ),
    "orphaned-rule-document": (
        add_a_rule_document_the_index_does_not_link,
        "rules",
        ["index.md links every rule document", ".project-rules/backend/deployment.md"],
    ),
    "link-to-a-missing-document": (
        link_a_document_that_does_not_exist,
        "rules",
        [
            "every relative link resolves",
            ".project-rules/backend/architecture.md",
            "glossary.md does not exist",
        ],
    ),
    "pointer-file-copies-a-rule": (
        copy_a_rule_into_agents_md,
        "rules",
        ["pointer files repeat no rule", "AGENTS.md", "repeats the rule of"],
    ),
}


@pytest.mark.parametrize("case", list(BROKEN_RULES))
def test_a_broken_rule_fails_its_check_naming_the_rule(default_project, tmp_path, case):
    break_rule, target, expected = BROKEN_RULES[case]
    project = copy_of(default_project, tmp_path)
    break_rule(project)

    result = project.run(f"make {target}", check=False)

    output = " ".join((result.stdout + result.stderr).split())  # lint-imports wraps lines
    assert result.returncode != 0, f"`make {target}` passed with the rule broken: {output}"
    for text in expected:
        assert text.format(slug=project.slug) in output, output[-6000:]


# --- The documents stay short and route every common task -------------------------------------


@pytest.mark.parametrize("answers", list(READ_BAKES.values()), ids=list(READ_BAKES))
def test_rule_documents_and_agents_md_stay_short(bake, answers):
    project = bake(**answers)
    files = [*sorted((project.path / RULES).glob("*.md")), project.path / "AGENTS.md"]
    limits = {project.path / "AGENTS.md": MAX_AGENTS_MD_LINES}

    too_long = [
        f"{path.name}: {count} lines"
        for path in files
        if path.is_file()
        and (count := len(path.read_text(encoding="utf-8").splitlines()))
        > limits.get(path, MAX_RULE_DOCUMENT_LINES)
    ]

    assert too_long == []


def routing_table(path: Path) -> dict[str, tuple[list[str], str]]:
    """task -> (the files its row links, relative to the project, and its command)."""
    rows, in_table = {}, False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(ROUTING_TABLE_HEADER):
            in_table = True
        elif in_table and line.startswith("|") and not set(line) <= set("|-: "):
            task, read, run = (cell.strip() for cell in line.strip("|").split("|"))
            rows[task.lower()] = ([(path.parent / link).name for link in LINK.findall(read)], run)
        elif in_table and not line.startswith("|"):
            break
    return rows


@pytest.mark.parametrize("answers", list(READ_BAKES.values()), ids=list(READ_BAKES))
def test_agents_md_and_the_index_name_one_document_and_a_command_per_task(bake, answers):
    project = bake(**answers)
    expected = dict(ROUTED_TASKS)
    if value(answers, "use_celery_beat") == "yes":
        expected |= PERIODIC_TASK_ROUTE
    readers = [project.path / RULES / "index.md"]
    if value(answers, "agent_files") != "none":
        readers.append(project.path / "AGENTS.md")
    makefile = (project.path / "Makefile").read_text(encoding="utf-8")

    for reader in readers:
        table = routing_table(reader)
        for task, document in expected.items():
            rows = [row for name, row in table.items() if name.startswith(task)]
            assert len(rows) == 1, f"{reader.name}: expected one row for {task!r} in {table}"
            [(documents, command)] = rows
            assert documents == [document], f"{reader.name}: {task!r} routes to {documents}"
            assert (project.path / RULES / document).is_file()
            targets = MAKE_COMMAND.fullmatch(command)
            assert targets, f"{reader.name}: {task!r} names no make command: {command!r}"
            for target in targets.group(1).split():
                assert re.search(rf"^{target}:", makefile, re.M), f"no make target {target}"
        if "add a periodic task" not in expected:
            assert not any(name.startswith("add a periodic task") for name in table), reader.name


@pytest.mark.parametrize("answers", list(READ_BAKES.values()), ids=list(READ_BAKES))
def test_the_agents_route_leads_to_documents_and_checks_that_pass(installed, answers):
    """Walk the route the agent files give, as an agent would on a fresh bake: the index's
    table names documents that exist and make targets that `make check` runs, and it passes."""
    project = installed(**answers)
    check_targets = set(make_check_targets(project))
    table = routing_table(project.path / RULES / "index.md")

    assert table, "index.md has no routing table"
    for task, (documents, command) in table.items():
        missing = [name for name in documents if not (project.path / RULES / name).is_file()]
        assert documents, f"{task!r} names no document"
        assert missing == [], f"{task!r} routes to documents that do not exist: {missing}"
        targets = MAKE_COMMAND.fullmatch(command)
        assert targets, f"{task!r} names no make command: {command!r}"
        assert set(targets.group(1).split()) <= check_targets, f"{task!r}: {command} not in check"
    if answers not in FULL_SUITE_BAKES.values():
        # The full-suite bakes run every target of `make check` in test_generated_project.py.
        project.run("make check")


# --- manage.py startapp -----------------------------------------------------------------------


def test_startapp_creates_an_app_that_passes_the_checks_and_its_own_tests(
    default_project, tmp_path
):
    project = copy_of(default_project, tmp_path)
    app = f"{project.slug}/invoices"

    project.run("uv run python manage.py startapp invoices --model Invoice")
    project.run(f"uv run ruff check {app} && uv run ruff format --check {app}")
    project.run("uv run lint-imports")
    settings = project.path / "config" / "settings" / "apps.py"
    users_app = f'    "{project.slug}.users",\n'
    assert users_app in settings.read_text(encoding="utf-8")
    settings.write_text(
        settings.read_text(encoding="utf-8").replace(
            users_app, f'{users_app}    "{project.slug}.invoices",\n'
        ),
        encoding="utf-8",
    )
    project.run("uv run python manage.py makemigrations invoices")
    project.run(f"uv run mypy {app}")
    result = project.run(f"uv run pytest {app} --no-cov")

    assert "2 passed" in result.stdout
    project.run("make architecture rules migrations")
