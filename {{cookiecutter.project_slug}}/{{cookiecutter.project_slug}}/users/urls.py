from django.urls import path

from . import apis

app_name = "users"

urlpatterns = [
    path("auth/token/", apis.TokenObtainApi.as_view(), name="token-obtain"),
{%- if cookiecutter.api_auth == "jwt" %}
    path("auth/token/refresh/", apis.TokenRefreshApi.as_view(), name="token-refresh"),
{%- endif %}
    path("auth/logout/", apis.LogoutApi.as_view(), name="logout"),
    path("users/me/", apis.MeApi.as_view(), name="me"),
]
