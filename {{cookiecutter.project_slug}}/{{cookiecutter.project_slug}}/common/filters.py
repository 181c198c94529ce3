"""Query-string filters shared by the apps' filter sets."""

import django_filters
from django import forms


class IdFilter(django_filters.NumberFilter):
    """An id in the query string: a whole number, so "0.5" is a 400, not an empty page."""

    field_class = forms.IntegerField
