"""Every endpoint of the ledger API: throttled past the rate, a 405 problem for a method it lacks."""

import pytest

from {{ cookiecutter.project_slug }}.common.api.throttling import UserRateThrottle
from {{ cookiecutter.project_slug }}.common.tests.assertions import (
    assert_problem,
)
from {{ cookiecutter.project_slug }}.common.tests.cache import clear_this_services_cache

from .endpoints import ACCOUNTS, ENTRIES, TAGS, account_url, entry_url, tag_url, void_url
from .factories import AccountFactory

pytestmark = pytest.mark.django_db


ENDPOINTS = [
    "account-list",
    "account-create",
    "account-retrieve",
    "account-update",
    "account-delete",
    "tag-list",
    "tag-create",
    "tag-retrieve",
    "tag-update",
    "tag-delete",
    "entry-list",
    "entry-create",
    "entry-retrieve",
    "entry-update",
    "entry-void",
]


@pytest.fixture
def endpoint_requests(account, tag, posted_entry) -> dict[str, tuple[str, str, dict]]:
    """(method, URL, body) of a valid request to each endpoint of the ledger."""
    new_entry = {"account": account.pk, "amount": "1.00", "occurred_on": "2026-01-01"}
    return {
        "account-list": ("get", ACCOUNTS, {}),
        "account-create": ("post", ACCOUNTS, {"name": "Fresh"}),
        "account-retrieve": ("get", account_url(account), {}),
        "account-update": ("patch", account_url(account), {"name": "Renamed"}),
        "account-delete": ("delete", account_url(AccountFactory(owner=account.owner)), {}),
        "tag-list": ("get", TAGS, {}),
        "tag-create": ("post", TAGS, {"name": "fresh"}),
        "tag-retrieve": ("get", tag_url(tag), {}),
        "tag-update": ("patch", tag_url(tag), {"name": "renamed"}),
        "tag-delete": ("delete", tag_url(tag), {}),
        "entry-list": ("get", ENTRIES, {}),
        "entry-create": ("post", ENTRIES, new_entry),
        "entry-retrieve": ("get", entry_url(posted_entry), {}),
        "entry-update": ("patch", entry_url(posted_entry), {"description": "Edited"}),
        "entry-void": ("post", void_url(posted_entry), {}),
    }


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_every_endpoint_answers_429_past_the_user_rate(
    auth_client, endpoint_requests, endpoint, monkeypatch
):
    method, url, body = endpoint_requests[endpoint]
    clear_this_services_cache()  # forget the requests the fixtures made
    monkeypatch.setitem(UserRateThrottle.THROTTLE_RATES, "user", "1/minute")

    first = getattr(auth_client, method)(url, body)
    second = getattr(auth_client, method)(url, body)

    assert first.status_code < 400, first.content
    assert_problem(second, 429, code="throttled")
    assert int(second["Retry-After"]) > 0


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_every_endpoint_refuses_put_with_a_405_problem(auth_client, endpoint_requests, endpoint):
    _method, url, body = endpoint_requests[endpoint]

    assert_problem(auth_client.put(url, body), 405, code="method-not-allowed")
