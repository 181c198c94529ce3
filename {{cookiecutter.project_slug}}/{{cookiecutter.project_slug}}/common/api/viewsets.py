"""Base viewsets of the API."""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from rest_framework import viewsets

from {{ cookiecutter.project_slug }}.common.api.numbers import is_ascii_whole_number


class OwnedObjectsViewSet(viewsets.GenericViewSet):
    """A viewset over objects that belong to the requesting user.

    Every lookup goes through select_owned(owner=...), a selector, so another user's object
    answers 404 exactly like a missing one and its existence never leaks. `queryset` only names
    the model, for the schema generator, and is never used to fetch rows.
    """

    queryset: QuerySet[Any]
    # Updates are partial (PATCH); a full replacement (PUT) is not offered.
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self) -> QuerySet[Any]:
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular: no user at schema time
            return self.queryset.none()
        return self.select_owned(owner=self.request.user)

    def select_owned(self, *, owner: Any) -> QuerySet[Any]:
        raise NotImplementedError

    def get_object(self) -> Any:
        # Ids in the path are ASCII digits: the database would read Arabic-Indic digits. (Checked here,
        # not with the router's lookup_value_regex, so the schema keeps the id an integer.)
        if not is_ascii_whole_number(str(self.kwargs[self.lookup_url_kwarg or self.lookup_field])):
            raise Http404
        return super().get_object()
