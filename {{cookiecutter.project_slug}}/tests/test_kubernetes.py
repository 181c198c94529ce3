"""The Kubernetes manifests agree with the code they run (deploy/kubernetes/, README.md)."""

import re
from pathlib import Path

from django.urls import Resolver404, resolve

from .kubernetes_manifests import (
    BASE,
    COMPONENTS,
    KUSTOMIZATION,
    command,
    config_map,
    documents,
    egress_ports,
    files_named_by_kustomization,
    folders,
    grace_period,
    listed,
    manifests,
    network_policy,
    read,
    secret_references,
    workloads,
)
from .test_environment import variables_read_by_settings

# The test settings' own variables; the test settings never run in a cluster.
TEST_ONLY_PREFIX = "TEST_"
# Media on the local disk, for one host only: a cluster keeps media in its bucket, and
# production refuses to start without one unless these say one host runs the service.
NEVER_IN_A_CLUSTER = {"MEDIA_SINGLE_HOST", "MEDIA_ROOT"}
# What the web pod's preStop hook sleeps before gunicorn gets SIGTERM.
PRE_STOP = re.compile(r'command: \["sleep", "(\d+)"\]')
# The only writable place in a container: an in-memory emptyDir, private to the pod.
WRITABLE = "/tmp"  # noqa: S108  # nosec B108
# Every pod may resolve names (the policy "allow-dns"); any other way out is its own policy's.
DNS = [("UDP", "53"), ("TCP", "53")]


def test_containers_are_stateless_and_write_only_to_memory():
    everything = manifests()
    mounts = re.findall(r"mountPath: (\S+)", everything)

    assert "readOnlyRootFilesystem: true" in read(BASE / "pod-defaults.yaml")
    assert all(mount.startswith(WRITABLE) for mount in mounts), mounts
    assert everything.count("emptyDir:") == everything.count("medium: Memory") == len(mounts)
    assert "persistentVolumeClaim" not in everything


def test_the_probe_paths_exist_in_the_url_conf():
    paths = re.findall(r"path: (/\S+)", documents("Deployment")["web"])

    assert {"/health/live", "/health/ready"} <= set(paths)
    for path in paths:
        try:
            resolve(path)
        except Resolver404:
            raise AssertionError(f"web.yaml probes {path}, which no URL pattern serves") from None


def test_every_variable_the_settings_read_comes_from_the_config_map_or_a_secret():
    provided = set(config_map()) | secret_references()
    settings = variables_read_by_settings()
    read_in_a_cluster = {name for name in settings if not name.startswith(TEST_ONLY_PREFIX)}

    missing = sorted(read_in_a_cluster - provided - NEVER_IN_A_CLUSTER)

    assert missing == [], f"neither a config.env nor a secretKeyRef provides {missing}"


def test_media_go_to_a_bucket_never_to_a_pods_disk():
    provided = set(config_map()) | secret_references()

    assert config_map()["MEDIA_BUCKET"]
    assert {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"} <= secret_references()
    assert NEVER_IN_A_CLUSTER.isdisjoint(provided)
    assert not any(name in manifests() for name in NEVER_IN_A_CLUSTER)


def test_no_secret_value_is_in_the_config_map():
    secrets = secret_references()

    assert secrets, "the manifests reference no Secret"
    assert secrets.isdisjoint(config_map())


def test_web_grace_period_outlasts_the_pre_stop_sleep_and_gunicorn_graceful_timeout():
    web = documents("Deployment")["web"]
    [pre_stop] = PRE_STOP.findall(web)

    assert grace_period(web) > int(pre_stop) + int(config_map()["GUNICORN_GRACEFUL_TIMEOUT"])


def test_only_the_migrate_job_migrates():
    deployments = {
        name: command(deployment) for name, deployment in documents("Deployment").items()
    }

    assert "migrate" in command(documents("Job")["migrate"])
    assert "web" in deployments
    assert all("migrate" not in words for words in deployments.values()), deployments


def test_every_workload_has_a_network_policy_of_its_own():
    default_deny = documents("NetworkPolicy")["default-deny"]

    assert "podSelector: {}" in default_deny
    assert "policyTypes: [Ingress, Egress]" in default_deny
    assert egress_ports(documents("NetworkPolicy")["allow-dns"]) == DNS
    for name, workload in workloads().items():
        assert egress_ports(network_policy(workload)), f"{name} may reach nothing"


def test_every_manifest_is_named_by_its_kustomization():
    for folder in folders():
        present = {path.name for path in folder.iterdir() if path.name != KUSTOMIZATION}

        assert files_named_by_kustomization(folder) == present, folder


def test_the_base_lists_every_component():
    listed_components = {Path(path).name for path in listed(BASE / KUSTOMIZATION, "components")}
    present = {path.name for path in COMPONENTS.iterdir()} if COMPONENTS.is_dir() else set()

    assert listed_components == present
