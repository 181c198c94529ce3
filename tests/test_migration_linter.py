"""An unsafe migration planted in a bake makes its `make migrations` (part of `make check`) fail,
naming the rule it breaks; the project's own migrations pass."""

import pytest

from tests.answers import DEFAULT
from tests.generated import GeneratedProject

# (what the migration does, the operation, the rule django-migration-linter names)
UNSAFE_MIGRATIONS = [
    ("drop a column", 'migrations.RemoveField("account", "name")', "DROPPING columns"),
    (
        "add a NOT NULL column without a default",
        'migrations.AddField("account", "code", models.CharField(max_length=10))',
        "NOT NULL constraint on columns",
    ),
    ("rename a column", 'migrations.RenameField("account", "name", "title")', "RENAMING columns"),
]
MIGRATION = """from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("ledger", "{latest}")]
    operations = [{operation}]
"""


@pytest.fixture(scope="module")
def project(installed) -> GeneratedProject:
    return installed(**DEFAULT)


def test_the_projects_own_migrations_pass_the_linter(project: GeneratedProject) -> None:
    project.run("make migrations")


@pytest.mark.parametrize(
    ("operation", "rule"),
    [(operation, rule) for _name, operation, rule in UNSAFE_MIGRATIONS],
    ids=[name for name, _operation, _rule in UNSAFE_MIGRATIONS],
)
def test_an_unsafe_migration_fails_make_migrations_naming_the_rule(
    project: GeneratedProject, operation: str, rule: str
) -> None:
    migrations = project.path / project.slug / "ledger" / "migrations"
    latest = sorted(path.stem for path in migrations.glob("0*.py"))[-1]
    planted = migrations / "9999_planted_unsafe_change.py"
    planted.write_text(MIGRATION.format(latest=latest, operation=operation), encoding="utf-8")
    try:
        result = project.run("make migrations", check=False)
    finally:
        planted.unlink()
    assert result.returncode != 0, result.stdout
    assert rule in result.stdout + result.stderr, result.stdout + result.stderr
