"""Baked projects install, pass their own tests and checks against the real services.

The default, all-on (RabbitMQ, Flower, Sentry, Prometheus) and all-off bakes, and one without
Celery but with the example app, so its tasks' synchronous path runs too.
"""

import pytest

from tests.answers import FULL_SUITE_BAKES
from tests.generated import make_check_targets

VALID_PRODUCTION_ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_SECRET_KEY": "p9X-" + "Lq3vZ8rT_w2NcY6hJ0kB4mF7sD1gH5aQ" * 2,
    "DJANGO_ALLOWED_HOSTS": "api.example.com",
    "DJANGO_DEBUG": "false",
    "MEDIA_SINGLE_HOST": "true",
}


@pytest.fixture(scope="module", params=list(FULL_SUITE_BAKES), ids=list(FULL_SUITE_BAKES))
def project(request, installed):
    return installed(**FULL_SUITE_BAKES[request.param])


def test_readme_test_command_passes_with_the_coverage_gate(project):
    result = project.run(project.readme_command("test-command"))

    assert " passed" in result.stdout
    assert " failed" not in result.stdout
    assert "Required test coverage of 90.0% reached" in result.stdout


def test_django_system_checks_pass(project):
    result = project.run("uv run python manage.py check --database default")

    assert "mysql.W002" not in result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_migrations_match_the_models(project):
    project.run("uv run python manage.py makemigrations --check --dry-run")


def test_production_deploy_checks_have_zero_findings(project):
    result = project.run(
        "uv run python manage.py check --deploy --fail-level WARNING",
        **VALID_PRODUCTION_ENVIRONMENT,
    )

    assert "System check identified no issues (0 silenced)." in result.stdout


def test_readme_deploy_check_runs_as_written_with_the_dot_env_of_the_bake(project):
    # .env holds the answered domain_name as the production host, and a fresh secret key.
    result = project.run(project.readme_command("deploy-check-command"))

    assert "System check identified no issues (0 silenced)." in result.stdout


def test_every_check_of_make_check_passes(project):
    # `make check` without its test target, which the first test ran already.
    targets = [target for target in make_check_targets(project) if target != "test"]
    project.run(f"make {' '.join(targets)}")
