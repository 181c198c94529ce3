"""Query-string filters shared by the apps' filter sets."""

from typing import Any

import django_filters
from django import forms

from {{ cookiecutter.project_slug }}.common.numbers import is_ascii_whole_number


class AsciiIdField(forms.IntegerField):
    """ASCII digits only: Django's IntegerField reads Arabic-Indic digits (common/numbers.py)."""

    def to_python(self, value: Any) -> int | None:
        if value not in self.empty_values and not is_ascii_whole_number(str(value)):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class IdFilter(django_filters.NumberFilter):
    """An id in the query string: a whole number, so "0.5" is a 400, not an empty page."""

    field_class = AsciiIdField
