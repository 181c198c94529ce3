"""Liveness and readiness probes.

/health/live touches nothing but the process, so an orchestrator restarts only a stuck process.
/health/ready checks what a request needs and answers 503 naming each failed dependency, so a
load balancer stops sending traffic until it recovers. The checks come from django-health-check;
details of a failure go to the log, not to the anonymous caller. Read replicas, when configured,
are reported with their lag but never fail readiness: reads fall back to the primary.
"""

import asyncio
import datetime

from asgiref.sync import async_to_sync
from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.utils.module_loading import import_string
from django.views.decorators.cache import never_cache
from health_check.base import HealthCheck, HealthCheckResult
from health_check.checks import Cache, Database

from {{ cookiecutter.project_slug }}.common.data.replicas import replica_states

PROBE_TIMEOUT = datetime.timedelta(seconds=2)


class DatabaseCheck(Database):
    """SELECT 1 on the default database, within the probe budget."""

    timeout = PROBE_TIMEOUT


# What every request needs, then the checks of the optional parts the settings name in
# READINESS_EXTRA_CHECKS (name: dotted path of a HealthCheck class taking a `timeout`).
READINESS_CHECKS: dict[str, HealthCheck] = {
    "database": DatabaseCheck(),
    "cache": Cache(timeout=PROBE_TIMEOUT),
    **{
        name: import_string(path)(timeout=PROBE_TIMEOUT)
        for name, path in getattr(settings, "READINESS_EXTRA_CHECKS", {}).items()
    },
}


async def _run_checks() -> list[HealthCheckResult]:
    return await asyncio.gather(*(check.get_result() for check in READINESS_CHECKS.values()))


@never_cache
def live(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@never_cache
def ready(request: HttpRequest) -> JsonResponse:
    results = async_to_sync(_run_checks)()
    checks = {
        name: "unavailable" if result.error else "ok"
        for name, result in zip(READINESS_CHECKS, results, strict=True)
    }
    failed = [name for name, state in checks.items() if state != "ok"]
    body: dict[str, object] = {
        "status": "unavailable" if failed else "ok",
        "failed": failed,
        "checks": checks,
    }
    replicas = replica_states()
    if replicas:
        body["replicas"] = {
            alias: {"state": replica.state, "lag_seconds": replica.lag_seconds}
            for alias, replica in replicas.items()
        }
    return JsonResponse(body, status=503 if failed else 200)
