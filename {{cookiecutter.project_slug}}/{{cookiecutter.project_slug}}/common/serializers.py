"""Serializer fields shared by the apps."""

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from rest_framework import serializers


class OwnedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """A reference to one of the requesting user's objects, looked up through a selector.

    Another user's id is rejected like a missing one ("does not exist"), so ids never leak.
    """

    def __init__(self, *, selector: Callable[..., QuerySet[Any]], **kwargs: Any) -> None:
        self.selector = selector
        super().__init__(**kwargs)

    def get_queryset(self) -> QuerySet[Any]:
        return self.selector(owner=self.context["request"].user)
