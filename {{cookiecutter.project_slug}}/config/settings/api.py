"""The API: Django REST Framework and its OpenAPI schema (drf-spectacular)."""

from typing import Any

from config.env import env

{% if cookiecutter.api_auth == "jwt" -%}
API_AUTHENTICATION_CLASS = "rest_framework_simplejwt.authentication.JWTAuthentication"
{% else -%}
API_AUTHENTICATION_CLASS = "rest_framework.authentication.TokenAuthentication"
{% endif -%}
REST_FRAMEWORK: dict[str, Any] = {
    # Token authentication only: no session cookies (and their CSRF) and no Basic auth on the
    # API. Sessions serve the admin and the API docs (SPECTACULAR_SETTINGS below).
    "DEFAULT_AUTHENTICATION_CLASSES": [API_AUTHENTICATION_CLASS],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "{{ cookiecutter.project_slug }}.common.api.parsers.JSONParser",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "{{ cookiecutter.project_slug }}.common.api.throttling.AnonRateThrottle",
        "{{ cookiecutter.project_slug }}.common.api.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_THROTTLE_RATE_ANON", default="60/minute"),
        "user": env("API_THROTTLE_RATE_USER", default="600/minute"),
        # Login and token endpoints: slows password guessing, keyed by client address.
        "auth": env("API_THROTTLE_RATE_AUTH", default="10/minute"),
    },
    # Proxies in front of the service whose X-Forwarded-For hop is trusted as the client address
    # (the throttles' key). 0 trusts no forwarded header: a client could pick its own key.
    "NUM_PROXIES": env.int("DJANGO_NUM_PROXIES", default=0),
    "DEFAULT_PAGINATION_CLASS": "{{ cookiecutter.project_slug }}.common.api.pagination.CursorPagination",
    "DEFAULT_VERSIONING_CLASS": "rest_framework.versioning.NamespaceVersioning",
    "DEFAULT_VERSION": "v1",
    "ALLOWED_VERSIONS": ["v1"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "{{ cookiecutter.project_slug }}.common.api.filters.StrictOrderingFilter",
    ],
    "URL_FORMAT_OVERRIDE": None,
    "EXCEPTION_HANDLER": "{{ cookiecutter.project_slug }}.common.api.problems.problem_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "{{ cookiecutter.project_slug }}.common.api.schema.ProblemAutoSchema",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

SPECTACULAR_SETTINGS: dict[str, Any] = {
    "TITLE": {{ cookiecutter.project_name | python_string('"TITLE": ') }},
    "DESCRIPTION": {{ cookiecutter.description | python_string('"DESCRIPTION": ') }},
    "VERSION": "{{ cookiecutter.version }}",
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    # The schema documents the API's own authentication, in every environment.
    "AUTHENTICATION_WHITELIST": [API_AUTHENTICATION_CLASS],
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # The docs page is served with its assets from drf-spectacular-sidecar: no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # The API's scheme first: an anonymous request gets a 401 naming it in WWW-Authenticate
    # (with the session first, DRF answers a bare 403).
    "SERVE_AUTHENTICATION": [
        API_AUTHENTICATION_CLASS,
        "rest_framework.authentication.SessionAuthentication",
    ],
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAdminUser"],
}
