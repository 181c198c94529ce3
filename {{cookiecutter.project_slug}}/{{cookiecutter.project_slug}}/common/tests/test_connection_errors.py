import os
import subprocess
import sys
from pathlib import Path

from django.db import OperationalError

from {{ cookiecutter.project_slug }}.common.data.connection_errors import (
    database_display_url,
    unreachable_database_message,
)

PROJECT_DIR = Path(__file__).resolve().parents[3]


def test_display_url_names_the_server_but_not_the_password():
    db = {"USER": "app", "PASSWORD": "s3cret", "HOST": "db", "PORT": "3307", "NAME": "x"}

    assert database_display_url(db) == "mysql://app@db:3307/x"


def test_a_connection_error_becomes_a_message_with_the_url_and_the_fix():
    message = unreachable_database_message(OperationalError(2003, "Can't connect to server"))

    assert message is not None
    assert message.startswith(f"Cannot reach MySQL at {database_display_url()}")
    assert "Can't connect to server" in message
    assert "DATABASE_URL" in message


def test_a_failed_query_is_not_mistaken_for_an_unreachable_server():
    assert unreachable_database_message(OperationalError(1213, "Deadlock found")) is None


def test_manage_py_says_which_database_it_could_not_reach():
    environment = {**os.environ, "DATABASE_URL": "mysql://app:s3cret@127.0.0.1:1/unreachable"}
    environment.pop("DJANGO_SETTINGS_MODULE", None)

    result = subprocess.run(
        [sys.executable, "manage.py", "migrate"],
        cwd=PROJECT_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 1
    assert "Cannot reach MySQL at mysql://app@127.0.0.1:1/unreachable" in result.stderr
    assert "s3cret" not in result.stderr
    assert "Traceback" not in result.stderr
