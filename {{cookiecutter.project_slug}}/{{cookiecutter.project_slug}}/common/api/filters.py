"""Query-string filters shared by the apps' filter sets."""

from typing import Any, cast

import django_filters
from django import forms
from django.db.models import QuerySet
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter
from rest_framework.request import Request
from rest_framework.views import APIView

from {{ cookiecutter.project_slug }}.common.api.numbers import is_ascii_whole_number


class AsciiIdField(forms.IntegerField):
    """ASCII digits only: Django's IntegerField reads Arabic-Indic digits (common/api/numbers.py)."""

    def to_python(self, value: Any) -> int | None:
        if value not in self.empty_values and not is_ascii_whole_number(str(value)):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class IdFilter(django_filters.NumberFilter):
    """An id in the query string: a whole number, so "0.5" is a 400, not an empty page."""

    field_class = AsciiIdField


class StrictOrderingFilter(OrderingFilter):
    """`?ordering=` that answers 400 for a field it cannot order by, and lists them in the schema.

    DRF's OrderingFilter drops an unknown field silently, so a typo returns the default order
    and looks like it worked.
    """

    def get_ordering(self, request: Request, queryset: QuerySet[Any], view: APIView) -> Any:
        raw = request.query_params.get(self.ordering_param)
        if raw:
            allowed = self.allowed_values(queryset, view, request)
            unknown = [term.strip() for term in raw.split(",") if term.strip() not in allowed]
            if unknown:
                raise ValidationError(
                    {
                        self.ordering_param: [
                            f"Cannot order by {', '.join(unknown)}; use {', '.join(allowed)}."
                        ]
                    }
                )
        return super().get_ordering(request, queryset, view)

    def allowed_values(
        self, queryset: QuerySet[Any], view: APIView, request: Request | None = None
    ) -> list[str]:
        """Each field the view orders by, ascending and descending (`name`, `-name`)."""
        fields = self.get_valid_fields(queryset, view, {"request": request})
        return [value for field, _label in fields for value in (field, f"-{field}")]

    def get_schema_operation_parameters(self, view: APIView) -> list[dict[str, Any]]:
        parameters: list[dict[str, Any]] = super().get_schema_operation_parameters(view)
        if isinstance(getattr(view, "ordering_fields", None), list | tuple):
            for parameter in parameters:
                if parameter["name"] == self.ordering_param:
                    # A comma-separated list of these values, e.g. `name,-created_at`.
                    parameter.update(style="form", explode=False)
                    # Declared fields need no queryset; the view's class attribute stands in.
                    queryset = cast(QuerySet[Any], getattr(view, "queryset", None))
                    parameter["schema"] = {
                        "type": "array",
                        "items": {"type": "string", "enum": self.allowed_values(queryset, view)},
                    }
        return parameters
