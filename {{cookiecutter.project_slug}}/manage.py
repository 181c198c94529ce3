#!/usr/bin/env python
"""Django's command-line utility; defaults to the local (developer) settings."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
{%- if cookiecutter.use_opentelemetry == "yes" %}
    from config.tracing import configure_tracing

    configure_tracing()  # a no-op unless an OTLP endpoint is set
{%- endif %}
    from django.core.management import execute_from_command_line
    from django.db import OperationalError

    try:
        execute_from_command_line(sys.argv)
    except OperationalError as error:
        from {{ cookiecutter.project_slug }}.common.data.connection_errors import (
            unreachable_database_message,
        )

        message = unreachable_database_message(error)
        if message is None:
            raise
        sys.exit(message)


if __name__ == "__main__":
    main()
