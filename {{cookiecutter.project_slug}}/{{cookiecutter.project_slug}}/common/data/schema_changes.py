"""Schema changes that fail fast instead of queueing traffic behind them.

An ALTER TABLE waits for every open transaction on its table to finish, and every query that
arrives meanwhile waits behind the ALTER: with MySQL's default lock_wait_timeout (a year), one
long transaction stops the whole table. `migrate` therefore gives its session short lock waits,
so a blocked migration fails within seconds and can be retried at a quieter moment (see
.project-rules/backend/database.md, "Changing the schema safely").
"""

from typing import Any

from django.conf import settings
from django.db import connections


def limit_lock_waits(using: str, **kwargs: Any) -> None:
    """pre_migrate receiver: short metadata-lock and row-lock waits for this migrate's session."""
    seconds = settings.DATABASE_MIGRATION_LOCK_WAIT_TIMEOUT
    with connections[using].cursor() as cursor:
        cursor.execute("SET SESSION lock_wait_timeout = %s", [seconds])
        cursor.execute("SET SESSION innodb_lock_wait_timeout = %s", [seconds])
