"""Hostile input to the ledger API: stored verbatim, or a 400 problem with nothing stored."""

import pytest

from {{ cookiecutter.project_slug }}.common.tests.assertions import (
    assert_problem,
)
from {{ cookiecutter.project_slug }}.ledger.models import Account, Entry

from .endpoints import ACCOUNTS, ENTRIES, account_url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name",
    [
        "Robert'); DROP TABLE ledger_account;--",
        '<script>alert("x")</script>',
        "\\' OR 1=1 -- \"",
        "名前 🏦 naïve",
    ],
    ids=["sql", "script", "quotes", "unicode"],
)
def test_hostile_text_is_stored_verbatim_and_returned_as_json(auth_client, name):
    created = auth_client.post(ACCOUNTS, {"name": name})

    assert created.status_code == 201
    assert created["Content-Type"] == "application/json"
    assert created["X-Content-Type-Options"] == "nosniff"
    assert created.json()["name"] == name
    assert Account.objects.get(pk=created.json()["id"]).name == name
    retrieved = auth_client.get(account_url(Account.objects.get(pk=created.json()["id"])))
    assert retrieved.json()["name"] == name


@pytest.mark.parametrize(
    "payload",
    [
        {"account": 2**64},
        {"account": -1},
        {"amount": "1e400"},
        {"amount": 10**40},
        {"occurred_on": "9999-99-99"},
        {"tags": [2**70]},
    ],
    ids=["id-past-bigint", "negative-id", "huge-exponent", "huge-amount", "bad-date", "tag-id"],
)
def test_numbers_and_dates_out_of_range_are_a_400_problem_and_nothing_is_stored(
    auth_client, account, payload
):
    valid = {"account": account.pk, "amount": "1.00", "occurred_on": "2026-01-01"}

    assert_problem(auth_client.post(ENTRIES, {**valid, **payload}), 400, code="invalid")
    assert not Entry.objects.exists()


def test_an_id_past_the_bigint_range_in_the_path_is_a_404_problem(auth_client):
    assert_problem(auth_client.get(f"{ACCOUNTS}{2**70}/"), 404)
