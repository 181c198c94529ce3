"""Emptying the cache between tests without touching another service's keys."""

import redis
from django.conf import settings
from django.core.cache import cache


def clear_this_services_cache() -> None:
    """Delete the keys under this service's KEY_PREFIX, and nothing else.

    Not cache.clear(): that flushes the whole Redis database, which the tests of another
    service (another slug) on this machine may be using at the same time.
    """
    client = redis.Redis.from_url(settings.CACHES["default"]["LOCATION"])
    try:
        keys = list(client.scan_iter(match=cache.make_key("*"), count=1000))
        if keys:
            client.delete(*keys)
    finally:
        client.close()
