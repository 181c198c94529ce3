"""Celery's workers on Kubernetes (deploy/kubernetes/components/celery-worker/) fit its settings."""

from .kubernetes_manifests import (
    BASE,
    KUSTOMIZATION,
    config_map,
    deployments_running,
    documents,
    egress_ports,
    grace_period,
    listed,
    network_policy,
)

# The command of a Celery worker.
WORKER = ("celery", "-A", "config", "worker")


def test_workers_outlast_the_task_hard_time_limit():
    workers = deployments_running(*WORKER)

    assert workers
    for name, worker in workers.items():
        # A warm shutdown waits for the running task, which the hard limit ends at the latest.
        assert grace_period(worker) > int(config_map()["CELERY_TASK_TIME_LIMIT"]), name


def test_workers_reach_what_web_reaches():
    web = network_policy(documents("Deployment")["web"])

    for name, worker in deployments_running(*WORKER).items():
        assert egress_ports(network_policy(worker)) == egress_ports(web), name


def test_the_workers_component_comes_last_so_its_secrets_reach_every_workload():
    # A Component's patches reach only the resources added before it.
    assert listed(BASE / KUSTOMIZATION, "components")[-1] == "../components/celery-worker"
