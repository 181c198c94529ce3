"""OpenAPI: the problem-details schema, documented on every operation."""

from typing import Any

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import permissions, serializers

from {{ cookiecutter.project_slug }}.common.api.problems import (
    PROBLEM_CONTENT_TYPE,
    status_phrase,
)


class ProblemFieldErrorSerializer(serializers.Serializer):
    field = serializers.CharField(
        allow_null=True, help_text='The invalid field, nested as "a.b"; null for the whole body.'
    )
    code = serializers.CharField(help_text="Machine-readable reason, e.g. required, invalid.")
    detail = serializers.CharField(help_text="Human-readable reason.")


class ProblemSerializer(serializers.Serializer):
    """RFC 9457 problem details."""

    type = serializers.URLField(help_text="Identifies the kind of problem.")
    title = serializers.CharField(help_text="Short summary of the kind of problem.")
    status = serializers.IntegerField(help_text="The HTTP status code.")
    detail = serializers.CharField(help_text="What went wrong this time.")
    instance = serializers.CharField(help_text="The request path this problem occurred on.")

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        # Added here, not declared above: a class attribute named "errors" would shadow the
        # Serializer.errors property (for type checkers, if not at run time).
        fields["errors"] = ProblemFieldErrorSerializer(
            many=True, required=False, help_text="Every invalid field (validation problems only)."
        )
        return fields


# Permissions that never answer 403 here: without credentials the API answers 401.
PERMISSIONS_WITHOUT_403 = (permissions.AllowAny, permissions.IsAuthenticated)


def decimal_pattern(field: serializers.DecimalField) -> str:
    """The strings a DecimalField takes: at least one digit, within its digits and places.

    drf-spectacular's own pattern makes every digit optional, so it admits "", "-" and ".".
    """
    places = field.decimal_places or 0
    if not field.max_digits:
        whole = r"\d+"
    elif field.max_digits > places:
        whole = _digits(1, field.max_digits - places)
    else:
        whole = "0"
    if not places:
        return f"^-?{whole}$"
    return rf"^-?(?:{whole}(?:\.{_digits(0, places)})?|\.{_digits(1, places)})$"


def _digits(fewest: int, most: int) -> str:
    # Braces joined, not doubled in an f-string: this file is a Jinja template too.
    return r"\d" + "{" + f"{fewest},{most}" + "}"


class ProblemAutoSchema(AutoSchema):
    """AutoSchema that adds the problem responses each operation can give."""

    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)
        for status_code in self._problem_status_codes():
            problem = OpenApiResponse(ProblemSerializer, description=status_phrase(status_code))
            responses.setdefault(
                str(status_code),
                self._get_response_for_code(
                    problem, str(status_code), [PROBLEM_CONTENT_TYPE], direction
                ),
            )
        return responses

    def _map_serializer_field(
        self, field: Any, direction: Any, bypass_extensions: bool = False
    ) -> dict[str, Any]:
        schema: dict[str, Any] = super()._map_serializer_field(field, direction, bypass_extensions)
        if isinstance(field, serializers.DecimalField) and "pattern" in schema:
            schema["pattern"] = decimal_pattern(field)
        return schema

    def _problem_status_codes(self) -> list[int]:
        has_body = self.method in {"POST", "PUT", "PATCH"} and bool(self.get_request_serializer())
        has_query = bool(self._get_filter_parameters() or self._get_pagination_parameters())
        codes = [401, 406, 429, 500, 503]
        if has_body or has_query:
            codes.append(400)
        if has_body:
            codes.extend((413, 415))
        if "{" in self.path:
            codes.append(404)
        if any(
            type(permission) not in PERMISSIONS_WITHOUT_403
            for permission in self.view.get_permissions()
        ):
            codes.append(403)
        return sorted(codes)
