"""Sentry starts with the production settings when SENTRY_DSN is set, and sends no personal data."""

from .production_process import run_with_production_settings

REPORT_SENTRY_STATE = (
    "import sentry_sdk\n"
    "client = sentry_sdk.get_client()\n"
    "print(client.is_active(), client.options.get('send_default_pii'))"
)


def sentry_state(**environment: str) -> str:
    result = run_with_production_settings(REPORT_SENTRY_STATE, **environment)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_sentry_is_on_with_a_dsn_and_sends_no_personal_data():
    # A well-formed DSN; nothing is sent during the import.
    assert sentry_state(SENTRY_DSN="https://public@127.0.0.1:9/1") == "True False"


def test_sentry_is_off_without_a_dsn():
    assert sentry_state(SENTRY_DSN="").startswith("False")
