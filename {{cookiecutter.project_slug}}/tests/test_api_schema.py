"""The OpenAPI schema: committed and current, valid, and honest about authentication."""

import re
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiYamlRenderer
from rest_framework import serializers

from {{ cookiecutter.project_slug }}.common.api.schema import decimal_pattern
from {{ cookiecutter.project_slug }}.common.tests.assertions import assert_problem
from {{ cookiecutter.project_slug }}.users.tests.factories import UserFactory

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "openapi.yaml"
REFRESH_COMMAND = (
    "uv run python manage.py spectacular --api-version v1 --validate --fail-on-warn "
    "--file openapi.yaml"
)
AUTHENTICATION_PATHS = "/api/v1/auth/"


@pytest.fixture(scope="module")
def schema() -> dict:
    generated = SchemaGenerator(api_version="v1").get_schema(request=None, public=True)
    return yaml.safe_load(OpenApiYamlRenderer().render(generated))


def operations(schema: dict) -> list[tuple[str, str, dict]]:
    return [
        (path, method, operation)
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
    ]


def test_the_committed_schema_is_current(schema):
    committed = yaml.safe_load(SCHEMA_FILE.read_text(encoding="utf-8"))

    assert committed == schema, f"openapi.yaml is stale. Refresh it with:\n  {REFRESH_COMMAND}"


def test_the_schema_validates_without_warnings():
    call_command(
        "spectacular", "--api-version", "v1", "--validate", "--fail-on-warn", stdout=StringIO()
    )


@pytest.mark.django_db
def test_every_operation_but_authentication_requires_it_and_answers_401(schema, api_client):
    protected = [
        (path, method, operation)
        for path, method, operation in operations(schema)
        if not path.startswith(AUTHENTICATION_PATHS)
    ]
    assert protected

    for path, method, operation in protected:
        security = operation.get("security", [])
        assert security, f"{method.upper()} {path} documents no authentication"
        assert {} not in security, f"{method.upper()} {path} allows anonymous access"
        url = path.replace("{id}", "1")
        response = api_client.generic(method.upper(), url)
        assert_problem(response, 401, code="not-authenticated")


def decimal_properties(schema: dict) -> list[dict]:
    return [
        field
        for component in schema["components"]["schemas"].values()
        for field in component.get("properties", {}).values()
        if field.get("format") == "decimal"
    ]


@pytest.mark.parametrize("text", ["", "-", ".", "-.", "1.234", "1234567890123"])
def test_a_decimal_pattern_admits_no_text_that_is_not_an_amount(schema, text):
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)

    for pattern in [decimal_pattern(amount), *(f["pattern"] for f in decimal_properties(schema))]:
        assert re.search(pattern, text) is None, (pattern, text)


@pytest.mark.parametrize("text", ["5", "-5", "0.5", ".5", "5.", "-1234567890.12"])
def test_a_decimal_pattern_admits_every_amount(text):
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)

    assert re.search(decimal_pattern(amount), text) is not None


def test_every_error_response_is_a_documented_problem(schema):
    for path, method, operation in operations(schema):
        for status, response in operation["responses"].items():
            if int(status) >= 400:
                content = response["content"]
                assert list(content) == ["application/problem+json"], (path, method, status)
                assert content["application/problem+json"]["schema"] == {
                    "$ref": "#/components/schemas/Problem"
                }


@pytest.mark.django_db
def test_the_docs_are_for_staff_only_and_load_no_cdn(client):
    anonymous = client.get("/api/docs/")
    assert_problem(anonymous, 401, code="not-authenticated")
    assert anonymous["WWW-Authenticate"]
    client.force_login(UserFactory())
    assert_problem(client.get("/api/docs/"), 403, code="permission-denied")

    client.force_login(UserFactory(is_staff=True))
    page = client.get("/api/docs/")
    schema = client.get("/api/schema/")

    assert page.status_code == 200
    assert "drf_spectacular_sidecar/swagger-ui-dist" in page.content.decode()
    assert "cdn" not in page.content.decode().lower()
    assert schema.status_code == 200
