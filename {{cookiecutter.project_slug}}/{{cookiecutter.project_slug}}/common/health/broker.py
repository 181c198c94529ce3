"""The readiness check of the Celery broker; config/settings/celery.py adds it to /health/ready."""

import dataclasses
import datetime

from celery import current_app
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable


@dataclasses.dataclass
class BrokerCheck(HealthCheck):
    """Open a connection to the Celery broker, within the probe budget.

    django-health-check has per-broker checks; this one uses Celery's own connection, so it
    checks the very URL and transport the app sends tasks with, whichever the broker.
    """

    timeout: datetime.timedelta

    def run(self) -> None:
        try:
            with current_app.connection_for_write() as connection:
                connection.ensure_connection(
                    max_retries=1, interval_start=0, timeout=int(self.timeout.total_seconds())
                )
        except Exception as error:  # kombu raises transport-specific errors
            raise ServiceUnavailable("Broker unreachable") from error
