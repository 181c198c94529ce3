"""Reads from MySQL replicas, with read-your-writes; every write on the primary.

Active when DATABASE_REPLICA_URLS names one or more replicas (see config/settings/database.py and
.project-rules/backend/database.md, "Read replicas"). Reads go to a replica only inside a
routing scope, opened around one unit of work by routing_scope(): the middleware opens one for
each request. Everything else reads the primary: migrations, management commands, the shell,
tests. Inside a scope:

- after the first write (any call of db_for_write), every later read of the scope goes to the
  primary, and, for a request by an authenticated user, that user's requests for the next
  DATABASE_READ_YOUR_WRITES_SECONDS do too, so a client that creates then lists sees its row;
- reads inside a transaction on the primary stay on the primary (select_for_update is a write);
- a replica that is down, not replicating, or more than DATABASE_REPLICA_MAX_LAG seconds behind
  is skipped until its next check, and reads fall back to the primary.

Written here rather than taken from django-multidb-router: that library pins by a cookie, which
API clients do not keep, and has no lag or outage check.
"""

import random
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.cache import cache
from django.db import DatabaseError, connections
from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject
from redis.exceptions import RedisError

PRIMARY = "default"
# A replica's state is checked at most this often per process: the check is a query.
CHECK_INTERVAL_SECONDS = 5.0


@dataclass
class RoutingScope:
    request: HttpRequest | None = None
    wrote: bool = False
    pinned: bool = False
    user_checked: bool = False


_scope: ContextVar[RoutingScope | None] = ContextVar("replica_routing_scope", default=None)


@contextmanager
def routing_scope(request: HttpRequest | None = None) -> Iterator[RoutingScope]:
    """Let the reads of one unit of work, such as a request, go to a replica until it writes."""
    scope = RoutingScope(request=request)
    token = _scope.set(scope)
    try:
        yield scope
    finally:
        _scope.reset(token)


def current_routing_scope() -> RoutingScope | None:
    """The routing scope the running code is in, if any (None: every read goes to the primary)."""
    return _scope.get()


@dataclass
class ReplicaState:
    """The outcome of a replica's last check: "ok", "lagging", "not replicating", "unavailable"."""

    state: str
    lag_seconds: int | None
    checked_at: float = field(default_factory=time.monotonic)


_states: dict[str, ReplicaState] = {}


def replica_aliases() -> list[str]:
    return [alias for alias in settings.DATABASES if alias != PRIMARY]


def check_replica(alias: str) -> ReplicaState:
    """Ask the replica how far behind it is (SHOW REPLICA STATUS, on MySQL 8.4 and MariaDB)."""
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SHOW REPLICA STATUS")
            row = cursor.fetchone()
            columns = [column[0] for column in cursor.description or ()]
    except DatabaseError:
        connections[alias].close()
        return ReplicaState("unavailable", None)
    if row is None:
        return ReplicaState("not replicating", None)
    status = dict(zip(columns, row, strict=True))
    # MySQL 8.4 names it Seconds_Behind_Source; MariaDB Seconds_Behind_Master. NULL: stopped.
    lag = status.get("Seconds_Behind_Source", status.get("Seconds_Behind_Master"))
    if lag is None:
        return ReplicaState("not replicating", None)
    if lag > settings.DATABASE_REPLICA_MAX_LAG:
        return ReplicaState("lagging", int(lag))
    return ReplicaState("ok", int(lag))


def replica_states() -> dict[str, ReplicaState]:
    """Each replica's state, checked again once CHECK_INTERVAL_SECONDS have passed."""
    now = time.monotonic()
    states: dict[str, ReplicaState] = {}
    for alias in replica_aliases():
        known = _states.get(alias)
        if known is None or now - known.checked_at >= CHECK_INTERVAL_SECONDS:
            known = _states[alias] = check_replica(alias)
        states[alias] = known
    return states


def forget_replica_states() -> None:
    """Check every replica again on the next read (tests, and after a failover)."""
    _states.clear()


def _recent_writer_key(user_id: Any) -> str:
    return f"replicas:recent-writer:{user_id}"


def _authenticated_user_id(request: HttpRequest) -> Any:
    """The user DRF authenticated for this request, or None while it is not known yet.

    DRF replaces the request's lazy user with the authenticated one. The lazy user itself is
    left alone: resolving it would query the database from inside the router.
    """
    user = vars(request).get("user")
    if type(user) is SimpleLazyObject or not isinstance(user, AbstractBaseUser):
        return None  # (the type test first: isinstance would resolve a lazy object)
    return user.pk


def _must_read_primary(scope: RoutingScope) -> bool:
    if scope.wrote or scope.pinned or connections[PRIMARY].in_atomic_block:
        return True
    if scope.request is not None and not scope.user_checked:
        user_id = _authenticated_user_id(scope.request)
        if user_id is not None:
            scope.user_checked = True
            try:
                scope.pinned = bool(cache.get(_recent_writer_key(user_id)))
            except RedisError:  # no cache: no window, but the read itself still works
                scope.pinned = False
    return scope.pinned


class ReplicaRouter:
    """Django database router: see the module docstring."""

    def db_for_read(self, model: Any, **hints: Any) -> str:
        scope = _scope.get()
        if scope is None or _must_read_primary(scope):
            return PRIMARY
        healthy = [alias for alias, state in replica_states().items() if state.state == "ok"]
        return random.choice(healthy) if healthy else PRIMARY  # noqa: S311 - load spreading

    def db_for_write(self, model: Any, **hints: Any) -> str:
        scope = _scope.get()
        if scope is not None:
            scope.wrote = True
        return PRIMARY

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # every alias holds the same data

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == PRIMARY  # replicas receive the schema by replication


class ReplicaRoutingMiddleware:
    """Open a routing scope per request; remember a user who wrote, for the window."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with routing_scope(request) as scope:
            response: HttpResponse = self.get_response(request)
            user_id = _authenticated_user_id(request)
            if scope.wrote and user_id is not None:
                # The write succeeded: without the cache only the window is lost.
                with suppress(RedisError):
                    cache.set(
                        _recent_writer_key(user_id),
                        1,
                        timeout=settings.DATABASE_READ_YOUR_WRITES_SECONDS,
                    )
        return response
