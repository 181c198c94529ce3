"""Each environment's settings do what they promise, against the real servers."""

import ast

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from config.production_checks import refuse_unsafe_production_settings

from .production_process import VALID_SECRET_KEY, run_with_production_settings

# A settings module holds one concern; one that grows past this is two concerns.
MAX_SETTINGS_MODULE_LINES = 150


def imports_a_settings_module(node: ast.stmt) -> bool:
    return isinstance(node, ast.ImportFrom) and str(node.module).startswith("config.settings.")


def test_settings_are_small_modules_that_base_only_composes():
    modules = settings.BASE_DIR / "config" / "settings"
    lengths = {
        path.name: len(path.read_text(encoding="utf-8").splitlines())
        for path in modules.glob("*.py")
    }
    long_modules = {name: n for name, n in lengths.items() if n > MAX_SETTINGS_MODULE_LINES}
    assert long_modules == {}, f"over {MAX_SETTINGS_MODULE_LINES} lines: {long_modules}"
    base = ast.parse((modules / "base.py").read_text(encoding="utf-8")).body
    configuring = [
        ast.unparse(node)
        for node in base[1:]  # after the docstring
        if not imports_a_settings_module(node)
    ]
    assert configuring == [], f"base.py configures instead of composing: {configuring}"


def test_production_settings_load_with_a_valid_environment():
    result = run_with_production_settings("")

    assert result.returncode == 0, result.stderr


# Each refused value goes through the real config.settings.production in a fresh interpreter
# (django.setup(), as a server starts): production.py wired to a constant instead of the
# environment's value would leave a direct call of the check green, but not these.
UNSAFE_PRODUCTION_ENVIRONMENTS = {
    "debug-on": ({"DJANGO_DEBUG": "true"}, "DJANGO_DEBUG is on"),
    "missing-key": ({"DJANGO_SECRET_KEY": ""}, "DJANGO_SECRET_KEY is missing or weak"),
    "short-key": ({"DJANGO_SECRET_KEY": "short-but-random-Zq8"}, "DJANGO_SECRET_KEY is missing"),
    "repetitive-key": ({"DJANGO_SECRET_KEY": "a" * 60}, "DJANGO_SECRET_KEY is missing or weak"),
    "insecure-key": (
        {"DJANGO_SECRET_KEY": "django-insecure-" + VALID_SECRET_KEY},
        "DJANGO_SECRET_KEY is missing or weak",
    ),
    "no-hosts": ({"DJANGO_ALLOWED_HOSTS": ""}, "DJANGO_ALLOWED_HOSTS is empty"),
}


@pytest.mark.parametrize(
    ("unsafe", "message"),
    UNSAFE_PRODUCTION_ENVIRONMENTS.values(),
    ids=UNSAFE_PRODUCTION_ENVIRONMENTS.keys(),
)
def test_production_settings_refuse_each_unsafe_environment_naming_the_variable(unsafe, message):
    result = run_with_production_settings("import django; django.setup()", **unsafe)

    assert result.returncode != 0
    assert f"ImproperlyConfigured: {message}" in result.stderr


@pytest.mark.parametrize(
    ("unsafe", "message"),
    [
        ({"secret_key": ""}, "DJANGO_SECRET_KEY is missing or weak"),
        ({"secret_key": "short-but-random-Zq8"}, "DJANGO_SECRET_KEY is missing or weak"),
        ({"secret_key": "a" * 60}, "DJANGO_SECRET_KEY is missing or weak"),
        ({"secret_key": "django-insecure-" + VALID_SECRET_KEY}, "DJANGO_SECRET_KEY is missing"),
        ({"debug": True}, "DJANGO_DEBUG is on"),
        ({"allowed_hosts": []}, "DJANGO_ALLOWED_HOSTS is empty"),
    ],
    ids=["missing-key", "short-key", "repetitive-key", "insecure-key", "debug-on", "no-hosts"],
)
def test_the_check_refuses_each_unsafe_value_with_the_variable_to_fix(unsafe, message):
    safe = {"debug": False, "secret_key": VALID_SECRET_KEY, "allowed_hosts": ["api.example.com"]}

    with pytest.raises(ImproperlyConfigured, match=message):
        refuse_unsafe_production_settings(**{**safe, **unsafe})


def test_a_safe_configuration_passes():
    refuse_unsafe_production_settings(
        debug=False, secret_key=VALID_SECRET_KEY, allowed_hosts=["api.example.com"]
    )


@pytest.mark.django_db
def test_the_database_is_mysql_in_utf8mb4_and_strict_mode():
    assert connection.vendor == "mysql"
    with connection.cursor() as cursor:
        cursor.execute("SELECT @@character_set_connection, @@character_set_database, @@sql_mode")
        connection_charset, database_charset, sql_mode = cursor.fetchone()

    assert connection_charset == "utf8mb4"
    assert database_charset == "utf8mb4"
    assert "STRICT_TRANS_TABLES" in sql_mode.split(",")
