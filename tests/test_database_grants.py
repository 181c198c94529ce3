"""The generated README's SQL gives the service's MySQL user exactly the databases it needs.

Run as written (as root) on the real server, for a bake whose slug is this run's own: the user
then creates and drops its test databases, one per process of the suite (`test_<slug>_gw0`,
`_gw1`) and the one `-n 0` uses, and is refused a name the grant's wildcards would let through
if its underscores were not escaped.
"""

import re
import subprocess

import pytest

from tests.conftest import require_services
from tests.generated import SERVICE_HOST, SLOT, TEST_DATABASE_SUFFIXES, mysql_client

SLUG = f"grants_tpl{SLOT}"
README_PASSWORD = re.compile(r"IDENTIFIED BY '([^']+)'")


def run_sql(statements: str, *, user: str = "root", password: str = "") -> str | None:
    """Run statements on the test server as user; return MySQL's error message, or None."""
    credentials = [f"-u{user}", *([f"-p{password}"] if password else [])]
    result = subprocess.run(
        [mysql_client(), f"-h{SERVICE_HOST}", *credentials],
        input=statements,
        capture_output=True,
        text=True,
        check=False,
    )
    return (result.stderr.strip() or "failed") if result.returncode else None


def create_and_drop(database: str, password: str) -> str | None:
    """Create and drop database as the README's user: None, or MySQL's refusal."""
    statements = f"CREATE DATABASE {database}; DROP DATABASE {database};"
    return run_sql(statements, user=SLUG, password=password)


@pytest.fixture
def readme_sql(bake) -> str:
    """The SQL of the README's database setup, which it feeds to `mysql` as a here-document."""
    require_services("mysql")
    command = bake(project_slug=SLUG).readme_command("database-setup-command")
    opening, *statements, closing = [line.strip() for line in command.splitlines()]
    assert (opening, closing) == ("mysql -u root -p <<'SQL'", "SQL"), command
    return "\n".join(statements)


def drop_what_the_readme_creates() -> None:
    run_sql(f"DROP USER IF EXISTS '{SLUG}'@'%'; DROP DATABASE IF EXISTS {SLUG};")


def test_the_readme_grants_the_test_databases_of_every_suite_process_and_no_others(readme_sql):
    password = README_PASSWORD.search(readme_sql).group(1)
    drop_what_the_readme_creates()  # a crashed run's leftovers
    try:
        assert run_sql(readme_sql) is None

        for database in (f"test_{SLUG}{suffix}" for suffix in TEST_DATABASE_SUFFIXES):
            assert create_and_drop(database, password) is None, database
        # `_` unescaped would match any one character: testx<slug> must stay out of reach.
        assert "Access denied" in (create_and_drop(f"testx{SLUG}", password) or "")
    finally:
        drop_what_the_readme_creates()
