"""The tags API: every endpoint with each status it can answer."""

import pytest

from {{ cookiecutter.project_slug }}.common.tests.assertions import (
    assert_problem,
    field_error_codes,
)
from {{ cookiecutter.project_slug }}.ledger.models import Tag

from .endpoints import TAGS, tag_url
from .factories import TagFactory

pytestmark = pytest.mark.django_db


def test_tags_crud(auth_client, user):
    created = auth_client.post(TAGS, {"name": "travel ✈️"})
    assert created.status_code == 201
    tag = Tag.objects.get(pk=created.json()["id"])
    assert tag.name == "travel ✈️"

    assert [item["id"] for item in auth_client.get(TAGS).json()["results"]] == [tag.pk]
    assert auth_client.get(tag_url(tag)).json()["name"] == "travel ✈️"
    assert auth_client.patch(tag_url(tag), {"name": "trips"}).json()["name"] == "trips"
    assert auth_client.delete(tag_url(tag)).status_code == 204
    assert not Tag.objects.filter(pk=tag.pk).exists()


def test_a_duplicate_tag_is_a_400_problem(auth_client, tag):
    body = assert_problem(auth_client.post(TAGS, {"name": "FOOD"}), 400)

    assert field_error_codes(body) == {"name": "invalid"}


def test_someone_elses_tag_answers_404(auth_client):
    assert_problem(auth_client.get(tag_url(TagFactory())), 404)
