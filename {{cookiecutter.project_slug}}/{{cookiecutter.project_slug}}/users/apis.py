"""The users API: authentication endpoints and the current user."""

{% if cookiecutter.api_auth == "jwt" -%}
from collections.abc import Sequence

from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import BaseThrottle
from rest_framework.views import APIView
from rest_framework_simplejwt import views as jwt_views

from {{ cookiecutter.project_slug }}.common.api.throttling import AuthRateThrottle

from .serializers import TokenRefreshInputSerializer, UserOutputSerializer


class AuthThrottled:
    """The scoped "auth" throttle (by client address) in place of the defaults."""

    throttle_scope = "auth"
    throttle_classes: Sequence[type[BaseThrottle]] = (AuthRateThrottle,)


class TokenObtainApi(AuthThrottled, jwt_views.TokenObtainPairView):
    """Exchange e-mail and password for an access and a refresh token.

    An unknown e-mail and a wrong password get the same 401.
    """


class TokenRefreshApi(AuthThrottled, jwt_views.TokenRefreshView):
    """Exchange a refresh token for a new access and refresh token; the old one is blacklisted."""

    # Of concurrent refreshes with one token, one succeeds; the others get a reused token's 401.
    serializer_class = TokenRefreshInputSerializer


class LogoutApi(AuthThrottled, jwt_views.TokenBlacklistView):
    """Blacklist a refresh token, ending that session."""
{%- else -%}
from django.contrib.auth import authenticate
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, status
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from {{ cookiecutter.project_slug }}.common.api.throttling import AuthRateThrottle

from .serializers import TokenObtainInputSerializer, TokenOutputSerializer, UserOutputSerializer


class TokenObtainApi(APIView):
    """Exchange e-mail and password for an API token.

    An unknown e-mail, a wrong password and an inactive user all get the same 401.
    """

    authentication_classes = ()
    permission_classes = (AllowAny,)
    throttle_scope = "auth"
    throttle_classes = [AuthRateThrottle]

    def get_authenticate_header(self, request: Request) -> str:
        # Wrong credentials are a 401 naming the scheme to use, not a bare 403.
        return "Token"

    @extend_schema(request=TokenObtainInputSerializer, responses={200: TokenOutputSerializer})
    def post(self, request: Request) -> Response:
        serializer = TokenObtainInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = authenticate(request, **serializer.validated_data)
        # DRF's Token model is the API's own authentication plumbing, so it is used here, in
        # the view: services never import rest_framework (.project-rules: module layout).
        if user is None:
            raise exceptions.AuthenticationFailed("No active account found with these credentials.")
        token, _created = Token.objects.get_or_create(user=user)
        return Response(TokenOutputSerializer({"token": token.key}).data)


class LogoutApi(APIView):
    """Revoke the token this request was made with."""

    throttle_scope = "auth"
    throttle_classes = [AuthRateThrottle]

    @extend_schema(request=None, responses={204: None})
    def post(self, request: Request) -> Response:
        request.auth.delete()
        return Response(status=status.HTTP_204_NO_CONTENT)
{%- endif %}


class MeApi(APIView):
    """The authenticated user."""

    @extend_schema(responses=UserOutputSerializer)
    def get(self, request: Request) -> Response:
        return Response(UserOutputSerializer(request.user).data)
