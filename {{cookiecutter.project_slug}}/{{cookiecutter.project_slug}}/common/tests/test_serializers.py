"""The shared serializer fields: strings only, and owned references that leak nothing; rows
read as DRF reads objects."""

from datetime import UTC, date, datetime
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest
from django.db.models import QuerySet
from rest_framework import serializers

from {{ cookiecutter.project_slug }}.common.api.serializers import (
    OwnedPrimaryKeyRelatedField,
    StrictCharField,
    rows_representation,
)
from {{ cookiecutter.project_slug }}.users.models import User
from {{ cookiecutter.project_slug }}.users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

MAX_PICKS = 2


def only_themselves(*, owner: Any) -> QuerySet[User]:
    """A selector: the objects a user owns (here, their own account)."""
    return User.objects.filter(pk=owner.pk)


class PicksInputSerializer(serializers.Serializer):
    picks = OwnedPrimaryKeyRelatedField(selector=only_themselves, many=True, max_length=MAX_PICKS)
    pick = OwnedPrimaryKeyRelatedField(selector=only_themselves, required=False)
    label = StrictCharField(required=False)


def errors_of(user: User, data: dict[str, Any]) -> dict[str, Any]:
    serializer = PicksInputSerializer(data=data, context={"request": SimpleNamespace(user=user)})
    serializer.is_valid()
    return {field: [error.code for error in errors] for field, errors in serializer.errors.items()}


def test_ids_of_the_users_own_objects_are_resolved_in_one_query(
    django_assert_num_queries: Any,
) -> None:
    user = UserFactory()
    serializer = PicksInputSerializer(
        data={"picks": [user.pk, str(user.pk)], "pick": str(user.pk)},
        context={"request": SimpleNamespace(user=user)},
    )
    with django_assert_num_queries(2):  # the list in one query, the single pick in another
        assert serializer.is_valid(), serializer.errors
    assert serializer.validated_data == {"picks": [user], "pick": user}


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        ({"picks": {"1": "x"}}, {"picks": ["not_a_list"]}),
        ({"picks": [1, 2, 3]}, {"picks": ["max_length"]}),
        ({"picks": [True]}, {"picks": ["incorrect_type"]}),
        ({"picks": ["\u0661"]}, {"picks": ["incorrect_type"]}),
        ({"picks": [], "pick": 1.0}, {"pick": ["incorrect_type"]}),
        ({"picks": [], "label": 7}, {"label": ["invalid"]}),
    ],
)
def test_bad_references_and_text_are_refused_before_any_query(
    data: dict[str, Any], errors: dict[str, Any], django_assert_num_queries: Any
) -> None:
    user = UserFactory()
    with django_assert_num_queries(0):
        assert errors_of(user, data) == errors


def test_another_users_object_is_refused_like_a_missing_one() -> None:
    user, other = UserFactory(), UserFactory()

    assert errors_of(user, {"picks": [other.pk]}) == {"picks": ["does_not_exist"]}
    assert errors_of(user, {"picks": [], "pick": other.pk}) == {"pick": ["does_not_exist"]}


def test_a_list_of_references_must_declare_its_bound() -> None:
    with pytest.raises(KeyError, match="max_length"):
        OwnedPrimaryKeyRelatedField(selector=only_themselves, many=True)


class PartRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class PartOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    price = serializers.DecimalField(max_digits=8, decimal_places=2)
    made_on = serializers.DateField()
    checked_at = serializers.DateTimeField()
    in_stock = serializers.BooleanField()
    grade = serializers.ChoiceField(choices=["a", "b"])
    label = serializers.CharField(source="title")
    secret = serializers.CharField(write_only=True)  # never output, so never read
    maker = PartRefSerializer()
    fits = PartRefSerializer(many=True)


PART_ROWS = [
    {
        "id": 1,
        "price": Decimal("12.50"),
        "made_on": date(2026, 3, 1),
        "checked_at": datetime(2026, 3, 1, 12, 30, 5, 123456, tzinfo=UTC),
        "in_stock": True,
        "grade": "a",
        "title": "Gear",
        "maker": {"id": 7, "name": "Acme"},
        "fits": [{"id": 2, "name": "Axle"}, {"id": 3, "name": "Wheel"}],
    },
    {
        "id": 2,
        "price": None,
        "made_on": None,
        "checked_at": None,
        "in_stock": False,
        "grade": "",
        "title": "",
        "maker": None,
        "fits": [],
    },
]


def test_rows_read_exactly_as_drf_reads_them() -> None:
    represent = rows_representation(PartOutputSerializer(many=True))

    assert represent(PART_ROWS) == PartOutputSerializer(PART_ROWS, many=True).data
    assert represent(PART_ROWS)[0]["checked_at"] == "2026-03-01T12:30:05.123456Z"


@pytest.mark.parametrize(
    "field",
    [
        serializers.SerializerMethodField(),
        serializers.CharField(source="maker.name"),
        serializers.DictField(source="*"),
    ],
    ids=["method", "dotted-source", "whole-object"],
)
def test_a_field_that_needs_an_object_is_refused_when_the_reader_is_built(
    field: serializers.Field,
) -> None:
    serializer_class = type("NeedsObjectSerializer", (serializers.Serializer,), {"odd": field})

    with pytest.raises(TypeError, match="odd"):
        rows_representation(serializer_class())
