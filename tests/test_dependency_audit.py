"""`make audit`: the generated service's dependency audit (pip-audit) catches a vulnerable pin.

pip-audit asks PyPI's JSON API by default (the service's CI does). This machine reaches PyPI's
package index but not that API, nor OSV, so here a stand-in OSV service on 127.0.0.1 answers
with one real advisory, and the audit is pointed at it the way pip-audit allows (its
PIP_AUDIT_VULNERABILITY_SERVICE and PIP_AUDIT_OSV_URL variables). What is tested is the
service's side: the target audits every locked dependency and fails, naming the advisory.
"""

import json
import shutil
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from packaging.version import Version

from tests.generated import GeneratedProject

# CVE-2025-48432, "Potential log injection via unescaped request path": Django 5.2 before 5.2.2
# (https://www.djangoproject.com/weblog/2025/jun/04/security-releases/).
ADVISORY_ID = "CVE-2025-48432"
AFFECTED = ("django", Version("5.2"), Version("5.2.2"))
ADVISORY = {
    "id": ADVISORY_ID,
    "summary": "Potential log injection via unescaped request path",
    "affected": [
        {
            "package": {"name": "django", "ecosystem": "PyPI"},
            "ranges": [
                {"type": "ECOSYSTEM", "events": [{"introduced": "5.2"}, {"fixed": "5.2.2"}]}
            ],
        }
    ],
}


class StandInOsv(BaseHTTPRequestHandler):
    """Answers OSV's POST /v1/query: the advisory when the package and version are affected."""

    queried: list[str]

    def do_POST(self) -> None:
        query = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        name, version = query["package"]["name"], Version(query["version"])
        self.queried.append(name)
        package, introduced, fixed = AFFECTED
        affected = name == package and introduced <= version < fixed
        body = json.dumps({"vulns": [ADVISORY]} if affected else {}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:  # keep the test output quiet
        pass


@pytest.fixture
def osv_service() -> Iterator[tuple[str, list[str]]]:
    """The stand-in's query URL, and the names of the packages it was asked about."""
    queried: list[str] = []
    handler = type("Handler", (StandInOsv,), {"queried": queried})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/v1/query", queried
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def service_copy(bake, tmp_path) -> GeneratedProject:
    """A default bake, copied so that planting a pin leaves the shared bake alone."""
    project = bake()
    copy = tmp_path / project.slug
    shutil.copytree(project.path, copy, ignore=shutil.ignore_patterns(".venv", "uv.lock"))
    service = GeneratedProject(copy, project.answers)
    service.run("uv lock --quiet")
    return service


def audit(service: GeneratedProject, osv_url: str):
    return service.run(
        "make audit",
        check=False,
        PIP_AUDIT_VULNERABILITY_SERVICE="osv",
        PIP_AUDIT_OSV_URL=osv_url,
    )


def test_the_audit_passes_on_a_fresh_bake_and_fails_on_a_vulnerable_pin(service_copy, osv_service):
    osv_url, queried = osv_service
    clean = audit(service_copy, osv_url)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "No known vulnerabilities found" in clean.stdout + clean.stderr
    # Every locked package was asked about, the dev tools as well as the runtime.
    assert {"django", "djangorestframework", "celery", "ruff", "pytest"} <= set(queried)

    pyproject = service_copy.path / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    assert '"django~=5.2.0"' in text
    pyproject.write_text(text.replace('"django~=5.2.0"', '"django==5.2.0"'), encoding="utf-8")
    service_copy.run("uv lock --quiet")

    vulnerable = audit(service_copy, osv_url)
    output = vulnerable.stdout + vulnerable.stderr
    assert vulnerable.returncode != 0, output
    assert ADVISORY_ID in output
    assert "django" in output
    assert "5.2.2" in output  # the fixed version to upgrade to


def test_make_check_runs_the_audit(bake):
    makefile = (bake().path / "Makefile").read_text(encoding="utf-8")
    check_line = next(line for line in makefile.splitlines() if line.startswith("check:"))
    assert "audit" in check_line.split()
