"""The shared serializer fields: strings only, and owned references that leak nothing."""

from types import SimpleNamespace
from typing import Any

import pytest
from django.db.models import QuerySet
from rest_framework import serializers

from {{ cookiecutter.project_slug }}.common.api.serializers import (
    OwnedPrimaryKeyRelatedField,
    StrictCharField,
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
