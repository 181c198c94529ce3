from django.urls import path

from . import health

app_name = "health"

urlpatterns = [
    path("live", health.live, name="live"),
    path("ready", health.ready, name="ready"),
    # The same probes with a trailing slash, as people (and some probe configs) type them.
    path("live/", health.live),
    path("ready/", health.ready),
]
