"""The cache: Redis (also the throttles' counters)."""

from config.env import env

REDIS_URL = env("REDIS_URL", default="redis://127.0.0.1:6379/0")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "{{ cookiecutter.project_slug }}",
        "OPTIONS": {
            # Short timeouts: a stuck Redis must fail a request quickly, not hang a worker.
            "socket_connect_timeout": env.float("REDIS_CONNECT_TIMEOUT", default=2.0),
            "socket_timeout": env.float("REDIS_TIMEOUT", default=2.0),
        },
    },
}
