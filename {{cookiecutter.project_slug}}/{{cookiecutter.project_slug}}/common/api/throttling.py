"""Throttles of the API, counted in the Redis cache, open while the cache is down."""

import logging
from typing import Any

from redis.exceptions import RedisError
from rest_framework import throttling
from rest_framework.request import Request

logger = logging.getLogger(__name__)


class FailOpenOnCacheOutage(throttling.SimpleRateThrottle):
    """Let a request through when the cache cannot count it.

    Throttling protects capacity; refusing every request while Redis is down would turn a cache
    outage into a full outage. The skip is logged, and /health/ready reports the cache.
    """

    def allow_request(self, request: Request, view: Any) -> bool:
        try:
            return super().allow_request(request, view)
        except RedisError:
            logger.warning("Throttle %s skipped: the cache is unavailable.", self.scope)
            return True


class AnonRateThrottle(FailOpenOnCacheOutage, throttling.AnonRateThrottle):
    """Anonymous clients, by address: the "anon" rate."""


class UserRateThrottle(FailOpenOnCacheOutage, throttling.UserRateThrottle):
    """Authenticated users, by user id: the "user" rate."""


class AuthRateThrottle(FailOpenOnCacheOutage, throttling.ScopedRateThrottle):
    """Login, token and logout endpoints, by address: the "auth" rate (views set throttle_scope)."""
