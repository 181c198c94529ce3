"""Celery processes of the generated project, started as its README says."""

import time
import urllib.error
import urllib.request
from base64 import b64encode

import pytest

from tests.answers import ALL_ON, DEFAULT
from tests.generated import SLOT

ATTEMPTS = 30
FLOWER_PORT = str(15555 + 10 * SLOT)


@pytest.mark.parametrize("answers", [DEFAULT, ALL_ON], ids=["redis", "rabbitmq"])
def test_a_worker_started_as_the_readme_says_answers_ping(installed, answers, tmp_path):
    project = installed(**answers)
    log_path = tmp_path / "worker.log"

    with project.running(project.readme_command("worker-command"), log_path) as worker:
        for _ in range(ATTEMPTS):
            ping = project.run(project.readme_command("worker-ping-command"), check=False)
            if ping.returncode == 0:
                break
            assert worker.poll() is None, log_path.read_text()
            time.sleep(1)

    assert ping.returncode == 0, ping.stdout + ping.stderr + log_path.read_text()
    assert "pong" in ping.stdout


def status_of(url: str, credentials: str | None = None) -> int:
    request = urllib.request.Request(url)  # noqa: S310 - a local test URL
    if credentials:
        request.add_header("Authorization", f"Basic {b64encode(credentials.encode()).decode()}")
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_flower_refuses_to_start_without_a_password_and_asks_for_it(installed, tmp_path):
    project = installed(**ALL_ON)
    command = project.readme_command("flower-command")

    refused = project.run(command, check=False, FLOWER_BASIC_AUTH="", FLOWER_PORT=FLOWER_PORT)
    assert refused.returncode != 0
    assert "FLOWER_BASIC_AUTH must be set" in refused.stdout + refused.stderr

    url = f"http://127.0.0.1:{FLOWER_PORT}/"
    with project.running(
        command,
        tmp_path / "flower.log",
        FLOWER_BASIC_AUTH="ops:s3cret-pass",
        FLOWER_PORT=FLOWER_PORT,
    ):
        anonymous = None
        for _ in range(ATTEMPTS):
            try:
                anonymous = status_of(url)
                break
            except OSError:  # not listening yet
                time.sleep(1)
        assert anonymous == 401
        assert status_of(url, "ops:wrong") == 401
        assert status_of(url, "ops:s3cret-pass") == 200
