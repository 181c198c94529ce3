"""Serializer bases and fields shared by the apps."""

from collections.abc import Callable
from typing import Any, cast

from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import QuerySet
from rest_framework import serializers
from rest_framework.relations import MANY_RELATION_KWARGS

from {{ cookiecutter.project_slug }}.common.api.numbers import is_ascii_whole_number


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
    An id is a JSON integer or a string of ASCII digits. With many=True, max_length is required:
    the list is a JSON array of at most that many ids, resolved in one query (OwnedManyRelatedField).
    """

    def __init__(self, *, selector: Callable[..., QuerySet[Any]], **kwargs: Any) -> None:
        self.selector = selector
        super().__init__(**kwargs)

    @classmethod
    def many_init(cls, *args: Any, **kwargs: Any) -> "OwnedManyRelatedField":
        max_length = kwargs.pop("max_length")  # KeyError: every list in a body has a bound
        many_kwargs = {key: kwargs[key] for key in MANY_RELATION_KWARGS if key in kwargs}
        return OwnedManyRelatedField(
            child_relation=cls(*args, **kwargs), max_length=max_length, **many_kwargs
        )

    def get_queryset(self) -> QuerySet[Any]:
        return self.selector(owner=self.context["request"].user)

    def to_internal_value(self, data: Any) -> Any:
        return super().to_internal_value(self.checked_pk(data))

    def checked_pk(self, data: Any) -> int:
        # The database would also take True, 1.0 and Arabic-Indic digits (common/api/numbers.py) as an id.
        if isinstance(data, int) and not isinstance(data, bool):
            return data
        if isinstance(data, str) and is_ascii_whole_number(data):
            return int(data)
        self.fail("incorrect_type", data_type=type(data).__name__)
        raise AssertionError("fail() raises")  # pragma: no cover


class OwnedManyRelatedField(serializers.ManyRelatedField):
    """A JSON array of at most max_length ids of the user's objects, resolved in one query.

    DRF's ManyRelatedField takes any iterable (a JSON object gives its keys), has no length
    bound and runs one query per id: a body of 100,000 ids held a web worker until it was killed.
    """

    default_error_messages = {
        **serializers.ManyRelatedField.default_error_messages,
        "max_length": "Ensure this field has no more than {max_length} elements.",
    }
    child_relation: OwnedPrimaryKeyRelatedField

    def __init__(self, *, max_length: int, **kwargs: Any) -> None:
        self.max_length = max_length
        super().__init__(**kwargs)
        # Checked again by to_internal_value before any query; here it gives the schema maxItems.
        self.validators.append(MaxLengthValidator(max_length))

    def to_internal_value(self, data: Any) -> list[Any]:
        if not isinstance(data, list):
            self.fail("not_a_list", input_type=type(data).__name__)
        if not self.allow_empty and not data:
            self.fail("empty")
        if len(data) > self.max_length:
            self.fail("max_length", max_length=self.max_length)
        ids = list(dict.fromkeys(self.child_relation.checked_pk(item) for item in data))
        found = self.child_relation.get_queryset().in_bulk(ids)
        for pk in ids:
            if pk not in found:
                self.child_relation.fail("does_not_exist", pk_value=pk)
        return [found[pk] for pk in ids]


def rows_representation(
    serializer: serializers.Serializer | serializers.ListSerializer,
) -> Callable[[Any], Any]:
    """What `serializer` would output for rows (dicts, e.g. from QuerySet.values()), as one
    function, built once (at import) and called per request: for a list of many rows, this is
    DRF's own loop without its per-field, per-row lookups.

    Each field reads the row's key of its source and converts it with its own
    to_representation (None stays None, as in DRF), so the output is DRF's; nested serializers
    read nested dicts, a many=True one a list of them. A field that needs an object (a
    SerializerMethodField, a dotted or "*" source) is refused when the function is built.
    (Written here: DRF has no fast path for rows, and the packages that add one are young and
    kept by one hand; this is the part of DRF's loop that rows need, with DRF's converters.)
    """
    if isinstance(serializer, serializers.ListSerializer):
        represent_one = rows_representation(cast(serializers.Serializer, serializer.child))
        return lambda rows: [represent_one(row) for row in rows]
    plan: list[tuple[str, str, Callable[[Any], Any]]] = []
    for name, field in serializer.fields.items():
        if field.write_only:
            continue
        if len(field.source_attrs) != 1:  # "*" (a SerializerMethodField's too) or dotted
            raise TypeError(f"{name}: a row is read by one key, not {field.source!r}")
        convert = (
            rows_representation(field)
            if isinstance(field, serializers.Serializer | serializers.ListSerializer)
            else field.to_representation
        )
        plan.append((name, field.source_attrs[0], convert))

    def represent(row: Any) -> dict[str, Any]:
        output: dict[str, Any] = {}
        for name, key, convert in plan:
            value = row[key]
            output[name] = None if value is None else convert(value)
        return output

    return represent
