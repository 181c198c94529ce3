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
# Several, so that a shared queue would hand some to the other worker: with one, a 50/50 chance.
TASKS_EACH = 6
# Run by `manage.py shell`: send the task by name, as a service would, and print the ids.
SEND_TASK_SCRIPT = f"""
from celery import current_app
for _ in range({TASKS_EACH}):
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
            sent[project.path.name] = [
                line.split()[1] for line in result.stdout.splitlines() if line.startswith("sent ")
            ]

        own = {"alpha_service": alpha_log, "beta_service": beta_log}
        for slug, task_ids in sent.items():
            assert len(task_ids) == TASKS_EACH
            for task_id in task_ids:
                assert worker_log_mentions(own[slug], task_id), own[slug].read_text()
        for slug, task_ids in sent.items():
            other_log = own[SLUGS[1 - SLUGS.index(slug)]].read_text(errors="replace")
            assert [task_id for task_id in task_ids if task_id in other_log] == []
