"""Run code under the production settings in a fresh interpreter, as a server process would."""

import os
import subprocess
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
VALID_SECRET_KEY = "k" + "x7Qz-4vN_p2LwR9sTb6YcJ8mHd3FgKa5EuZ0iOn1Xy" * 2
VALID_PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "DJANGO_SECRET_KEY": VALID_SECRET_KEY,
    "DJANGO_ALLOWED_HOSTS": "api.example.com",
    "DJANGO_DEBUG": "false",
}


def run_with_production_settings(code: str, **overrides: str) -> subprocess.CompletedProcess[str]:
    """Run `code` after importing the production settings, with a valid environment + overrides."""
    return subprocess.run(
        [sys.executable, "-c", f"import config.settings.production as settings\n{code}"],
        cwd=PROJECT_DIR,
        env={**os.environ, **VALID_PRODUCTION_ENV, **overrides},
        capture_output=True,
        text=True,
        check=False,
    )
