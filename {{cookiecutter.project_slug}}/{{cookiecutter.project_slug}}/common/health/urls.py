from django.urls import path

from . import views

app_name = "health"

urlpatterns = [
    path("live", views.live, name="live"),
    path("ready", views.ready, name="ready"),
    # The same probes with a trailing slash, as people (and some probe configs) type them.
    path("live/", views.live),
    path("ready/", views.ready),
]
