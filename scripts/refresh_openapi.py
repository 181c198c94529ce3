"""Rebuild {{cookiecutter.project_slug}}/openapi.yaml, the schema every bake commits.

The schema differs by two answers: api_auth (jwt/token) and include_example_app (yes/no).
This bakes the four combinations, has each generate its schema with drf-spectacular, and
merges them into one Jinja template: each path and component appears once, under the
condition of the bakes that have it. Run it after changing anything the API exposes:

    uv run python scripts/refresh_openapi.py

It needs what baking and `uv sync` need (see README.md), not the database. Each generated
project's own test (tests/test_api_schema.py) fails when its openapi.yaml is stale.
"""

import itertools
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml
from cookiecutter.main import cookiecutter

TEMPLATE_DIR = Path(__file__).resolve().parents[1]
TARGET = TEMPLATE_DIR / "{{cookiecutter.project_slug}}" / "openapi.yaml"
DIMENSIONS = {"api_auth": ["jwt", "token"], "include_example_app": ["yes", "no"]}
# Metadata that the template fills in; the bakes use these values and the merge swaps them back.
METADATA = {
    "project_name": "PROJECT NAME",
    "description": "PROJECT DESCRIPTION",
    "version": "9.9.9",
}
SECURITY_SCHEMES = {"jwt": "jwtAuth", "token": "tokenAuth"}
SCHEME_PLACEHOLDER = "AUTH_SCHEME"
Variant = tuple[str, ...]


def generate_schema(project: Path, python: Path) -> dict[str, Any]:
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": "mysql://schema@127.0.0.1:3306/schema",
    }
    environment.pop("VIRTUAL_ENV", None)
    output = subprocess.run(
        [str(python), "manage.py", "spectacular", "--api-version", "v1", "--validate"],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return yaml.safe_load(output)


def bake_all(workdir: Path) -> dict[Variant, dict[str, Any]]:
    variants = list(itertools.product(*DIMENSIONS.values()))
    projects = {}
    for variant in variants:
        answers = dict(zip(DIMENSIONS, variant, strict=True))
        output_dir = workdir / "-".join(variant)
        projects[variant] = Path(
            cookiecutter(
                str(TEMPLATE_DIR),
                no_input=True,
                output_dir=str(output_dir),
                extra_context={**METADATA, **answers},
            )
        )
    # One environment serves all four: the jwt bake's dependencies are a superset.
    installer = projects[variants[0]]
    subprocess.run(["uv", "sync", "--quiet"], cwd=installer, check=True)
    python = installer / ".venv" / "bin" / "python"
    return {variant: generate_schema(project, python) for variant, project in projects.items()}


def condition(variants: set[Variant]) -> str | None:
    """The Jinja condition that holds for exactly these variants (None: for all)."""
    every = set(itertools.product(*DIMENSIONS.values()))
    if variants == every:
        return None
    for index, (name, values) in enumerate(DIMENSIONS.items()):
        for value in values:
            if variants == {variant for variant in every if variant[index] == value}:
                return f'cookiecutter.{name} == "{value}"'
    terms = [
        " and ".join(
            f'cookiecutter.{name} == "{value}"'
            for name, value in zip(DIMENSIONS, variant, strict=True)
        )
        for variant in sorted(variants)
    ]
    return " or ".join(f"({term})" for term in terms)


def dump_item(key: str, value: Any, indent: int) -> str:
    text = yaml.safe_dump(
        {key: value}, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100
    )
    text = text.replace(SCHEME_PLACEHOLDER, "{{ auth_scheme }}")
    pad = " " * indent
    return "".join(pad + line + "\n" for line in text.splitlines())


def normalised(value: Any, variant: Variant) -> Any:
    """The item with its auth scheme's name replaced, so jwt and token bakes can agree."""
    scheme = SECURITY_SCHEMES[variant[0]]
    text = yaml.safe_dump(value, sort_keys=False, allow_unicode=True)
    return yaml.safe_load(text.replace(scheme, SCHEME_PLACEHOLDER))


def merge_section(
    schemas: dict[Variant, dict[str, Any]], section: list[str], indent: int
) -> list[str]:
    """The lines of one mapping (e.g. paths), each item under the condition of its variants."""
    items: dict[str, dict[Variant, Any]] = {}
    for variant, schema in schemas.items():
        mapping = schema
        for key in section:
            mapping = mapping.get(key, {})
        for key, value in mapping.items():
            # The schemes' own entries, jwtAuth or tokenAuth, merge under one placeholder name.
            name = SCHEME_PLACEHOLDER if key in SECURITY_SCHEMES.values() else key
            items.setdefault(name, {})[variant] = normalised(value, variant)
    lines = []
    for key in sorted(items):
        by_text: dict[str, set[Variant]] = {}
        for variant, value in items[key].items():
            text = dump_item(key, value, indent)
            by_text.setdefault(text, set()).add(variant)
        for text, variants in by_text.items():
            test = condition(variants)
            lines += [f"{{%- if {test} %}}\n", text, "{%- endif %}\n"] if test else [text]
    return lines


def build_template(schemas: dict[Variant, dict[str, Any]]) -> str:
    lines = [
        '{%- set auth_scheme = "jwtAuth" if cookiecutter.api_auth == "jwt" else "tokenAuth" -%}\n',
        "openapi: 3.0.3\n",
        "info:\n",
        "  title: {{ cookiecutter.project_name | tojson }}\n",
        '  version: {{ (cookiecutter.version ~ " (v1)") | tojson }}\n',
        "  description: {{ cookiecutter.description | tojson }}\n",
        "paths:\n",
        *merge_section(schemas, ["paths"], 2),
        "components:\n",
        "  schemas:\n",
        *merge_section(schemas, ["components", "schemas"], 4),
        "  securitySchemes:\n",
        *merge_section(schemas, ["components", "securitySchemes"], 4),
    ]
    return "".join(lines)


def main() -> int | str:
    with tempfile.TemporaryDirectory() as workdir:
        schemas = bake_all(Path(workdir))
    for schema in schemas.values():
        # The template writes `info` itself and merges only these sections: stop on anything new.
        info = schema.pop("info")
        if info["title"] != METADATA["project_name"]:
            return f"unexpected info in a generated schema: {info}"
        if set(schema) != {"openapi", "paths", "components"}:
            return f"unexpected sections in a generated schema: {sorted(schema)}"
        if not set(schema["components"]) <= {"schemas", "securitySchemes"}:
            return f"unexpected components in a generated schema: {sorted(schema['components'])}"
    TARGET.write_text(build_template(schemas), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(TEMPLATE_DIR)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
