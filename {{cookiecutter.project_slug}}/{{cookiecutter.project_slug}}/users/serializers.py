{% if cookiecutter.api_auth == "jwt" -%}
from typing import Any, cast

from django.db import IntegrityError, transaction
from drf_spectacular.utils import extend_schema_serializer
{% endif -%}
from rest_framework import serializers
{%- if cookiecutter.api_auth == "jwt" %}
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.serializers import TokenRefreshSerializer
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken
from rest_framework_simplejwt.tokens import RefreshToken
{%- endif %}

from .models import User


class UserOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "email", "first_name", "last_name", "date_joined"]
        read_only_fields = fields
{%- if cookiecutter.api_auth == "jwt" %}


# simplejwt's own message for a blacklisted token: a lost race answers like a reused token.
ALREADY_USED = "Token is blacklisted"


class SingleUseRefreshToken(RefreshToken):
    """A refresh token that one refresh can blacklist, and only one.

    simplejwt blacklists with get_or_create, which hands a concurrent second caller the row the
    first one inserted: N parallel refreshes of one token all succeeded. Here the database
    decides: the insert of the BlacklistedToken row (unique on the token) succeeds once.
    """

    def blacklist(self) -> BlacklistedToken:
        try:
            with transaction.atomic():
                # Annotated as the row, simplejwt returns get_or_create's (row, created).
                result: Any = super().blacklist()
                blacklisted, created = result
        except IntegrityError as error:  # the insert lost to a concurrent refresh's
            raise TokenError(ALREADY_USED) from error
        if not created:  # blacklisted since this token was checked
            raise TokenError(ALREADY_USED)
        return cast(BlacklistedToken, blacklisted)


# Refresh with rotation in one transaction: the old token's blacklisting and the new token's
# record commit together, or neither does. (A comment: the schema would show a docstring.)
# Named as simplejwt's serializer is, so the schema's components keep their names.
@extend_schema_serializer(component_name="TokenRefresh")
class TokenRefreshInputSerializer(TokenRefreshSerializer):
    token_class = SingleUseRefreshToken

    def validate(self, attrs: dict[str, Any]) -> dict[str, str]:
        with transaction.atomic():
            return super().validate(attrs)
{%- endif %}
{%- if cookiecutter.api_auth == "token" %}


class TokenObtainInputSerializer(serializers.Serializer):
    email = serializers.EmailField()
    password = serializers.CharField(trim_whitespace=False, style={"input_type": "password"})


class TokenOutputSerializer(serializers.Serializer):
    token = serializers.CharField(help_text='Send as "Authorization: Token <token>".')
{%- endif %}
