"""Sentry starts with the production settings when SENTRY_DSN is set, and sends no personal data."""

import os
import subprocess
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
REPORT_SENTRY_OPTIONS = (
    "import config.settings.production, sentry_sdk; "
    "client = sentry_sdk.get_client(); "
    "print(client.is_active(), client.options.get('send_default_pii'))"
)


def sentry_state(**environment: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", REPORT_SENTRY_OPTIONS],
        cwd=PROJECT_DIR,
        env={
            **os.environ,
            "DJANGO_SECRET_KEY": "s" + "Qm8-vX3_rL9tK2pW7nB4cY6hJ1dF5gZ0aE" * 2,
            "DJANGO_ALLOWED_HOSTS": "api.example.com",
            "DJANGO_DEBUG": "false",
            **environment,
        },
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_sentry_is_on_with_a_dsn_and_sends_no_personal_data():
    # A well-formed DSN; nothing is sent during the import.
    assert sentry_state(SENTRY_DSN="https://public@127.0.0.1:9/1") == "True False"


def test_sentry_is_off_without_a_dsn():
    assert sentry_state(SENTRY_DSN="").startswith("False")
