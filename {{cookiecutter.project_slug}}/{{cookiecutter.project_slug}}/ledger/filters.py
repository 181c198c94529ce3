"""Query filters of the ledger lists. Each filters on an indexed column (see models.Meta)."""

import django_filters

from {{ cookiecutter.project_slug }}.common.api.filters import IdFilter

from .models import Account, Entry, Tag


class AccountFilter(django_filters.FilterSet):
    class Meta:
        model = Account
        fields = ["name"]


class TagFilter(django_filters.FilterSet):
    class Meta:
        model = Tag
        fields = ["name"]


class EntryFilter(django_filters.FilterSet):
    account = IdFilter(field_name="account_id")
    tag = IdFilter(field_name="tags__id")
    occurred_after = django_filters.DateFilter(field_name="occurred_on", lookup_expr="gte")
    occurred_before = django_filters.DateFilter(field_name="occurred_on", lookup_expr="lte")

    class Meta:
        model = Entry
        fields = ["account", "status", "tag", "occurred_after", "occurred_before"]
