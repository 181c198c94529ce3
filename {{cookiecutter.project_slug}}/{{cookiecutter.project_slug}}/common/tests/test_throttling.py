from django.test import override_settings

from {{ cookiecutter.project_slug }}.common.api.throttling import UserRateThrottle

UNREACHABLE_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
    }
}


def test_requests_pass_unthrottled_while_the_cache_is_down(auth_client, monkeypatch, caplog):
    monkeypatch.setitem(UserRateThrottle.THROTTLE_RATES, "user", "1/minute")

    with override_settings(CACHES=UNREACHABLE_CACHE):
        statuses = [auth_client.get("/api/v1/users/me/").status_code for _ in range(3)]

    assert statuses == [200, 200, 200]
    assert "the cache is unavailable" in caplog.text
