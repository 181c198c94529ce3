"""Apps made by a bake's `manage.py startapp` pass that bake's whole `make check` unchanged.

A bake of its own (the apps change it): a plain name, a plural one, a multi-word one with
`--model`, and the longest names allowed; each app is added to LOCAL_APPS and migrated.
"""

import pytest

# (startapp arguments, the index name its first model must get in MySQL)
NEW_APPS = {
    "inventory": ([], "inventory_inventory_owner_new"),
    "invoices": ([], "invoices_invoice_owner_new"),
    "warehouse_locations": (["--model", "StorageLocation"], "warehouse_storage_lo_owner_new"),
    # 30 characters each, the longest allowed: app and model share what room is left.
    "procurement_supplier_contracts": (
        ["--model", "SupplierContractAmendmentEntry"],
        "procureme_supplier_c_owner_new",
    ),
}
# What startapp's models are called: the plural app name gives a singular model.
MODEL_TABLES = {
    "inventory": "inventory_inventory",
    "invoices": "invoices_invoice",
    "warehouse_locations": "warehouse_locations_storagelocation",
    "procurement_supplier_contracts": (
        "procurement_supplier_contracts_suppliercontractamendmententry"
    ),
}
# Run by `manage.py shell`: the owner-led list index of each table, as MySQL has it.
LIST_INDEXES_SCRIPT = """
from django.db import connection
with connection.cursor() as cursor:
    for table in {tables}:
        for name, details in connection.introspection.get_constraints(cursor, table).items():
            if details["index"] and details["columns"][:1] == ["owner_id"]:
                if len(details["columns"]) > 1:
                    print(table, name)
"""


@pytest.fixture(scope="module")
def project_with_new_apps(installed):
    project = installed(project_name="Startapp Service")
    for name, (options, _index) in NEW_APPS.items():
        project.run(f"uv run python manage.py startapp {name} {' '.join(options)}")
    settings = project.path / "config" / "settings" / "apps.py"
    new_apps = "".join(f'    "startapp_service.{name}",\n' for name in NEW_APPS)
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace("LOCAL_APPS = [\n", f"LOCAL_APPS = [\n{new_apps}", 1))
    project.run(f"uv run python manage.py makemigrations {' '.join(NEW_APPS)}")
    return project


def test_new_apps_pass_the_whole_make_check(project_with_new_apps):
    result = project_with_new_apps.run("make check", timeout=1800)

    assert "Required test coverage of 90.0% reached" in result.stdout


def test_new_apps_get_singular_models_and_index_names_of_the_pattern(
    project_with_new_apps, tmp_path
):
    project_with_new_apps.run("uv run python manage.py migrate --noinput")
    script = tmp_path / "list_indexes.py"
    script.write_text(LIST_INDEXES_SCRIPT.format(tables=sorted(MODEL_TABLES.values())))

    result = project_with_new_apps.run(f"uv run python manage.py shell --no-imports < {script}")

    found = sorted(line.split() for line in result.stdout.splitlines() if line.strip())
    expected = sorted([MODEL_TABLES[name], index] for name, (_options, index) in NEW_APPS.items())
    assert found == expected
    assert all(len(index) <= 30 for _table, index in found)
