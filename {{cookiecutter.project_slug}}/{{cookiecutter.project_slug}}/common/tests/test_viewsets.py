"""The owner-scoped viewset and serializer field, on users (each user "owns" itself)."""

import pytest
from rest_framework import mixins, serializers
from rest_framework.test import APIRequestFactory, force_authenticate

from {{ cookiecutter.project_slug }}.common.api.serializers import (
    OwnedPrimaryKeyRelatedField,
)
from {{ cookiecutter.project_slug }}.common.api.viewsets import OwnedObjectsViewSet
from {{ cookiecutter.project_slug }}.users.models import User
from {{ cookiecutter.project_slug }}.users.serializers import UserOutputSerializer
from {{ cookiecutter.project_slug }}.users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def users_owned_by(*, owner: User):
    return User.objects.filter(pk=owner.pk)


class OwnUserViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, OwnedObjectsViewSet):
    queryset = User.objects.none()
    serializer_class = UserOutputSerializer

    def select_owned(self, *, owner: User):
        return users_owned_by(owner=owner)


class PickOwnUserSerializer(serializers.Serializer):
    user = OwnedPrimaryKeyRelatedField(selector=users_owned_by, queryset=User.objects.none())


def call(action: str, user: User, **kwargs: object):
    request = APIRequestFactory().get("/api/v1/own-users/")
    force_authenticate(request, user=user)
    return OwnUserViewSet.as_view({"get": action})(request, **kwargs)


def test_a_list_holds_only_the_owners_objects():
    me, _other = UserFactory(), UserFactory()

    response = call("list", me)

    assert [item["id"] for item in response.data["results"]] == [me.pk]


def test_someone_elses_object_answers_404():
    me, other = UserFactory(), UserFactory()

    assert call("retrieve", me, pk=me.pk).status_code == 200
    assert call("retrieve", me, pk=other.pk).status_code == 404


def test_the_base_viewset_demands_a_selector():
    with pytest.raises(NotImplementedError):
        OwnedObjectsViewSet().select_owned(owner=UserFactory())


def test_the_serializer_field_accepts_only_the_owners_ids(rf):
    me, other = UserFactory(), UserFactory()
    request = rf.post("/")
    request.user = me

    mine = PickOwnUserSerializer(data={"user": me.pk}, context={"request": request})
    theirs = PickOwnUserSerializer(data={"user": other.pk}, context={"request": request})

    assert mine.is_valid()
    assert mine.validated_data["user"] == me
    assert not theirs.is_valid()
    assert theirs.errors["user"][0].code == "does_not_exist"
