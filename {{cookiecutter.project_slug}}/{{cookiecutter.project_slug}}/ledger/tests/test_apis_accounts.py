"""The accounts API: every endpoint with each status it can answer."""

import pytest

from {{ cookiecutter.project_slug }}.common.tests.assertions import (
    assert_problem,
    field_error_codes,
)
from {{ cookiecutter.project_slug }}.ledger.models import Account
from {{ cookiecutter.project_slug }}.ledger.services import BALANCE_LIMIT

from .endpoints import ACCOUNTS, ENTRIES, account_url, void_url
from .factories import AccountFactory

pytestmark = pytest.mark.django_db


def test_accounts_list_only_mine_newest_first(auth_client, user):
    older, newer = AccountFactory(owner=user), AccountFactory(owner=user)
    AccountFactory()

    response = auth_client.get(ACCOUNTS)

    assert response.status_code == 200
    assert [item["id"] for item in response.json()["results"]] == [newer.pk, older.pk]


def test_accounts_filter_by_name_and_order_by_name(auth_client, user):
    AccountFactory(owner=user, name="Bank")
    AccountFactory(owner=user, name="Cash")

    by_name = auth_client.get(ACCOUNTS, {"name": "Cash"}).json()["results"]
    ordered = auth_client.get(ACCOUNTS, {"ordering": "name"}).json()["results"]

    assert [item["name"] for item in by_name] == ["Cash"]
    assert [item["name"] for item in ordered] == ["Bank", "Cash"]


def test_create_an_account(auth_client, user):
    response = auth_client.post(ACCOUNTS, {"name": "Savings 🐷"})

    assert response.status_code == 201
    body = response.json()
    assert body["name"] == "Savings 🐷"
    assert body["balance"] == "0.00"
    assert Account.objects.get(pk=body["id"]).owner == user


def test_an_account_name_taken_in_another_case_is_a_400_problem_naming_the_field(
    auth_client, account
):
    response = auth_client.post(ACCOUNTS, {"name": account.name.upper()})

    body = assert_problem(response, 400, code="invalid")
    assert body["errors"] == [
        {
            "field": "name",
            "code": "invalid",
            "detail": "You already have an account with this name.",
        }
    ]


@pytest.mark.parametrize(
    ("payload", "field", "code"),
    [
        ({}, "name", "required"),
        ({"name": ""}, "name", "blank"),
        ({"name": "x" * 101}, "name", "max_length"),
        ({"name": 42}, "name", "invalid"),
        ({"name": ["a"]}, "name", "invalid"),
    ],
)
def test_invalid_account_input_is_a_400_problem(auth_client, payload, field, code):
    body = assert_problem(auth_client.post(ACCOUNTS, payload), 400, code="invalid")

    assert field_error_codes(body) == {field: code}


def test_retrieve_rename_and_delete_my_account(auth_client, account):
    assert auth_client.get(account_url(account)).json()["name"] == "Wallet"

    renamed = auth_client.patch(account_url(account), {"name": "Purse"})
    assert renamed.status_code == 200
    assert renamed.json()["name"] == "Purse"

    assert auth_client.delete(account_url(account)).status_code == 204
    assert_problem(auth_client.get(account_url(account)), 404, code="not-found")


def test_someone_elses_account_answers_404_like_a_missing_one(auth_client):
    foreign = AccountFactory()

    for response in (
        auth_client.get(account_url(foreign)),
        auth_client.patch(account_url(foreign), {"name": "Mine now"}),
        auth_client.delete(account_url(foreign)),
    ):
        assert_problem(response, 404, code="not-found")
    assert Account.objects.filter(pk=foreign.pk, name=foreign.name).exists()


def test_deleting_an_account_with_entries_is_a_409_problem(auth_client, posted_entry):
    response = auth_client.delete(account_url(posted_entry.account))

    assert_problem(response, 409, code="conflict")


def test_an_account_whose_entries_are_all_void_can_be_deleted(auth_client, posted_entry):
    assert auth_client.post(void_url(posted_entry)).status_code == 200

    assert auth_client.delete(account_url(posted_entry.account)).status_code == 204


def test_an_entry_that_could_overflow_the_balance_is_a_400_problem_naming_amount(
    auth_client, account
):
    Account.objects.filter(pk=account.pk).update(balance=BALANCE_LIMIT)
    entry = {"account": account.pk, "amount": "0.01", "occurred_on": "2026-01-01"}

    body = assert_problem(auth_client.post(ENTRIES, entry), 400, code="invalid")

    assert set(field_error_codes(body)) == {"amount"}
    assert str(BALANCE_LIMIT) in body["errors"][0]["detail"]


def test_replacing_an_account_with_put_is_a_405_problem(auth_client, account):
    assert_problem(auth_client.put(account_url(account), {"name": "X"}), 405)


def test_accounts_need_authentication(api_client, account):
    assert_problem(api_client.get(ACCOUNTS), 401, code="not-authenticated")
    assert_problem(api_client.post(ACCOUNTS, {"name": "X"}), 401)
    assert_problem(api_client.get(account_url(account)), 401)
