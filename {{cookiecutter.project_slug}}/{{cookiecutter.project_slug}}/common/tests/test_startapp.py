"""manage.py startapp writes a new app in the project's layers, with a factory and first tests."""

import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from {{ cookiecutter.project_slug }}.common.management.commands import startapp

# What every new app has; the app template may hold more (a module per optional part).
LAYERS_AND_TESTS = [
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


def template_files() -> list[str]:
    """The files the app template holds, each `*.py-tpl` named as the `.py` file it becomes."""
    return sorted(
        str(path.relative_to(startapp.TEMPLATE_DIR)).removesuffix(startapp.TEMPLATE_SUFFIX)
        for path in startapp.TEMPLATE_DIR.rglob(f"*{startapp.TEMPLATE_SUFFIX}")
    )


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

    assert written == template_files()
    assert [name for name in LAYERS_AND_TESTS if name not in written] == []


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
    services = (app / "services.py").read_text(encoding="utf-8")
    assert "def line_item_create(\n" in services
    assert ") -> LineItem:" in services


@pytest.mark.parametrize(
    ("name", "model"),
    [
        ("a", "A"),
        ("sample_inventory", None),
        ("sample_invoices", None),
        ("z" * 30, "Ab" * 15),  # the longest names allowed, the model's snake_case longest too
    ],
)
def test_the_new_app_is_already_formatted_and_lint_clean_at_any_name_length(tmp_path, name, model):
    start_app(tmp_path / name, name, *(["--model", model] if model else []))
    # The project's ruff settings, with paths (per-file ignores) relative to the new app's folder.
    shutil.copy(Path(__file__).resolve().parents[3] / "pyproject.toml", tmp_path)

    for command in (["format", "--check", "--diff", "."], ["check", "."]):
        result = subprocess.run(
            [sys.executable, "-m", "ruff", *command],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr


def test_the_output_names_the_steps_that_remain(tmp_path):
    # Names no project is likely to have installed already (invoices may well be).
    output = start_app(tmp_path / "sample_invoices", "sample_invoices")

    assert '"{{ cookiecutter.project_slug }}.sample_invoices" to LOCAL_APPS' in output
    assert "makemigrations sample_invoices" in output
    models = (tmp_path / "sample_invoices" / "models.py").read_text()
    assert "class SampleInvoice(BaseModel):" in models


@pytest.mark.parametrize(
    ("app_name", "model"),
    [
        ("invoices", "Invoice"),
        ("inventory", "Inventory"),
        ("warehouse_locations", "WarehouseLocation"),
        ("categories", "Category"),
    ],
)
def test_the_default_model_is_the_app_name_singular_in_capwords(app_name, model):
    assert startapp.default_model(app_name) == model


@pytest.mark.parametrize(
    ("app_name", "model_snake", "expected"),
    [
        ("invoices", "invoice", "invoices_invoice_owner_new"),
        ("warehouse_locations", "storage_location", "warehouse_storage_lo_owner_new"),
        ("a" * 30, "b_c" * 10, "aaaaaaaaa_b_cb_cb_cb_owner_new"),
        ("stock", "x" * 30, "stock_xxxxxxxxxxxxxx_owner_new"),
        ("y" * 30, "item", "yyyyyyyyyyyyyyy_item_owner_new"),
    ],
)
def test_long_index_names_keep_app_and_model_within_30_characters(app_name, model_snake, expected):
    name = startapp.index_name(app_name, model_snake, "owner_new")

    assert name == expected
    assert len(name) <= startapp.MAX_INDEX_NAME_LENGTH


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("users",), "An installed app already has the label 'users'"),
        (("Invoices",), "'Invoices' is not an app name"),
        (("class",), "'class' is not an app name"),
        (("sample_invoices", "--model", "invoice"), "'invoice' is not a model name"),
    ],
)
def test_a_bad_name_is_refused_and_nothing_is_written(tmp_path, arguments, message):
    target = tmp_path / "app"

    with pytest.raises(CommandError, match=message):
        start_app(target, *arguments)

    assert not target.exists()


def test_an_existing_folder_is_never_overwritten(tmp_path):
    with pytest.raises(CommandError, match="already exists"):
        start_app(tmp_path, "sample_invoices")
