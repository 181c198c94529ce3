"""The Kubernetes manifests (use_kubernetes=yes), rendered and checked offline.

For each answer that changes the manifests, `kubectl kustomize` renders every overlay; the output
must pass kubernetes-validate --strict for the Kubernetes version the README states (an unknown
kind only warns there, so a warning fails too) and checkov's Kubernetes checks with nothing failed:
a check the manifests do not meet is skipped in the manifest itself, with a one-line reason. The
bake's own tests/test_kubernetes.py checks the manifests against the code (probe paths, variables,
grace periods); the full suites run it.
"""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.answers import ALL_ON, WITHOUT_CELERY, value
from tests.conftest import TEMPLATE_DIR

TOOLS = Path(sys.executable).parent
# The oldest Kubernetes the README promises; kubernetes-validate ships its schemas.
KUBERNETES_VERSION = "1.32.0"
OVERLAYS = ("staging", "production")
KUBERNETES = {"use_kubernetes": "yes"}
KUBERNETES_BAKES = {
    "default": KUBERNETES,
    "without-celery": {**WITHOUT_CELERY, **KUBERNETES},
    "without-beat": {"use_celery_beat": "no", **KUBERNETES},
    "flower": {"use_flower": "yes", **KUBERNETES},
    "rabbitmq": {"celery_broker": "rabbitmq", **KUBERNETES},
    "prometheus-sentry": {"use_prometheus": "yes", "use_sentry": "yes", **KUBERNETES},
    "all-on": ALL_ON,
}
# checkov pins an old `packaging` that the template's own tools outgrew: it runs in its own
# environment, at this version, through uv.
CHECKOV = ("uv", "tool", "run", "--from", "checkov==3.3.30", "checkov")
CHECKOV_SKIP = re.compile(r"^checkov\.io/skip\d+$")


def kubectl() -> str:
    found = shutil.which("kubectl")
    if found is None:
        message = (
            "kubectl is not installed (kubectl kustomize renders the overlays): install it from "
            "the Kubernetes or Google Cloud apt repository (Debian's kubernetes-client is too old)"
        )
        if os.environ.get("REQUIRE_SERVICES"):
            pytest.fail(message)
        pytest.skip(message)
    return found


def run(*command: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "BC_SKIP_MAPPING": "TRUE"}  # checkov: no network look-ups
    return subprocess.run(
        command, cwd=cwd, env=environment, capture_output=True, text=True, check=False, timeout=600
    )


@pytest.fixture(scope="module")
def rendered(bake, tmp_path_factory) -> dict[str, Path]:
    """Every overlay of every bake, rendered by kubectl kustomize: {"bake/overlay": file}."""
    folder = tmp_path_factory.mktemp("kubernetes")
    files = {}
    for name, answers in KUBERNETES_BAKES.items():
        project = bake(**answers)
        for overlay in OVERLAYS:
            result = run(
                kubectl(), "kustomize", f"deploy/kubernetes/overlays/{overlay}", cwd=project.path
            )
            assert result.returncode == 0, f"{name}/{overlay}:\n{result.stderr}"
            files[f"{name}/{overlay}"] = folder / f"{name}-{overlay}.yaml"
            files[f"{name}/{overlay}"].write_text(result.stdout, encoding="utf-8")
    return files


@pytest.fixture(scope="module")
def checkov_results(rendered) -> dict[str, dict]:
    """One checkov run over every rendered file (it takes a while to start): {file: results}."""
    [folder] = {path.parent for path in rendered.values()}
    result = run(
        *CHECKOV,
        *("--framework", "kubernetes", "--skip-download", "--output", "json"),
        *("--directory", str(folder)),
    )
    report = json.loads(result.stdout)
    reports = report if isinstance(report, list) else [report]
    by_file: dict[str, dict] = {}
    for kind in ("passed_checks", "failed_checks", "skipped_checks"):
        for check in (c for r in reports for c in r.get("results", {}).get(kind, [])):
            by_file.setdefault(Path(check["file_path"]).name, {}).setdefault(kind, []).append(check)
    return by_file


def variable_names(container: dict) -> set[str]:
    return {variable["name"] for variable in container.get("env", [])}


def documents(path: Path) -> list[dict]:
    return [document for document in yaml.safe_load_all(path.read_text()) if document]


CASES = [f"{name}/{overlay}" for name in KUBERNETES_BAKES for overlay in OVERLAYS]


@pytest.mark.parametrize("case", CASES)
def test_the_overlay_passes_kubernetes_validate_strict_without_warnings(rendered, case):
    result = run(
        str(TOOLS / "kubernetes-validate"),
        *("--strict", "--kubernetes-version", KUBERNETES_VERSION, str(rendered[case])),
    )
    output = result.stdout + result.stderr

    assert result.returncode == 0, output
    assert "WARN" not in output, output
    assert "ERROR" not in output, output
    assert output.count(" passed for resource ") == len(documents(rendered[case])), output


@pytest.mark.parametrize("case", CASES)
def test_checkov_fails_no_check_and_every_skip_gives_a_reason(rendered, checkov_results, case):
    results = checkov_results[rendered[case].name]
    failed = [(c["check_id"], c["resource"]) for c in results.get("failed_checks", [])]

    assert results.get("passed_checks"), "checkov checked nothing"
    assert failed == []
    for document in documents(rendered[case]):
        annotations = document["metadata"].get("annotations", {})
        for key, skip in annotations.items():
            if CHECKOV_SKIP.match(key):
                assert re.fullmatch(r"CKV2?_K8S_\d+=\S.{10,}", skip), f"{key}: {skip}"


@pytest.mark.parametrize("case", CASES)
def test_the_overlay_runs_what_the_answers_ask_for(rendered, case):
    name = case.split("/")[0]
    answers = KUBERNETES_BAKES[name]
    rendered_documents = documents(rendered[case])
    workloads = {
        document["metadata"]["labels"]["app.kubernetes.io/component"]: document
        for document in rendered_documents
        if document["kind"] in {"Deployment", "Job"}
    }
    optional = {"worker": "use_celery", "beat": "use_celery_beat", "flower": "use_flower"}
    expected = {"web", "migrate"} | {
        component for component, option in optional.items() if value(answers, option) == "yes"
    }

    assert set(workloads) == expected
    if "beat" in expected:
        assert workloads["beat"]["spec"]["replicas"] == 1
        assert workloads["beat"]["spec"]["strategy"] == {"type": "Recreate"}
    kinds = {document["kind"] for document in rendered_documents}
    assert {"Service", "Ingress", "HorizontalPodAutoscaler", "PodDisruptionBudget"} <= kinds
    assert {"NetworkPolicy", "ServiceAccount", "ConfigMap"} <= kinds
    assert "Secret" not in kinds
    ingress_hosts = [
        rule["host"]
        for d in rendered_documents
        if d["kind"] == "Ingress"
        for rule in d["spec"]["rules"]
    ]
    assert ingress_hosts == [("staging." if case.endswith("staging") else "") + "example.com"]
    [web] = workloads["web"]["spec"]["template"]["spec"]["containers"]
    for name, workload in workloads.items():
        pod = workload["spec"]["template"]["spec"]
        [container] = pod["containers"]
        assert pod["automountServiceAccountToken"] is False
        assert container["securityContext"]["readOnlyRootFilesystem"] is True
        assert re.fullmatch(r"registry\.example\.com/[a-z0-9-]+:0\.1\.0", container["image"])
        # Every process reads the settings and secrets web reads: the base's patches and the
        # Components' reach every workload, whichever file added it.
        assert container["envFrom"] == web["envFrom"], name
        assert variable_names(web) <= variable_names(container), name


def test_the_dockerfile_passes_checkov(bake):
    project = bake(**KUBERNETES)
    result = run(
        *CHECKOV,
        *("--framework", "dockerfile", "--skip-download", "--quiet", "--compact"),
        *("--file", str(project.path / "docker" / "Dockerfile")),
    )

    assert result.returncode == 0, result.stdout + result.stderr


def test_the_readme_states_the_kubernetes_version_validated():
    readme = (TEMPLATE_DIR / "README.md").read_text(encoding="utf-8")
    major_minor = KUBERNETES_VERSION.rsplit(".", 1)[0]

    assert f"Kubernetes {major_minor} or later" in readme
