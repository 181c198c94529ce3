"""Celery's processes on Kubernetes (deploy/kubernetes/components/) agree with its settings."""

import json
import re

from .kubernetes_manifests import (
    BASE,
    COMPONENTS,
    KUSTOMIZATION,
    command,
    config_map,
    deployments_running,
    documents,
    egress_ports,
    grace_period,
    listed,
    network_policy,
    read,
)

CELERY = ("celery", "-A", "config")


def test_workers_outlast_the_task_hard_time_limit():
    workers = deployments_running(*CELERY, "worker")

    assert workers
    for name, worker in workers.items():
        # A warm shutdown waits for the running task, which the hard limit ends at the latest.
        assert grace_period(worker) > int(config_map()["CELERY_TASK_TIME_LIMIT"]), name


def test_workers_reach_what_web_reaches():
    web = network_policy(documents("Deployment")["web"])

    for name, worker in deployments_running(*CELERY, "worker").items():
        assert egress_ports(network_policy(worker)) == egress_ports(web), name


def test_the_workers_component_comes_last_so_its_secrets_reach_every_workload():
    # A Component's patches reach only the resources added before it.
    assert listed(BASE / KUSTOMIZATION, "components")[-1] == "../components/celery-worker"
{%- if cookiecutter.use_celery_beat == "yes" %}


def test_exactly_one_beat_is_ever_running():
    beats = deployments_running(*CELERY, "beat")
    autoscaled = re.findall(
        r"scaleTargetRef:\n(?:\s+\w+: .+\n)*?\s+name: (\S+)",
        "".join(documents("HorizontalPodAutoscaler").values()),
    )

    assert beats
    for name, beat in beats.items():
        assert "replicas: 1\n" in beat, name
        assert "type: Recreate" in beat, name
        assert name not in autoscaled


def test_the_migrate_job_migrates_before_it_writes_the_periodic_tasks():
    patch = read(COMPONENTS / "celery-beat" / KUSTOMIZATION)
    [replaced] = re.findall(r"^\s+value: (\[.*\])$", patch, re.MULTILINE)
    script = json.loads(replaced)[-1]
    migrate = " ".join(command(documents("Job")["migrate"]))

    assert script.startswith(f"{migrate} && "), script
    assert script.endswith("manage.py setup_periodic_tasks"), script
{%- endif %}
