"""Root URL configuration: health probes, the versioned API, its schema and docs, the admin."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from {{ cookiecutter.project_slug }}.common.api.problems import api_not_found
{%- if cookiecutter.use_prometheus == "yes" %}
from {{ cookiecutter.project_slug }}.common.observability.metrics import metrics
{%- endif %}

# Version 1 of the API; request.version is "v1" (NamespaceVersioning).
api_v1_patterns = [
    path("", include("{{ cookiecutter.project_slug }}.users.urls")),
{%- if cookiecutter.include_example_app == "yes" %}
    path("", include("{{ cookiecutter.project_slug }}.ledger.urls")),
{%- endif %}
]

urlpatterns = [
    path("health/", include("{{ cookiecutter.project_slug }}.common.health.urls")),
{%- if cookiecutter.use_prometheus == "yes" %}
    path("metrics", metrics, name="metrics"),
{%- endif %}
    path("api/v1/", include((api_v1_patterns, "v1"))),
    path("api/schema/", SpectacularAPIView.as_view(api_version="v1"), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    # Anything else under /api/ is a 404 problem, not Django's HTML page.
    re_path(r"^api/", api_not_found),
]

if settings.ADMIN_URL:
    urlpatterns.append(path(settings.ADMIN_URL, admin.site.urls))
