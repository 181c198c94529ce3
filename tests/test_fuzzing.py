"""Property-based fuzzing of a baked service's API from its own OpenAPI schema (schemathesis).

The default bake runs under gunicorn with its production settings against the real MariaDB,
Redis and broker. schemathesis sends schema-valid and schema-violating requests to every
operation, as an authenticated user and anonymously, and fails on any 5xx, on a status,
content type or body the schema does not document, on a method not refused with 405, and on
an operation that works without its authentication. The run is
bounded (examples per operation) and reproducible (a fixed seed).
"""

import json
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

from tests.generated import SLOT, GeneratedProject

PORT = 18800 + SLOT
BASE_URL = f"http://127.0.0.1:{PORT}"
SEED = "7"
EXAMPLES_PER_OPERATION = "10"
CHECKS = ",".join(
    [
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_schema_conformance",
        # Not negative_data_rejection: it counts two behaviours kept on purpose as accepting
        # invalid input: DRF trims whitespace (Python's, control separators included) before
        # checking a length, and django-filter treats an empty parameter as no filter.
        "unsupported_method",
        "ignored_auth",
    ]
)
USER_EMAIL = "fuzzer@example.com"
USER_PASSWORD = "fuzz-Pass-2718"  # noqa: S105 - a throwaway user of a throwaway database
# Owned rows the fuzzer's ids can hit, beside the ones it creates. SLUG is the package.
SEED_DATA = """
from django.apps import apps
from django.contrib.auth import get_user_model

user = get_user_model().objects.create_user(email=EMAIL, password=PASSWORD)
if apps.is_installed("SLUG.ledger"):
    from SLUG.ledger import services
    for number in range(3):
        services.account_create(owner=user, name="Account " + str(number))
        services.tag_create(owner=user, name="tag-" + str(number))
"""
SERVER_ENVIRONMENT = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_SECRET_KEY": "f" + "Zu7-Qx2_Lw9Rt4Mk8Np3Vb6Hc1Jd5Gs0Ye" * 2,
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
    # One server process on this host: media on the local disk is allowed.
    "MEDIA_SINGLE_HOST": "true",
    "DJANGO_SECURE_SSL_REDIRECT": "false",
    "DJANGO_LOG_LEVEL": "WARNING",
    # The fuzzer is one client sending hundreds of requests: throttling would only stop it.
    "API_THROTTLE_RATE_ANON": "1000000/minute",
    "API_THROTTLE_RATE_USER": "1000000/minute",
    "API_THROTTLE_RATE_AUTH": "1000000/minute",
    "GUNICORN_BIND": f"127.0.0.1:{PORT}",
    "GUNICORN_WORKERS": "2",
}


def operation_count(project: GeneratedProject) -> int:
    schema = yaml.safe_load((project.path / "openapi.yaml").read_text())
    return sum(len(methods) for methods in schema["paths"].values())


def wait_for_server(process: subprocess.Popen[bytes], log_path: Path) -> None:
    for _ in range(60):
        assert process.poll() is None, log_path.read_text()
        try:
            urllib.request.urlopen(f"{BASE_URL}/health/live", timeout=2)  # noqa: S310
        except OSError:
            time.sleep(0.5)
        else:
            return
    pytest.fail(f"gunicorn did not answer:\n{log_path.read_text()}")


def access_token() -> str:
    request = urllib.request.Request(  # noqa: S310 - the local test server
        f"{BASE_URL}/api/v1/auth/token/",
        data=json.dumps({"email": USER_EMAIL, "password": USER_PASSWORD}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return json.load(response)["access"]


@pytest.fixture(scope="module")
def server(installed, tmp_path_factory):
    project = installed()
    project.run("uv run python manage.py migrate --noinput", **SERVER_ENVIRONMENT)
    seed_data = (
        SEED_DATA.replace("SLUG", project.slug)
        .replace("EMAIL", repr(USER_EMAIL))
        .replace("PASSWORD", repr(USER_PASSWORD))
    )
    project.run(
        'uv run python manage.py shell --command "$SEED_DATA"',
        SEED_DATA=seed_data,
        **SERVER_ENVIRONMENT,
    )
    log_path = tmp_path_factory.mktemp("gunicorn") / "gunicorn.log"
    command = "uv run gunicorn --config config/gunicorn.py config.wsgi"
    with project.running(command, log_path, **SERVER_ENVIRONMENT) as process:
        wait_for_server(process, log_path)
        yield project


def fuzz(project: GeneratedProject, *headers: str) -> subprocess.CompletedProcess[str]:
    command = [
        str(Path(sys.executable).parent / "st"),
        "run",
        str(project.path / "openapi.yaml"),
        *("--url", BASE_URL, "--checks", CHECKS, "--seed", SEED),
        *("--max-examples", EXAMPLES_PER_OPERATION, "--workers", "1"),
        *("--phases", "examples,coverage,fuzzing", "--request-timeout", "10", "--no-color"),
        *(argument for header in headers for argument in ("--header", header)),
    ]
    # In the bake, where schemathesis keeps its cache of examples.
    return subprocess.run(
        command, cwd=project.path, capture_output=True, text=True, check=False, timeout=600
    )


@pytest.mark.parametrize("who", ["authenticated", "anonymous"])
def test_fuzzing_every_operation_finds_no_server_error_and_no_schema_violation(server, who):
    headers = [f"Authorization: Bearer {access_token()}"] if who == "authenticated" else []

    result = fuzz(server, *headers)

    operations = operation_count(server)
    assert result.returncode == 0, result.stdout[-8000:] + result.stderr[-2000:]
    assert f"Selected: {operations}/{operations}" in result.stdout
    assert f"Tested: {operations}" in result.stdout
    assert f"Seed: {SEED}" in result.stdout
