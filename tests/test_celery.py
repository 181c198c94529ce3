"""Celery in the generated project: the README's worker answers, and the options are honoured."""

import os
import signal
import subprocess
import time

import pytest

from tests.answers import RABBITMQ, WITH_FLOWER, WITHOUT_BEAT, WITHOUT_CELERY
from tests.test_options import mentions

PING_ATTEMPTS = 30


@pytest.mark.parametrize("answers", [{}, RABBITMQ], ids=["redis", "rabbitmq"])
def test_a_worker_started_as_the_readme_says_answers_ping(installed, answers, tmp_path):
    project = installed(**answers)
    log_path = tmp_path / "worker.log"
    with log_path.open("wb") as log:
        worker = subprocess.Popen(
            ["bash", "-c", project.readme_command("worker-command")],
            cwd=project.path,
            env=project.environment(),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, stopped as a whole below
        )
    try:
        for _ in range(PING_ATTEMPTS):
            ping = project.run(project.readme_command("worker-ping-command"), check=False)
            if ping.returncode == 0:
                break
            assert worker.poll() is None, log_path.read_text()
            time.sleep(1)
        assert ping.returncode == 0, ping.stdout + ping.stderr + log_path.read_text()
        assert "pong" in ping.stdout
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(timeout=30)


def test_without_celery_no_trace_of_it_remains(bake):
    project = bake(**WITHOUT_CELERY)

    assert not (project.path / "config" / "celery.py").exists()
    assert mentions(project, r"celery|kombu|flower|broker|enqueue_on_commit|task_names") == []


def test_without_beat_no_trace_of_it_remains(bake):
    project = bake(**WITHOUT_BEAT)

    assert mentions(project, r"celery_beat|celery-beat|periodic|\bbeat\b") == []
    assert mentions(project, r"celery") != []


def test_flower_is_left_out_unless_chosen(bake):
    assert mentions(bake(), r"flower") == []

    flower = bake(**WITH_FLOWER)
    assert (flower.path / "config" / "flower.py").is_file()
    assert "FLOWER_BASIC_AUTH" in (flower.path / ".env.example").read_text()
