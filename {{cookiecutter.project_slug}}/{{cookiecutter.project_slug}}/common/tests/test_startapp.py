"""manage.py startapp writes a new app in the project's layers, with a factory and first tests."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from {{ cookiecutter.project_slug }}.common.management.commands import startapp

APP_FILES = [
    "__init__.py",
    "admin.py",
    "apis.py",
    "apps.py",
    "filters.py",
    "migrations/__init__.py",
    "models.py",
    "selectors.py",
    "serializers.py",
    "services.py",
    "tests/__init__.py",
    "tests/factories.py",
    "tests/test_selectors.py",
    "tests/test_services.py",
    "urls.py",
]


def start_app(target: Path, name: str, *options: str) -> str:
    output = StringIO()
    call_command("startapp", name, str(target), *options, stdout=output)
    return output.getvalue()


@pytest.fixture
def app(tmp_path: Path) -> Path:
    target = tmp_path / "line_items"
    start_app(target, "line_items", "--model", "LineItem")
    return target


def test_the_new_app_has_every_layer_a_factory_and_first_tests(app):
    written = sorted(str(path.relative_to(app)) for path in app.rglob("*") if path.is_file())

    assert written == APP_FILES


def test_the_new_app_is_named_in_the_package_and_labelled_after_its_folder(app):
    config = (app / "apps.py").read_text(encoding="utf-8")

    assert "class LineItemsConfig(AppConfig):" in config
    assert 'name = "{{ cookiecutter.project_slug }}.line_items"' in config
    assert 'label = "line_items"' in config


def test_every_module_is_python_with_each_placeholder_filled_in(app):
    for path in app.rglob("*.py"):
        source = path.read_text(encoding="utf-8")

        compile(source, str(path), "exec")
        assert "$" not in source, path
    assert "def line_item_create(*, owner: Any, name: str) -> LineItem:" in (
        app / "services.py"
    ).read_text(encoding="utf-8")


def test_the_output_names_the_steps_that_remain(tmp_path):
    output = start_app(tmp_path / "invoices", "invoices")

    assert '"{{ cookiecutter.project_slug }}.invoices" to LOCAL_APPS' in output
    assert "makemigrations invoices" in output
    assert "class Invoices(BaseModel):" in (tmp_path / "invoices" / "models.py").read_text()


def test_index_names_stay_within_the_30_characters_django_allows():
    longest = startapp.placeholders(app_name="a" * 30, model="B" * 30)

    assert len(longest["owner_index"]) <= 30
    assert not longest["owner_index"].startswith("_")


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("users",), "An installed app already has the label 'users'"),
        (("Invoices",), "'Invoices' is not an app name"),
        (("class",), "'class' is not an app name"),
        (("invoices", "--model", "invoice"), "'invoice' is not a model name"),
    ],
)
def test_a_bad_name_is_refused_and_nothing_is_written(tmp_path, arguments, message):
    target = tmp_path / "app"

    with pytest.raises(CommandError, match=message):
        start_app(target, *arguments)

    assert not target.exists()


def test_an_existing_folder_is_never_overwritten(tmp_path):
    with pytest.raises(CommandError, match="already exists"):
        start_app(tmp_path, "invoices")
