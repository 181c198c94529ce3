"""The hooks' functions, imported and called directly: no bake, no cookiecutter run.

The pre-generation hook's validation gets the answers cookiecutter would hand it (defaults and
computed defaults rendered by cookiecutter's own functions); the post-generation hook's removal
works on a copy of the template's project folder laid out as a bake (folders named after the
slug, nothing rendered).
"""

import itertools
import re
import shutil
from pathlib import Path

import pytest
from cookiecutter.generate import generate_context
from cookiecutter.prompt import prompt_for_config

from tests.answers import (
    ALL_OFF,
    ALL_ON,
    AWKWARD_TEXT,
    DEFAULT,
    OPTIONS,
    PAIRWISE,
    PRE_GEN,
    REFUSED,
    TEMPLATE_DIR,
    TEXT_VARIANTS,
    WITHOUT_CELERY,
    hook,
    is_possible,
    value,
)

POST_GEN = hook("post_gen_project")
TEMPLATE_PROJECT = TEMPLATE_DIR / "{{cookiecutter.project_slug}}"
SLUG_IN_TEMPLATE = "{{cookiecutter.project_slug}}"


def hook_answers(**answers: str) -> dict[str, str]:
    """What cookiecutter hands the hooks for these answers given with --no-input."""
    context = generate_context(str(TEMPLATE_DIR / "cookiecutter.json"), extra_context=answers)
    return dict(prompt_for_config(context, no_input=True))


# Answers at the edges of what is allowed, and every named and pairwise bake.
ACCEPTED = [
    DEFAULT,
    ALL_ON,
    ALL_OFF,
    WITHOUT_CELERY,
    *TEXT_VARIANTS,
    *PAIRWISE,
    {"project_slug": "a" * 40, "project_name": "x" * 200, "description": "'\"{}\\&<>"},
    {"timezone": "Europe/Berlin", "version": "1!2.0rc3.post1.dev4", "domain_name": "a.b.co"},
    {"author_email": "ann.lee+tag@mail.example.org", "project_slug": "s3rvice_2"},
    {"use_celery": "no", "use_docker": "no", "use_flower": "no", "use_kubernetes": "no"},
]


@pytest.mark.parametrize(("answers", "named"), REFUSED, ids=[repr(a)[:50] for a, _ in REFUSED])
def test_a_bad_answer_is_refused_naming_it(answers, named):
    problem = PRE_GEN.first_broken_rule(hook_answers(**answers))

    assert problem is not None
    assert problem.startswith(f"Invalid answer {named}=")


def test_every_rule_refuses_some_answer_and_only_its_own():
    refused_by: dict[int, set[str]] = {number: set() for number in range(len(PRE_GEN.RULES))}
    for answers, named in REFUSED:
        given = hook_answers(**answers)
        for number, (_, check, _) in enumerate(PRE_GEN.RULES):
            if not check(given):
                refused_by[number].add(named)

    assert {number: names for number, names in refused_by.items() if not names} == {}, (
        "rules no refused answer breaks"
    )
    assert all(names == {PRE_GEN.RULES[number][0]} for number, names in refused_by.items()), (
        refused_by
    )


@pytest.mark.parametrize("answers", ACCEPTED, ids=[repr(a)[:50] for a in ACCEPTED])
def test_good_answers_pass(answers):
    assert PRE_GEN.first_broken_rule(hook_answers(**answers)) is None


def test_main_prints_one_line_naming_the_answer_and_exits_1(capsys):
    bad = PRE_GEN.main(hook_answers(use_docker="no", use_kubernetes="yes"))
    bad_output = capsys.readouterr()
    good = PRE_GEN.main(hook_answers())

    assert bad == 1
    assert bad_output.out == ""
    assert bad_output.err == (
        "ERROR: Invalid answer use_kubernetes='yes': expected no when use_docker=no, since the "
        "manifests run the Docker image (answer use_kubernetes=no, or use_docker=yes).\n"
    )
    assert good == 0
    assert capsys.readouterr().err == ""


def test_the_requirements_name_choices_that_exist():
    for option, answer, needed, needed_answer, _ in PRE_GEN.REQUIREMENTS:
        assert answer in OPTIONS[option], (option, answer)
        assert needed_answer in OPTIONS[needed], (needed, needed_answer)


def test_answers_py_agrees_with_cookiecutter_and_the_hook_on_every_pair_of_choices():
    """tests/answers.py's defaults and is_possible, for any two answers, are what cookiecutter
    renders and what the hook accepts."""
    for first, second in itertools.combinations(OPTIONS, 2):
        for pair in itertools.product(OPTIONS[first], OPTIONS[second]):
            answers = dict(zip((first, second), pair, strict=True))
            given = hook_answers(**answers)
            assert {option: value(answers, option) for option in OPTIONS} == {
                option: given[option] for option in OPTIONS
            }, answers
            assert is_possible(answers) == (PRE_GEN.first_broken_rule(given) is None), answers


# The post-generation hook, on a copy of the template's project folder laid out as a bake.


def lay_out_bake(root: Path, slug: str) -> Path:
    """The template's project folder with its folders named after the slug, unrendered."""
    project = root / slug
    shutil.copytree(
        TEMPLATE_PROJECT, project, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
    )
    (project / SLUG_IN_TEMPLATE).rename(project / slug)
    return project


def files_in(project: Path) -> set[str]:
    return {path.relative_to(project).as_posix() for path in project.rglob("*") if path.is_file()}


def removed_by_table(answers: dict[str, str]) -> set[str]:
    """The paths REMOVALS names for these answers, read off the table row by row."""
    return {
        path.format(slug=answers["project_slug"])
        for option, answer, paths in POST_GEN.REMOVALS
        if answers[option] == answer
        for path in paths
    }


def is_under(file: str, paths: set[str]) -> bool:
    return any(file == path or file.startswith(f"{path}/") for path in paths)


REMOVAL_ROWS = sorted({(option, answer) for option, answer, _ in POST_GEN.REMOVALS})


@pytest.mark.parametrize(
    "path", sorted({path for _, _, paths in POST_GEN.REMOVALS for path in paths})
)
def test_every_path_the_table_removes_is_in_the_template(path):
    assert (TEMPLATE_PROJECT / path.format(slug=SLUG_IN_TEMPLATE)).exists()


@pytest.mark.parametrize(
    ("option", "answer"), REMOVAL_ROWS, ids=[f"{o}={a}" for o, a in REMOVAL_ROWS]
)
def test_an_option_off_removes_its_files_and_nothing_else(tmp_path, option, answer):
    answers = hook_answers(**{option: answer}, project_slug="billing_api")
    project = lay_out_bake(tmp_path, "billing_api")
    before = files_in(project)
    removed = removed_by_table(answers)

    POST_GEN.remove_disabled_options(answers, project)

    after = files_in(project)
    assert not any((project / path).exists() for path in removed)
    assert before - after == {file for file in before if is_under(file, removed)}
    assert after  # the project folder itself stays


def test_every_option_on_keeps_every_file_but_the_other_ci_hosts(tmp_path):
    answers = hook_answers(**ALL_ON)
    project = lay_out_bake(tmp_path, answers["project_slug"])
    before = files_in(project)

    POST_GEN.remove_disabled_options(answers, project)

    assert before - files_in(project) == {".gitlab-ci.yml", "renovate.json"}


def test_celery_off_removes_the_worker_beat_and_celery_rules_and_keeps_the_settings(tmp_path):
    answers = hook_answers(use_celery="no")
    project = lay_out_bake(tmp_path, "my_service")

    POST_GEN.remove_disabled_options(answers, project)

    for gone in (
        "config/celery.py",
        "my_service/ledger/tasks.py",
        "my_service/common/management/commands/setup_periodic_tasks.py",
        ".project-rules/backend/celery-tasks.md",
    ):
        assert not (project / gone).exists(), gone
    for kept in ("config/settings/base.py", "my_service/ledger/models.py", "README.md"):
        assert (project / kept).is_file(), kept


def test_a_folder_left_empty_is_removed_and_one_still_used_is_kept(tmp_path):
    bare = lay_out_bake(tmp_path / "bare", "my_service")
    with_agents = lay_out_bake(tmp_path / "agents", "my_service")

    POST_GEN.remove_disabled_options(hook_answers(ci_tool="none", agent_files="none"), bare)
    POST_GEN.remove_disabled_options(hook_answers(ci_tool="none"), with_agents)

    assert not (bare / ".github").exists()
    assert not (bare / "deploy").exists()
    assert (with_agents / ".github" / "copilot-instructions.md").is_file()
    assert not (with_agents / ".github" / "workflows").exists()


def test_write_dot_env_fills_the_secrets_and_keeps_the_rest(tmp_path):
    (tmp_path / ".env.example").write_text(
        "# a comment\nDJANGO_SECRET_KEY=change-me\nFLOWER_BASIC_AUTH=change-me\nDJANGO_DEBUG=0\n",
        encoding="utf-8",
    )

    POST_GEN.write_dot_env(tmp_path)

    lines = (tmp_path / ".env").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# a comment"
    assert re.fullmatch(r"DJANGO_SECRET_KEY=[A-Za-z0-9_-]{64}", lines[1])
    assert re.fullmatch(r"FLOWER_BASIC_AUTH=admin:[A-Za-z0-9_-]{24}", lines[2])
    assert lines[3] == "DJANGO_DEBUG=0"
    assert (tmp_path / ".env").stat().st_mode & 0o777 == 0o600


def test_the_next_steps_name_the_project_folder(capsys):
    POST_GEN.print_next_steps(hook_answers(**AWKWARD_TEXT))

    assert "  cd cafe_unicode_service\n" in capsys.readouterr().out
