"""The entries API: every endpoint with each status it can answer, and its query counts."""

from decimal import Decimal
from types import SimpleNamespace

import pytest

from {{ cookiecutter.project_slug }}.common.tests.assertions import (
    assert_problem,
    field_error_codes,
)
from {{ cookiecutter.project_slug }}.ledger.models import Entry
from {{ cookiecutter.project_slug }}.ledger.serializers import (
    MAX_TAGS_PER_ENTRY,
    EntryCreateInputSerializer,
)

from .endpoints import (
    ACCOUNTS,
    ARABIC_INDIC_ONE,
    ARABIC_INDIC_ZERO,
    ENTRIES,
    MATHEMATICAL_BOLD_NINE,
    STATUS_WHEN_CREATED,
    SUPERSCRIPT_TWO,
    TAGS,
    entry_url,
    void_url,
)
from .factories import AccountFactory, EntryFactory, TagFactory

pytestmark = pytest.mark.django_db


def test_creating_an_entry_posts_it_and_returns_it_with_account_and_tags(
    auth_client, account, tag, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = auth_client.post(
            ENTRIES,
            {
                "account": account.pk,
                "amount": "-12.50",
                "occurred_on": "2026-02-01",
                "description": "Café ☕ & croissant 🥐",
                "tags": [tag.pk],
            },
        )

    assert response.status_code == 201
    body = response.json()
    assert body["status"] == STATUS_WHEN_CREATED
    assert auth_client.get(f"{ENTRIES}{body['id']}/").json()["status"] == "posted"
    assert body["amount"] == "-12.50"
    assert body["description"] == "Café ☕ & croissant 🥐"
    assert body["account"] == {"id": account.pk, "name": "Wallet"}
    assert body["tags"] == [{"id": tag.pk, "name": "food"}]
    account.refresh_from_db()
    assert account.balance == Decimal("-12.50")


@pytest.mark.parametrize(
    ("payload", "field", "code"),
    [
        ({"amount": "0"}, "amount", "invalid"),
        ({"amount": "ten"}, "amount", "invalid"),
        ({"amount": "12345678901"}, "amount", "max_whole_digits"),
        ({"amount": "1.001"}, "amount", "max_decimal_places"),
        ({"occurred_on": "31/01/2026"}, "occurred_on", "invalid"),
        ({"account": "abc"}, "account", "incorrect_type"),
        ({"tags": "food"}, "tags", "not_a_list"),
        # A JSON object is not a list: DRF took its keys as ids, and {} cleared the tags.
        ({"tags": {"1": "x"}}, "tags", "not_a_list"),
        ({"tags": {}}, "tags", "not_a_list"),
        ({"account": ARABIC_INDIC_ONE}, "account", "incorrect_type"),
        ({"account": True}, "account", "incorrect_type"),
        ({"tags": [1.0]}, "tags", "incorrect_type"),
        ({"description": "x" * 201}, "description", "max_length"),
    ],
)
def test_invalid_entry_input_is_a_400_problem_naming_the_field(
    auth_client, account, payload, field, code
):
    valid = {"account": account.pk, "amount": "1.00", "occurred_on": "2026-01-01"}

    body = assert_problem(auth_client.post(ENTRIES, {**valid, **payload}), 400, code="invalid")

    assert field_error_codes(body) == {field: code}
    assert not Entry.objects.exists()


def test_an_entry_on_someone_elses_account_or_tag_is_a_400_problem(auth_client, account):
    foreign_account, foreign_tag = AccountFactory(), TagFactory()
    valid = {"account": account.pk, "amount": "1.00", "occurred_on": "2026-01-01"}

    on_foreign_account = auth_client.post(ENTRIES, {**valid, "account": foreign_account.pk})
    with_foreign_tag = auth_client.post(ENTRIES, {**valid, "tags": [foreign_tag.pk]})

    assert field_error_codes(assert_problem(on_foreign_account, 400)) == {
        "account": "does_not_exist"
    }
    assert field_error_codes(assert_problem(with_foreign_tag, 400)) == {"tags": "does_not_exist"}


def test_entries_filter_by_status_account_tag_and_date(auth_client, user, posted_entry, tag):
    other_account = AccountFactory(owner=user)
    EntryFactory(account=other_account, occurred_on="2025-06-01")

    def ids(**params: object) -> list[int]:
        response = auth_client.get(ENTRIES, params)
        assert response.status_code == 200, response.content
        return [item["id"] for item in response.json()["results"]]

    assert ids(status="posted") == [posted_entry.pk]
    assert ids(account=posted_entry.account_id) == [posted_entry.pk]
    assert ids(tag=tag.pk) == [posted_entry.pk]
    assert ids(occurred_after="2026-01-01") == [posted_entry.pk]
    assert ids(occurred_before="2025-12-31") != [posted_entry.pk]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"status": "lost"}, "status"),
        ({"account": "abc"}, "account"),
        ({"tag": "0.5"}, "tag"),
        ({"occurred_after": "yesterday"}, "occurred_after"),
        ({"page_size": "101"}, "page_size"),
        ({"page_size": "0"}, "page_size"),
        ({"page_size": "ten"}, "page_size"),
        # Digits, but not ASCII ones: "²" made int() raise (a 500), the others were taken.
        ({"page_size": SUPERSCRIPT_TWO}, "page_size"),
        ({"page_size": ARABIC_INDIC_ONE + ARABIC_INDIC_ZERO}, "page_size"),
        ({"page_size": MATHEMATICAL_BOLD_NINE}, "page_size"),
        ({"account": ARABIC_INDIC_ONE}, "account"),
        ({"tag": MATHEMATICAL_BOLD_NINE}, "tag"),
        ({"cursor": "not-a-cursor"}, "cursor"),
    ],
)
def test_bad_list_parameters_are_a_400_problem_naming_the_parameter(auth_client, params, field):
    body = assert_problem(auth_client.get(ENTRIES, params), 400, code="invalid")

    assert set(field_error_codes(body)) == {field}


def test_an_id_in_the_path_in_non_ascii_digits_is_a_404_problem(auth_client, account):
    arabic_indic = "".join(chr(ord(ARABIC_INDIC_ZERO) + int(digit)) for digit in str(account.pk))

    assert_problem(auth_client.get(f"{ACCOUNTS}{arabic_indic}/"), 404)


def test_more_tags_than_the_limit_is_a_400_problem_before_any_tag_query(
    auth_client, account, tag, django_assert_max_num_queries
):
    payload = {"account": account.pk, "amount": "1.00", "occurred_on": "2026-01-01"}

    # 1 user (authentication) + 1 account; one query per tag id before the bound.
    with django_assert_max_num_queries(2):
        response = auth_client.post(ENTRIES, {**payload, "tags": [tag.pk] * 1000})

    body = assert_problem(response, 400, code="invalid")
    assert field_error_codes(body) == {"tags": "max_length"}
    assert str(MAX_TAGS_PER_ENTRY) in body["errors"][0]["detail"]
    assert not Entry.objects.exists()


def test_an_entrys_tags_are_resolved_in_one_query(user, account, django_assert_num_queries):
    tags = TagFactory.create_batch(MAX_TAGS_PER_ENTRY, owner=user)
    payload = {"account": account.pk, "amount": "1.00", "occurred_on": "2026-01-01"}
    serializer = EntryCreateInputSerializer(
        data={**payload, "tags": [tag.pk for tag in tags]},
        context={"request": SimpleNamespace(user=user)},
    )

    with django_assert_num_queries(2):  # the account, then every tag
        assert serializer.is_valid(), serializer.errors

    assert serializer.validated_data["tags"] == tags


def test_cursor_pages_walk_every_entry_once(auth_client, account):
    EntryFactory.create_batch(5, account=account)

    seen, url = [], f"{ENTRIES}?page_size=2"
    while url:
        page = auth_client.get(url).json()
        seen += [item["id"] for item in page["results"]]
        url = page["next"]

    assert sorted(seen) == sorted(Entry.objects.values_list("pk", flat=True))
    assert len(seen) == 5


@pytest.mark.parametrize("page_size", [1, 2, 10, 50])
def test_listing_entries_runs_the_same_queries_at_any_page_size(
    auth_client, user, django_assert_num_queries, page_size
):
    # Every entry has an account of its own and tags, so each relation not loaded in bulk costs
    # queries; one entry more than the page, as on any page but the last.
    for _ in range(page_size + 1):
        account = AccountFactory(owner=user)
        EntryFactory(account=account, tags=TagFactory.create_batch(2, owner=user))

    # 1 user (authentication) + 1 entries joined with their accounts + 1 tags of the page
    with django_assert_num_queries(3) as captured:
        response = auth_client.get(ENTRIES, {"page_size": page_size})

    results = response.json()["results"]
    assert len(results) == page_size
    assert all(len(entry["tags"]) == 2 and entry["account"]["id"] for entry in results)
    # At page size 1, tags read entry by entry are one query too: they must come in one query
    # for the whole page (prefetch_related's IN), not by one entry's id.
    [tags_query] = [query["sql"] for query in captured.captured_queries if "_tag`" in query["sql"]]
    assert " IN (" in tags_query


def test_a_listed_entry_reads_as_the_entry_alone(auth_client, user, posted_entry):
    # The list serves rows, not model instances (apis.EntryViewSet.list): each item must be the
    # entry's own page, field for field, whatever its state, tags and receipt.
    account = AccountFactory(owner=user)
    EntryFactory(account=account, description="")
    EntryFactory(
        account=account,
        receipt="ledger/receipts/scan.pdf",
        tags=[TagFactory(owner=user, name=name) for name in ("b-tag", "a-tag", "c-tag")],
    )

    listed = auth_client.get(ENTRIES).json()["results"]

    assert len(listed) == 3
    for item in listed:
        assert item == auth_client.get(entry_url(Entry(pk=item["id"]))).json()
    assert {item["has_receipt"] for item in listed} == {True, False}
    assert {item["status"] for item in listed} == {Entry.Status.POSTED, Entry.Status.PENDING}
    assert [tag["name"] for tag in listed[0]["tags"]] == ["a-tag", "b-tag", "c-tag"]


@pytest.mark.parametrize("url", [ACCOUNTS, TAGS])
def test_listing_accounts_and_tags_runs_two_queries(
    auth_client, user, url, django_assert_num_queries
):
    AccountFactory.create_batch(10, owner=user)
    TagFactory.create_batch(10, owner=user)

    with django_assert_num_queries(2):
        assert auth_client.get(url, {"page_size": 50}).status_code == 200


def test_update_an_entry(auth_client, posted_entry):
    response = auth_client.patch(
        entry_url(posted_entry), {"description": "Rent 🏠", "occurred_on": "2026-03-01", "tags": []}
    )

    assert response.status_code == 200
    body = response.json()
    assert (body["description"], body["occurred_on"], body["tags"]) == ("Rent 🏠", "2026-03-01", [])
    assert body["amount"] == "-20.00"


def test_void_an_entry_then_voiding_again_is_a_409_problem(auth_client, posted_entry):
    response = auth_client.post(void_url(posted_entry))

    assert response.status_code == 200
    assert response.json()["status"] == "void"
    posted_entry.account.refresh_from_db()
    assert posted_entry.account.balance == Decimal("0.00")
    assert_problem(auth_client.post(void_url(posted_entry)), 409, code="conflict")


def test_entries_cannot_be_deleted(auth_client, posted_entry):
    assert_problem(auth_client.delete(entry_url(posted_entry)), 405, code="method-not-allowed")
    assert Entry.objects.filter(pk=posted_entry.pk).exists()


def test_someone_elses_entry_answers_404(auth_client):
    foreign = EntryFactory()

    assert_problem(auth_client.get(entry_url(foreign)), 404)
    assert_problem(auth_client.post(void_url(foreign)), 404)
    assert Entry.objects.get(pk=foreign.pk).status == Entry.Status.PENDING


def test_entries_need_authentication(api_client, posted_entry):
    for response in (
        api_client.get(ENTRIES),
        api_client.get(entry_url(posted_entry)),
        api_client.post(void_url(posted_entry)),
    ):
        assert_problem(response, 401, code="not-authenticated")
