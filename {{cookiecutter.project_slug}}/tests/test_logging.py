"""Log lines are JSON in production, with the request id bound to them."""

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import structlog

from config.log_format import FORMATTERS

PROJECT_DIR = Path(__file__).resolve().parents[1]


def formatter(name: str) -> logging.Formatter:
    options = {key: value for key, value in FORMATTERS[name].items() if key != "()"}
    return FORMATTERS[name]["()"](**options)


def test_a_line_from_plain_logging_is_one_json_object_with_the_request_id():
    record = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1, "Not Found", (), None
    )

    with structlog.contextvars.bound_contextvars(request_id="req-123"):
        line = formatter("json").format(record)

    assert "\n" not in line
    event = json.loads(line)
    assert event["event"] == "Not Found"
    assert event["request_id"] == "req-123"
    assert event["level"] == "warning"
    assert event["logger"] == "django.request"
    assert "timestamp" in event


def test_an_error_line_carries_the_traceback_but_no_local_variables():
    password = "hunter2-never-logged"  # the secret the log must not show
    try:
        raise ValueError(f"bad input of length {len(password)}")
    except ValueError:
        record = logging.LogRecord(
            "django.request", logging.ERROR, __file__, 1, "failed", (), sys.exc_info()
        )

    event = json.loads(formatter("json").format(record))

    [exception] = event["exception"]
    assert exception["exc_type"] == "ValueError"
    assert exception["frames"]
    assert "hunter2-never-logged" not in json.dumps(event)


def test_the_console_format_is_readable_key_values():
    record = logging.LogRecord("app", logging.INFO, __file__, 1, "started", (), None)

    with structlog.contextvars.bound_contextvars(request_id="req-456"):
        line = formatter("console").format(record)

    assert "started" in line
    assert "request_id=req-456" in line


def test_a_django_line_is_written_once_under_the_local_settings():
    code = (
        "import django, logging; django.setup(); "
        "logging.getLogger('django.request').warning('Not Found: /nowhere')"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.local"},
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert result.stderr.count("Not Found: /nowhere") == 1, result.stderr
