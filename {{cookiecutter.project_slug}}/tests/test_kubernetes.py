"""The Kubernetes manifests agree with the code they run (deploy/kubernetes/, README.md).

The manifests are read as text with regular expressions: the project has no typed YAML parser,
and these files are ours, one setting a line. The template's own tests render every overlay
with kubectl and validate it against the Kubernetes schemas.
"""

import re

from django.urls import Resolver404, resolve

from .test_environment import PROJECT_DIR, variables_read_by_settings

BASE = PROJECT_DIR / "deploy" / "kubernetes" / "base"
# The test settings' own variables; the test settings never run in a cluster.
TEST_ONLY_PREFIX = "TEST_"
# Media on the local disk, for one host only: a cluster keeps media in its bucket, and
# production refuses to start without one unless these say one host runs the service.
NEVER_IN_A_CLUSTER = {"MEDIA_SINGLE_HOST", "MEDIA_ROOT"}
# What the web pod's preStop hook sleeps before gunicorn gets SIGTERM.
PRE_STOP = re.compile(r'command: \["sleep", "(\d+)"\]')
# The Deployments that run the app's code for as long as they are up.
LONG_RUNNING = ["web.yaml"{% if cookiecutter.use_celery == "yes" %}, "worker.yaml"{% endif %}{% if cookiecutter.use_celery_beat == "yes" %}, "beat.yaml"{% endif %}]
GRACE_PERIOD = re.compile(r"terminationGracePeriodSeconds: (\d+)")
# The only writable place in a container: an in-memory emptyDir, private to the pod.
WRITABLE = "/tmp"  # noqa: S108  # nosec B108


def manifest(name: str) -> str:
    return (BASE / name).read_text(encoding="utf-8")


def config_map() -> dict[str, str]:
    """The ConfigMap's variables (config.env: NAME=value lines)."""
    lines = manifest("config.env").splitlines()
    return dict(line.split("=", 1) for line in lines if "=" in line and not line.startswith("#"))


def secret_references() -> set[str]:
    """Variables set from the Secret by reference (secretKeyRef), in any manifest."""
    return {
        name
        for path in BASE.glob("*.yaml")
        for name in re.findall(
            r"- name: (\w+)\n\s+valueFrom:\n\s+secretKeyRef: \{[^}]*key: \1\b",
            path.read_text(encoding="utf-8"),
        )
    }


def test_containers_are_stateless_and_write_only_to_memory():
    pod_defaults = manifest("pod-defaults.yaml")
    mounts = re.findall(r"mountPath: (\S+)", pod_defaults)

    assert "readOnlyRootFilesystem: true" in pod_defaults
    assert all(mount.startswith(WRITABLE) for mount in mounts), mounts
    assert pod_defaults.count("emptyDir:") == pod_defaults.count("medium: Memory") == len(mounts)
    manifests = "".join(manifest(path.name) for path in BASE.glob("*.yaml"))
    assert "persistentVolumeClaim" not in manifests


def test_the_probe_paths_exist_in_the_url_conf():
    paths = re.findall(r"path: (/\S+)", manifest("web.yaml"))

    assert {"/health/live", "/health/ready"} <= set(paths)
    for path in paths:
        try:
            resolve(path)
        except Resolver404:
            raise AssertionError(f"web.yaml probes {path}, which no URL pattern serves") from None


def test_every_variable_the_settings_read_comes_from_the_config_map_or_a_secret():
    provided = set(config_map()) | secret_references()
    read = {name for name in variables_read_by_settings() if not name.startswith(TEST_ONLY_PREFIX)}

    missing = sorted(read - provided - NEVER_IN_A_CLUSTER)

    assert missing == [], f"neither config.env nor a secretKeyRef provides {missing}"


def test_media_go_to_a_bucket_never_to_a_pods_disk():
    provided = set(config_map()) | secret_references()
    manifests = "".join(manifest(path.name) for path in BASE.glob("*.yaml"))

    assert config_map()["MEDIA_BUCKET"]
    assert {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"} <= secret_references()
    assert NEVER_IN_A_CLUSTER.isdisjoint(provided)
    assert not any(name in manifests for name in NEVER_IN_A_CLUSTER)


def test_no_secret_value_is_in_the_config_map():
    secrets = secret_references()

    assert secrets, "the manifests reference no Secret"
    assert secrets.isdisjoint(config_map())


def test_web_grace_period_outlasts_the_pre_stop_sleep_and_gunicorn_graceful_timeout():
    web = manifest("web.yaml")
    [grace] = GRACE_PERIOD.findall(web)
    [pre_stop] = PRE_STOP.findall(web)

    assert int(grace) > int(pre_stop) + int(config_map()["GUNICORN_GRACEFUL_TIMEOUT"])
{%- if cookiecutter.use_celery == "yes" %}


def test_worker_grace_period_outlasts_the_task_hard_time_limit():
    [grace] = GRACE_PERIOD.findall(manifest("worker.yaml"))

    # A warm shutdown waits for the running task, which the hard limit ends at the latest.
    assert int(grace) > int(config_map()["CELERY_TASK_TIME_LIMIT"])
{%- endif %}
{%- if cookiecutter.use_celery_beat == "yes" %}


def test_exactly_one_beat_is_ever_running():
    beat = manifest("beat.yaml")

    assert "replicas: 1\n" in beat
    assert "type: Recreate" in beat
    assert "beat" not in manifest("web-autoscaling.yaml")
{%- endif %}


def test_web_and_workers_never_migrate():
    commands = {name: re.findall(r"args: (.*)", manifest(name)) for name in LONG_RUNNING}

    assert "migrate" in str(re.findall(r"args: (.*)", manifest("migrate-job.yaml")))
    assert all("migrate" not in str(args) for args in commands.values()), commands


def test_every_manifest_is_listed_in_the_kustomization():
    listed = set(re.findall(r"^  - (\S+\.yaml)$", manifest("kustomization.yaml"), re.MULTILINE))
    present = {path.name for path in BASE.glob("*.yaml")} - {"kustomization.yaml"}

    assert listed | {"pod-defaults.yaml"} == present
