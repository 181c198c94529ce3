"""`?ordering=`: a field a list cannot be ordered by is a 400 problem; the schema lists the rest."""

import json

import pytest
from rest_framework import mixins
from rest_framework.test import APIRequestFactory, force_authenticate

from {{ cookiecutter.project_slug }}.common.api.filters import StrictOrderingFilter
from {{ cookiecutter.project_slug }}.common.api.problems import PROBLEM_CONTENT_TYPE
from {{ cookiecutter.project_slug }}.common.api.viewsets import OwnedObjectsViewSet
from {{ cookiecutter.project_slug }}.users.models import User
from {{ cookiecutter.project_slug }}.users.serializers import UserOutputSerializer
from {{ cookiecutter.project_slug }}.users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


class OrderedUserViewSet(mixins.ListModelMixin, OwnedObjectsViewSet):
    queryset = User.objects.none()
    serializer_class = UserOutputSerializer
    ordering_fields = ["created_at", "email"]

    def select_owned(self, *, owner: User):
        return User.objects.filter(pk=owner.pk)


def list_ordered_by(ordering: str):
    request = APIRequestFactory().get("/api/v1/users/", {"ordering": ordering})
    force_authenticate(request, user=UserFactory())
    response = OrderedUserViewSet.as_view({"get": "list"})(request)
    response.render()
    return response


@pytest.mark.parametrize("ordering", ["email", "-created_at", "email,-created_at", " email "])
def test_a_declared_field_orders_the_list(ordering):
    assert list_ordered_by(ordering).status_code == 200


@pytest.mark.parametrize("ordering", ["amount", "password", "email,amount", "--email"])
def test_any_other_field_is_a_400_problem_naming_what_is_allowed(ordering):
    response = list_ordered_by(ordering)

    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM_CONTENT_TYPE
    [error] = json.loads(response.content)["errors"]
    assert error["field"] == "ordering"
    assert "created_at, -created_at, email, -email" in error["detail"]


def test_the_schema_lists_every_allowed_value():
    [parameter] = StrictOrderingFilter().get_schema_operation_parameters(OrderedUserViewSet())

    assert parameter["name"] == "ordering"
    assert parameter["schema"]["items"]["enum"] == ["created_at", "-created_at", "email", "-email"]
    assert (parameter["style"], parameter["explode"]) == ("form", False)
