"""Every bake of the pairwise set (plus all-on and all-off), checked file by file.

Each bake: no template text left; ruff clean; every TOML, YAML and JSON file parses; Django's
checks and `makemigrations --check` pass; the committed API schema is the one the code makes;
and no file mentions the packages or modules of an option that is off.
"""

import json
import re
import subprocess
import sys
import tomllib
from itertools import combinations

import pytest
import yaml

from tests.answers import (
    ALL_ON,
    OPTIONS,
    PAIRWISE,
    STATIC_BAKES,
    is_possible,
    possible_pairs,
    value,
)
from tests.generated import files_with_template_leftovers, generated_files, lines_matching

# (option, answer) -> what no generated file may mention when the option has that answer.
ABSENT_WHEN = {
    ("use_celery", "no"): r"celery|kombu|flower|broker|enqueue_on_commit|task_names",
    ("use_celery_beat", "no"): r"celery_beat|celery-beat|periodic|\bbeat\b",
    ("use_flower", "no"): r"flower",
    ("celery_broker", "redis"): r"rabbitmq|amqp",
    ("include_example_app", "no"): r"ledger",
    ("api_auth", "jwt"): r"authtoken|TokenAuthentication",
    ("api_auth", "token"): r"simplejwt|\bjwt\b|JWTAuthentication",
    ("use_docker", "no"): r"docker|compose\.yaml",
    ("use_kubernetes", "no"): r"kubernetes|kubectl|kustomiz|deploy/",
    ("ci_tool", "github"): r"gitlab|renovate",
    ("ci_tool", "gitlab"): r"github actions|\.github/workflows|dependabot",
    ("ci_tool", "none"): r"gitlab|github actions|\.github/workflows|dependabot|renovate",
    ("use_sentry", "no"): r"sentry",
    ("use_prometheus", "no"): r"prometheus|/metrics|METRICS_TOKEN",
    ("use_opentelemetry", "no"): (
        r"opentelemetry|\bOTEL_|otlp|traceparent|trace_id|span_id|tracing\.py"
    ),
    ("agent_files", "none"): r"AGENTS\.md|CLAUDE\.md|copilot|\.cursor/|\.mdc\b|backend-developer",
    ("agent_files", "agents_md"): r"CLAUDE\.md|copilot|\.cursor/|\.mdc\b|backend-developer",
}
PARSERS = {
    ".toml": lambda text: tomllib.loads(text),
    # Kubernetes manifests hold several documents a file.
    ".yaml": lambda text: list(yaml.safe_load_all(text)),
    ".yml": lambda text: list(yaml.safe_load_all(text)),
    ".json": lambda text: json.loads(text),
}


@pytest.fixture(scope="module", params=list(STATIC_BAKES), ids=list(STATIC_BAKES))
def project(request, bake):
    return bake(**STATIC_BAKES[request.param])


@pytest.fixture(scope="module")
def python_with_every_dependency(installed) -> str:
    """The all-on bake's interpreter: its dependencies are those of every other bake too."""
    return str(installed(**ALL_ON).path / ".venv" / "bin" / "python")


def test_the_pairwise_set_covers_every_possible_pair_of_answers():
    baked = {
        ((first, value(answers, first)), (second, value(answers, second)))
        for answers in PAIRWISE
        for first, second in combinations(OPTIONS, 2)
    }

    assert possible_pairs() - baked == set()
    assert all(is_possible(answers) for answers in PAIRWISE)


def test_no_template_text_is_left(project):
    assert files_with_template_leftovers(project.path) == []


def test_ruff_check_and_format_are_clean(project):
    for command in (["check", "."], ["format", "--check", "."]):
        result = subprocess.run(
            [sys.executable, "-m", "ruff", *command],
            cwd=project.path,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr


def test_every_toml_yaml_and_json_file_parses(project):
    for path in generated_files(project.path):
        parse = PARSERS.get(path.suffix)
        if parse:
            try:
                parse(path.read_text(encoding="utf-8"))
            except Exception as error:
                pytest.fail(f"{path.relative_to(project.path)} does not parse: {error}")


def test_nothing_mentions_an_option_that_is_off(project):
    for (option, answer), pattern in ABSENT_WHEN.items():
        if value(project.answers, option) == answer:
            found = lines_matching(project.path, pattern)
            assert found == [], f"{option}={answer}, yet files mention it:\n" + "\n".join(found)


def test_django_checks_and_migrations_pass(project, python_with_every_dependency):
    for command in ("check", "makemigrations --check --dry-run"):
        project.run(f"{python_with_every_dependency} manage.py {command}")


def test_the_committed_api_schema_is_what_the_code_generates(project, python_with_every_dependency):
    generated = project.run(
        f"{python_with_every_dependency} manage.py spectacular --api-version v1 --validate "
        "--fail-on-warn",
        DJANGO_SETTINGS_MODULE="config.settings.test",
    )

    committed = (project.path / "openapi.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(generated.stdout) == yaml.safe_load(committed)


def readme_lines_outside_code(readme: str) -> list[tuple[int, str, str]]:
    """(number, line, previous line) of each README line outside fenced code blocks."""
    lines = readme.splitlines()
    in_code = False
    outside = []
    for number, line in enumerate(lines):
        if line.lstrip().startswith("```"):
            assert re.fullmatch(r"\s*```\w*", line), f"README line {number + 1}: {line}"
            in_code = not in_code
        elif not in_code:
            outside.append((number + 1, line, lines[number - 1] if number else ""))
    return outside


def test_readme_headings_follow_a_blank_line_and_the_layout_aligns(project):
    readme = (project.path / "README.md").read_text(encoding="utf-8")

    cramped = [
        f"{number}: {line}"
        for number, line, previous in readme_lines_outside_code(readme)
        if line.startswith("#") and number > 1 and previous.strip()
    ]
    assert cramped == [], "headings without a blank line before them:\n" + "\n".join(cramped)
    layout = readme.split("## Layout", 1)[1].split("```", 2)[1].strip().split("\n\n")[0]
    # Each entry's description starts in column 20, whatever the slug's length: the package
    # folder stands on a line of its own, its apps indented below it.
    package_line = f"{project.path.name}/"
    entries = [line for line in layout.splitlines() if line != package_line]
    assert len(entries) < len(layout.splitlines()), "the layout does not name the package"
    misaligned = [line for line in entries if line[18] != " " or line[19] == " "]
    assert misaligned == [], "layout lines out of column:\n" + "\n".join(misaligned)
