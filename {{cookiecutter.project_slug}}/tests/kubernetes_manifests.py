"""The Kubernetes manifests (deploy/kubernetes/) as the tests read them.

The manifests are read as text with regular expressions: the project has no typed YAML parser,
and these files are ours, one setting a line. The template's own tests render every overlay
with kubectl and validate it against the Kubernetes schemas.
"""

import json
import re
from pathlib import Path

from .test_environment import PROJECT_DIR

KUBERNETES = PROJECT_DIR / "deploy" / "kubernetes"
BASE = KUBERNETES / "base"
COMPONENTS = KUBERNETES / "components"
KUSTOMIZATION = "kustomization.yaml"
# A file a kustomization.yaml names: a resource, a patch ("path:") or a generator's env file.
NAMED_FILE = re.compile(r"^\s+- (?:path: )?([\w.-]+\.(?:yaml|env))$", re.MULTILINE)
ITEM = re.compile(r"^  - (\S+)$", re.MULTILINE)
DOCUMENT_SEPARATOR = re.compile(r"^---$", re.MULTILINE)
KIND = re.compile(r"^kind: (\w+)$", re.MULTILINE)
NAME = re.compile(r"^metadata:\n  name: ([\w-]+)$", re.MULTILINE)
# A workload's or a network policy's pods, by their label.
COMPONENT = re.compile(r"app\.kubernetes\.io/component: ([\w-]+)")
POD_SELECTOR = re.compile(r"podSelector:\n\s+matchLabels:\n\s+app\.kubernetes\.io/component: (\S+)")
# A container's command: a JSON list on one line.
ARGS = re.compile(r"^\s+args: (\[.*\])$", re.MULTILINE)
PORT = re.compile(r"\{protocol: (\w+), port: (\d+)\}")
GRACE_PERIOD = re.compile(r"terminationGracePeriodSeconds: (\d+)")


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def listed(kustomization: Path, field: str) -> list[str]:
    """The entries of one top-level list of a kustomization.yaml (resources, components)."""
    block = re.search(rf"^{field}:\n((?:  - .+\n)+)", read(kustomization), re.MULTILINE)
    return ITEM.findall(block.group(1)) if block else []


def folders() -> list[Path]:
    """The base and the Components it lists: every folder an overlay renders."""
    components = listed(BASE / KUSTOMIZATION, "components")
    return [BASE, *((BASE / component).resolve() for component in components)]


def files_named_by_kustomization(folder: Path) -> set[str]:
    return set(NAMED_FILE.findall(read(folder / KUSTOMIZATION)))


def manifests() -> str:
    """Every manifest and patch of every folder, as one text."""
    return "".join(read(path) for folder in folders() for path in sorted(folder.glob("*.yaml")))


def documents(kind: str) -> dict[str, str]:
    """The resources of this kind (patches are not resources): {name: YAML text}."""
    found = {}
    for folder in folders():
        for resource in listed(folder / KUSTOMIZATION, "resources"):
            for document in DOCUMENT_SEPARATOR.split(read(folder / resource)):
                if KIND.findall(document) == [kind]:
                    [name] = NAME.findall(document)
                    found[name] = document
    return found


def workloads() -> dict[str, str]:
    """The Deployments and Jobs, the pods that run the image: {name: YAML text}."""
    return {**documents("Deployment"), **documents("Job")}


def command(workload: str) -> list[str]:
    [args] = ARGS.findall(workload)
    return list(json.loads(args))


def deployments_running(*prefix: str) -> dict[str, str]:
    """The Deployments whose command starts with these words: {name: YAML text}."""
    return {
        name: deployment
        for name, deployment in documents("Deployment").items()
        if command(deployment)[: len(prefix)] == list(prefix)
    }


def grace_period(workload: str) -> int:
    [seconds] = GRACE_PERIOD.findall(workload)
    return int(seconds)


def network_policy(workload: str) -> str:
    """The NetworkPolicy that selects this workload's pods by their component label."""
    component = COMPONENT.search(workload)
    assert component, "the workload has no app.kubernetes.io/component label"
    [policy] = [
        policy
        for policy in documents("NetworkPolicy").values()
        if POD_SELECTOR.findall(policy) == [component.group(1)]
    ]
    return policy


def egress_ports(policy: str) -> list[tuple[str, str]]:
    """The (protocol, port) pairs a NetworkPolicy lets its pods reach."""
    return PORT.findall(policy.split("  egress:\n", 1)[1]) if "  egress:\n" in policy else []


def config_map() -> dict[str, str]:
    """The ConfigMap's variables: the base's config.env and what each Component merges in."""
    variables = {}
    for folder in folders():
        for env_file in sorted(folder.glob("*.env")):
            lines = read(env_file).splitlines()
            variables |= dict(
                line.split("=", 1) for line in lines if "=" in line and not line.startswith("#")
            )
    return variables


def secret_references() -> set[str]:
    """Variables set from the Secret by reference (secretKeyRef), in any manifest or patch."""
    return set(
        re.findall(r"- name: (\w+)\n\s+valueFrom:\n\s+secretKeyRef: \{[^}]*key: \1\b", manifests())
    )
