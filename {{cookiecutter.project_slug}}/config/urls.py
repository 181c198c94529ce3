"""Root URL configuration: health probes, the admin, and the versioned API."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("health/", include("{{ cookiecutter.project_slug }}.common.urls")),
]

if settings.ADMIN_URL:
    urlpatterns.append(path(settings.ADMIN_URL, admin.site.urls))
