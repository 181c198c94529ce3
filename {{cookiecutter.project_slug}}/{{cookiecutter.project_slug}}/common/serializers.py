"""Serializer bases and fields shared by the apps."""

from collections.abc import Callable
from typing import Any

from django.db import models
from django.db.models import QuerySet
from rest_framework import serializers


class StrictCharField(serializers.CharField):
    """A CharField that takes strings only; DRF's own turns 0 or 1.5 into "0" and "1.5"."""

    default_error_messages = {"invalid": "Not a valid string."}

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return str(super().to_internal_value(data))


# Base of the input serializers built from a model: text fields take strings only. (A comment,
# not a docstring: drf-spectacular would show a docstring on every subclass in the schema.)
class InputModelSerializer(serializers.ModelSerializer):
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.CharField: StrictCharField,
        models.TextField: StrictCharField,
    }


class OwnedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """A reference to one of the requesting user's objects, looked up through a selector.

    Another user's id is rejected like a missing one ("does not exist"), so ids never leak.
    """

    def __init__(self, *, selector: Callable[..., QuerySet[Any]], **kwargs: Any) -> None:
        self.selector = selector
        super().__init__(**kwargs)

    def get_queryset(self) -> QuerySet[Any]:
        return self.selector(owner=self.context["request"].user)
