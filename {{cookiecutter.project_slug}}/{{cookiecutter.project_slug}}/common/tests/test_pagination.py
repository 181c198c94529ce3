import pytest
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from {{ cookiecutter.project_slug }}.common.api.pagination import CursorPagination
from {{ cookiecutter.project_slug }}.users.models import User
from {{ cookiecutter.project_slug }}.users.tests.factories import UserFactory


def request_with(**params: str) -> Request:
    return Request(APIRequestFactory().get("/api/v1/things/", params))


@pytest.mark.django_db
def test_pages_follow_the_cursor_newest_first():
    users = UserFactory.create_batch(3)
    paginator = CursorPagination()

    first = paginator.paginate_queryset(User.objects.all(), request_with(page_size="2"), None)
    next_cursor = paginator.get_next_link().split("cursor=")[1].split("&")[0]
    second = paginator.paginate_queryset(
        User.objects.all(), request_with(page_size="2", cursor=next_cursor), None
    )

    assert [user.pk for user in first + second] == [user.pk for user in reversed(users)]


# The last three are digits to str.isdigit() (superscript two, Arabic-Indic ten, bold nine).
@pytest.mark.parametrize(
    "page_size", ["0", "101", "-1", "ten", "1.5", "", "\u00b2", "\u0661\u0660", "\U0001d7d7"]
)
def test_a_page_size_out_of_range_is_refused_not_clamped(page_size):
    with pytest.raises(ValidationError) as raised:
        CursorPagination().get_page_size(request_with(page_size=page_size))

    assert set(raised.value.detail) == {"page_size"}


def test_the_default_page_size_applies_without_the_parameter():
    assert CursorPagination().get_page_size(request_with()) == CursorPagination.page_size


def test_a_garbage_cursor_is_a_validation_error_on_cursor():
    with pytest.raises(ValidationError) as raised:
        CursorPagination().decode_cursor(request_with(cursor="garbage"))

    assert set(raised.value.detail) == {"cursor"}
