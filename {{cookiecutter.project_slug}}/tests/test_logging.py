"""Log lines are JSON in production, with the request id bound to them."""

import json
import logging
import sys

import structlog

from config.log_format import FORMATTERS


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
