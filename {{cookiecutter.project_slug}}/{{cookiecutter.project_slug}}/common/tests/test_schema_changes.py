"""`migrate` fails fast when a table it must change is in use, instead of blocking traffic."""

import threading
from contextlib import suppress

import MySQLdb
import pytest
from django.core.management import call_command
from django.db import OperationalError, connection
from django.test import override_settings

# If the timeout is not applied, the ALTER would wait for the blocker for up to a year; the
# blocker gives up after this many seconds, so the test fails instead of hanging.
BLOCKER_GIVES_UP_AFTER = 20


@pytest.mark.django_db(transaction=True)
@override_settings(DATABASE_MIGRATION_LOCK_WAIT_TIMEOUT=1)
def test_a_schema_change_blocked_by_an_open_transaction_fails_fast() -> None:
    call_command("migrate", verbosity=0)  # nothing to apply; its session gets its lock waits
    blocker = MySQLdb.connect(**connection.get_connection_params())
    gives_up = threading.Timer(BLOCKER_GIVES_UP_AFTER, blocker.close)
    try:
        blocker.query("START TRANSACTION")
        blocker.query("SELECT id FROM users_user LIMIT 1")  # holds the table's metadata lock
        blocker.store_result()
        gives_up.start()
        with connection.cursor() as cursor, pytest.raises(OperationalError) as raised:
            cursor.execute("ALTER TABLE users_user ADD COLUMN blocked_probe INT NULL")
        assert raised.value.args[0] == 1205  # ER_LOCK_WAIT_TIMEOUT
    finally:
        gives_up.cancel()
        with suppress(MySQLdb.Error):  # already closed if it gave up
            blocker.close()
