"""The default bake installs, passes its own tests and Django's checks against real services."""

import pytest

VALID_PRODUCTION_ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_SECRET_KEY": "p9X-" + "Lq3vZ8rT_w2NcY6hJ0kB4mF7sD1gH5aQ" * 2,
    "DJANGO_ALLOWED_HOSTS": "api.example.com",
    "DJANGO_DEBUG": "false",
}


@pytest.fixture(scope="module")
def project(installed):
    return installed()


def test_readme_test_command_passes(project):
    command = project.readme_command("test-command")

    result = project.run(command)

    assert " passed" in result.stdout
    assert "Required test coverage of 90" in result.stdout


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
