"""Two services of different names share one MariaDB and one Redis without colliding.

Both bakes get the same Redis databases (cache, tests' cache, broker, tests' broker) from this
slot. Their whole test suites run at the same time, green; and with a worker of each running,
a task one sends is received by its own worker only, although both register the same task names.
"""

import subprocess
import time

import pytest

SLUGS = ("alpha_service", "beta_service")
TASK = "ledger.reconcile_balances"  # registered by both, as every bake's example app does
# Run by `manage.py shell`: send the task by name, as a service would, and print its id.
SEND_TASK_SCRIPT = f"""
from celery import current_app
print("sent", current_app.send_task({TASK!r}).id)
"""


@pytest.fixture(scope="module")
def two_services(installed):
    return [installed(project_name=slug.replace("_", " ").title()) for slug in SLUGS]


def test_two_services_run_their_whole_suites_at_the_same_time_green(two_services, tmp_path):
    runs = []
    for project in two_services:
        log = (tmp_path / f"{project.path.name}.log").open("wb")
        command = project.readme_command("test-command")
        process = subprocess.Popen(
            ["bash", "-c", command],
            cwd=project.path,
            env=project.environment(),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        runs.append((project, process, log))

    for project, process, log in runs:
        process.wait(timeout=1800)
        log.close()
        output = (tmp_path / f"{project.path.name}.log").read_text(errors="replace")
        assert process.returncode == 0, output[-6000:]
        assert " passed" in output


def worker_log_mentions(log_path, text: str, timeout: float = 60) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if text in log_path.read_text(errors="replace"):
            return True
        time.sleep(0.5)
    return False


def test_each_workers_tasks_are_its_own(two_services, tmp_path):
    script = tmp_path / "send_task.py"
    script.write_text(SEND_TASK_SCRIPT)
    for project in two_services:
        project.run("uv run python manage.py migrate --noinput")
    alpha, beta = two_services
    alpha_log, beta_log = tmp_path / "alpha-worker.log", tmp_path / "beta-worker.log"
    worker = "{command} --hostname {name}@localhost --concurrency 1"

    with (
        alpha.running(
            worker.format(command=alpha.readme_command("worker-command"), name="alpha"), alpha_log
        ),
        beta.running(
            worker.format(command=beta.readme_command("worker-command"), name="beta"), beta_log
        ),
    ):
        for log_path in (alpha_log, beta_log):
            assert worker_log_mentions(log_path, "ready."), log_path.read_text()
        sent = {}
        for project in two_services:
            result = project.run(
                f"DJANGO_SETTINGS_MODULE=config.settings.local "
                f"uv run python manage.py shell --no-imports < {script}"
            )
            sent[project.path.name] = result.stdout.split("sent ", 1)[1].split()[0]

        own = {"alpha_service": alpha_log, "beta_service": beta_log}
        for slug, task_id in sent.items():
            other = own[SLUGS[1 - SLUGS.index(slug)]]
            assert worker_log_mentions(own[slug], task_id), own[slug].read_text()
            assert task_id not in other.read_text(errors="replace")
