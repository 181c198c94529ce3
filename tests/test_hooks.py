"""The hooks: bad answers stop the bake before anything is written; good ones get a .env."""

import ast
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from tests.answers import AWKWARD_TEXT, REFUSED
from tests.conftest import TEMPLATE_DIR, run_cookiecutter

# (answers given, the answer the message must name). Each is refused before anything is written.
BAD_ANSWERS = [
    *(
        ([f"{name}={answer}" for name, answer in answers.items()], f"{option}={answers[option]!r}")
        for answers, option in REFUSED
    ),
    # A value outside a question's choices: cookiecutter itself refuses it, naming the choices.
    (["api_auth=oauth"], "oauth provided for choice variable api_auth"),
    (["ci_tool=jenkins"], "jenkins provided for choice variable ci_tool"),
]


@pytest.mark.parametrize(("answers", "named"), BAD_ANSWERS, ids=[a[1][:40] for a in BAD_ANSWERS])
def test_a_bad_answer_is_refused_by_name_and_nothing_is_written(tmp_path, answers, named):
    result = run_cookiecutter(tmp_path, *answers)

    assert result.returncode != 0
    assert named in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_our_own_refusals_are_one_line_that_says_what_is_allowed(tmp_path):
    result = run_cookiecutter(tmp_path, "use_celery=no", "use_celery_beat=yes")

    [message] = [line for line in result.stderr.splitlines() if line.startswith("ERROR:")]
    assert message == (
        "ERROR: Invalid answer use_celery_beat='yes': expected no when use_celery=no, since beat "
        "sends Celery tasks (answer use_celery_beat=no, or use_celery=yes)."
    )


def test_without_celery_beat_follows_and_the_bake_succeeds(tmp_path):
    result = run_cookiecutter(tmp_path, "use_celery=no")

    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "my_service" / "config" / "celery.py").exists()


def test_interactive_baking_asks_the_human_readable_questions(tmp_path):
    result = subprocess.run(
        [
            *(sys.executable, "-m", "cookiecutter", "--default-config"),
            *("--output-dir", str(tmp_path), str(TEMPLATE_DIR)),
        ],
        input="\n" * 40,  # accept every default
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr
    for question in (
        "Service name (human readable)",
        "How do API clients authenticate?",
        "JWT: access + refresh tokens, rotation and logout via blacklist",
        "Background tasks with Celery?",
        "Pointer files for AI coding agents",
    ):
        assert question in " ".join(result.stdout.split()), question
    assert (tmp_path / "my_service").is_dir()


def test_a_good_project_slug_names_the_folder_and_the_package(tmp_path):
    result = run_cookiecutter(tmp_path, "project_slug=billing_api")

    assert result.returncode == 0, result.stderr
    assert (tmp_path / "billing_api" / "billing_api" / "users" / "models.py").is_file()


def test_any_printable_text_lands_verbatim_in_every_kind_of_file(bake):
    project = bake(**AWKWARD_TEXT)
    [spectacular] = [
        node.value
        for node in ast.parse((project.path / "config/settings/api.py").read_text()).body
        if isinstance(node, ast.AnnAssign) and ast.unparse(node.target) == "SPECTACULAR_SETTINGS"
    ]
    settings = {
        ast.literal_eval(key): ast.literal_eval(value)
        for key, value in zip(spectacular.keys, spectacular.values, strict=True)
        if ast.literal_eval(key) in {"TITLE", "DESCRIPTION"}
    }
    metadata = tomllib.loads((project.path / "pyproject.toml").read_text())["project"]
    schema = yaml.safe_load((project.path / "openapi.yaml").read_text())["info"]
    readme = (project.path / "README.md").read_text().splitlines()

    assert project.slug == "cafe_unicode_service"  # transliterated, not refused
    assert settings["TITLE"] == schema["title"] == AWKWARD_TEXT["project_name"]
    assert settings["DESCRIPTION"] == schema["description"] == AWKWARD_TEXT["description"]
    assert metadata["description"] == AWKWARD_TEXT["description"]
    assert metadata["authors"][0]["name"] == AWKWARD_TEXT["author_name"]
    assert readme[:3] == [f"# {AWKWARD_TEXT['project_name']}", "", AWKWARD_TEXT["description"]]


def test_cli_bake_with_defaults_creates_my_service_and_prints_next_steps(tmp_path):
    result = run_cookiecutter(tmp_path)

    assert result.returncode == 0, result.stderr
    assert [path.name for path in tmp_path.iterdir()] == ["my_service"]
    assert "uv sync" in result.stdout
    assert "uv run pytest" in result.stdout


def env_value(env_file: Path, name: str) -> str:
    match = re.search(rf"^{name}=(.*)$", env_file.read_text(), re.MULTILINE)
    assert match, f"no {name} line in {env_file}"
    return match.group(1)


def test_post_gen_writes_a_private_dot_env_with_fresh_strong_secrets(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    all_on = ("use_flower=yes", "use_prometheus=yes", "celery_broker=rabbitmq")
    for output_dir in (first, second):
        assert run_cookiecutter(output_dir, *all_on).returncode == 0
    dot_envs = [output_dir / "my_service" / ".env" for output_dir in (first, second)]
    example = first / "my_service" / ".env.example"

    for name in ("DJANGO_SECRET_KEY", "MYSQL_PASSWORD", "MYSQL_ROOT_PASSWORD", "RABBITMQ_PASSWORD"):
        fresh = [env_value(dot_env, name) for dot_env in dot_envs]
        assert fresh[0] != fresh[1], name
        # Safe unquoted in a .env file and a shell: no quotes, spaces, $, # or backslashes.
        assert all(re.fullmatch(r"[A-Za-z0-9_-]{32,}", secret) for secret in fresh), name
        assert env_value(example, name).startswith("change-me"), name
    assert len(env_value(dot_envs[0], "DJANGO_SECRET_KEY")) >= 50
    assert env_value(dot_envs[0], "FLOWER_BASIC_AUTH").startswith("admin:")
    assert env_value(dot_envs[0], "METRICS_TOKEN") != env_value(example, "METRICS_TOKEN")
    assert dot_envs[0].stat().st_mode & 0o077 == 0


def test_dot_env_is_git_ignored(bake):
    project = bake()

    assert ".env" in (project.path / ".gitignore").read_text().splitlines()
