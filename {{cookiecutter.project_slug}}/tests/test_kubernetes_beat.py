"""celery beat on Kubernetes (deploy/kubernetes/components/celery-beat/): one, and its schedule."""

import json
import re

from .kubernetes_manifests import (
    COMPONENTS,
    KUSTOMIZATION,
    command,
    deployments_running,
    documents,
    read,
)

# The command of celery beat.
BEAT = ("celery", "-A", "config", "beat")
# The Deployments a HorizontalPodAutoscaler scales.
SCALE_TARGET = re.compile(r"scaleTargetRef:\n(?:\s+\w+: .+\n)*?\s+name: (\S+)")


def test_exactly_one_beat_is_ever_running():
    beats = deployments_running(*BEAT)
    autoscalers = "".join(documents("HorizontalPodAutoscaler").values())

    assert beats
    for name, beat in beats.items():
        # A second beat would send every periodic task twice.
        assert "replicas: 1\n" in beat, name
        assert "type: Recreate" in beat, name
        assert name not in SCALE_TARGET.findall(autoscalers), name


def test_the_migrate_job_migrates_before_it_writes_the_periodic_tasks():
    patch = read(COMPONENTS / "celery-beat" / KUSTOMIZATION)
    [replaced] = re.findall(r"^\s+value: (\[.*\])$", patch, re.MULTILINE)
    script = json.loads(replaced)[-1]
    migrate = " ".join(command(documents("Job")["migrate"]))

    assert script.startswith(f"{migrate} && "), script
    assert script.endswith("manage.py setup_periodic_tasks"), script
