"""Plain-words reports for a database that cannot be reached."""

from collections.abc import Mapping
from typing import Any

from django.conf import settings

# MySQL client and server error codes that mean "no usable connection", not a failed query.
CONNECTION_ERROR_CODES = frozenset(
    {
        1044,  # access denied to the database
        1045,  # access denied for the user (wrong password)
        1049,  # unknown database
        2002,  # cannot connect through the socket
        2003,  # cannot connect over TCP
        2005,  # unknown host
        2006,  # the server has gone away
        2013,  # the connection was lost during a query
    }
)
START_HINT = (
    "Start MySQL (`sudo systemctl start mysql`{% if cookiecutter.use_docker == "yes" %}, or `docker compose up -d mysql`{% endif %}), create the "
    "database and user (README.md, Quickstart), or point DATABASE_URL in .env at a running server."
)


def database_display_url(db: Mapping[str, Any] | None = None) -> str:
    """The URL of a database (default: the default one) as configured, without the password."""
    db = db if db is not None else settings.DATABASES["default"]
    host = db["HOST"] or "localhost"
    port = db["PORT"] or 3306
    return f"mysql://{db['USER']}@{host}:{port}/{db['NAME']}"


def unreachable_database_message(error: Exception) -> str | None:
    """A message naming the URL and the fix when `error` means no connection, else None.

    Takes the driver's MySQLdb errors and Django's wrappers of them alike (same args).
    """
    if not error.args or error.args[0] not in CONNECTION_ERROR_CODES:
        return None
    return f"Cannot reach MySQL at {database_display_url()}: {error.args[-1]}\n  {START_HINT}"
