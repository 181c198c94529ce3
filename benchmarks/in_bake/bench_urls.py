"""The project's URLs plus two entries lists the ledger's list is measured against.

The naive list is what a first DRF tutorial writes: a ModelViewSet over the owner's entries with
nested ModelSerializers for the account and the tags, and no query tuning (no select_related,
no prefetch_related), so each entry costs a query for its account and one for its tags.
Authentication, permissions, throttles, pagination and rendering are the project's defaults,
the same as the ledger's list; the output has the same fields, read off the ledger's own output
serializer (its fields and those of its nested account and tags), so the two cannot drift apart.

The floor list is the fastest honest way plain Django serves the same page: the same
authentication and throttles (the project's DRF classes, called directly), the same selector
and query, the same cursor pagination and ordering, every middleware; then QuerySet.values()
for the entries with their accounts, one query for the page's tags, and JsonResponse, with no
serializer and no renderer. It handles the happy path only (a bad token or a throttled client
gets a bare status): it measures what the ledger's list would cost without DRF's machinery.
"""

from datetime import date, datetime
from decimal import Decimal
from importlib import import_module
from typing import Any

from config.urls import urlpatterns as project_urlpatterns
from django.apps import apps
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import path
from rest_framework import serializers, viewsets
from rest_framework.request import Request
from rest_framework.routers import SimpleRouter
from rest_framework.settings import api_settings

Account = apps.get_model("ledger", "Account")
Entry = apps.get_model("ledger", "Entry")
Tag = apps.get_model("ledger", "Tag")
# The package is named after the project, so the serializers are found through the app.
LEDGER_PACKAGE = apps.get_app_config("ledger").name
LEDGER_SERIALIZERS = import_module(f"{LEDGER_PACKAGE}.serializers")
LEDGER_APIS = import_module(f"{LEDGER_PACKAGE}.apis")
LEDGER_SELECTORS = import_module(f"{LEDGER_PACKAGE}.selectors")
LEDGER_ENTRY_FIELDS = LEDGER_SERIALIZERS.EntryOutputSerializer().fields

NAIVE_ENTRIES_PREFIX = "bench/naive/entries"
FLOOR_ENTRIES_PATH = "bench/floor/entries/"
# The output's computed fields, as (model field read, how it is shown).
FLOOR_COMPUTED_FIELDS = {"has_receipt": ("receipt", bool)}


class NaiveAccountSerializer(serializers.ModelSerializer):
    class Meta:
        model = Account
        fields = tuple(LEDGER_ENTRY_FIELDS["account"].fields)


class NaiveTagSerializer(serializers.ModelSerializer):
    class Meta:
        model = Tag
        fields = tuple(LEDGER_ENTRY_FIELDS["tags"].child.fields)


class NaiveEntrySerializer(serializers.ModelSerializer):
    account = NaiveAccountSerializer(read_only=True)
    tags = NaiveTagSerializer(many=True, read_only=True)
    # The ledger's computed field: the model's property.
    has_receipt = serializers.BooleanField(read_only=True)

    class Meta:
        model = Entry
        fields = tuple(LEDGER_ENTRY_FIELDS)


class NaiveEntryViewSet(viewsets.ModelViewSet):
    serializer_class = NaiveEntrySerializer

    def get_queryset(self):
        # Scoped to the owner like the real list, so both return the same rows.
        return Entry.objects.filter(owner=self.request.user)


def shown(value: Any) -> Any:
    """A value as DRF's fields show it: decimals as strings, datetimes in ISO 8601 with Z."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime):
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    return value


def floor_columns() -> tuple[dict[str, tuple[str, Any]], dict[str, tuple[str, ...]], str]:
    """The output's fields as columns: own and computed ones (with how each is shown), nested
    ones, and the many-valued one."""
    own, nested, many = {}, {}, ""
    for name, field in LEDGER_ENTRY_FIELDS.items():
        if isinstance(field, serializers.ListSerializer):
            many = name
        elif isinstance(field, serializers.Serializer):
            nested[name] = tuple(field.fields)
        else:
            own[name] = FLOOR_COMPUTED_FIELDS.get(name, (field.source, shown))
    return own, nested, many


# Worked out once at import, off the request path.
OWN_COLUMNS, NESTED_COLUMNS, MANY_FIELD = floor_columns()
ENTRY_COLUMNS = tuple(
    dict.fromkeys(
        [
            *(column for column, _ in OWN_COLUMNS.values()),
            *(f"{nest}__{column}" for nest, sub in NESTED_COLUMNS.items() for column in sub),
        ]
    )
)
MANY_RELATION = Entry._meta.get_field(MANY_FIELD)
MANY_MODEL = MANY_RELATION.related_model
MANY_ENTRY_ID = f"{MANY_RELATION.related_query_name()}__id"
MANY_ENTRY_IN = f"{MANY_RELATION.related_query_name()}__in"
MANY_COLUMNS = tuple(LEDGER_ENTRY_FIELDS[MANY_FIELD].child.fields)


class FloorView:
    """What the throttles and the paginator read off a view."""

    throttle_scope = None
    ordering = None


def floor_entries(request: HttpRequest) -> HttpResponse:
    api_request = Request(
        request, authenticators=[cls() for cls in api_settings.DEFAULT_AUTHENTICATION_CLASSES]
    )
    if not api_request.user.is_authenticated:
        return HttpResponse(status=401)
    view = FloorView()
    if not all(
        cls().allow_request(api_request, view) for cls in api_settings.DEFAULT_THROTTLE_CLASSES
    ):
        return HttpResponse(status=429)
    paginator = LEDGER_APIS.EntryViewSet.pagination_class()
    entries = LEDGER_SELECTORS.entry_list(owner=api_request.user).prefetch_related(None)
    page = paginator.paginate_queryset(entries.values(*ENTRY_COLUMNS), api_request, view)
    tags: dict[int, list[dict]] = {row["id"]: [] for row in page}
    for row in (
        MANY_MODEL.objects.filter(**{MANY_ENTRY_IN: list(tags)})
        .order_by("name")
        .values(MANY_ENTRY_ID, *MANY_COLUMNS)
    ):
        tags[row.pop(MANY_ENTRY_ID)].append(row)
    results = []
    for row in page:
        item = {name: convert(row[column]) for name, (column, convert) in OWN_COLUMNS.items()}
        for nest, sub in NESTED_COLUMNS.items():
            item[nest] = {column: shown(row[f"{nest}__{column}"]) for column in sub}
        item[MANY_FIELD] = tags[row["id"]]
        results.append(item)
    return JsonResponse(
        {
            "next": paginator.get_next_link(),
            "previous": paginator.get_previous_link(),
            "results": results,
        },
        json_dumps_params={"ensure_ascii": False, "separators": (",", ":")},
    )


router = SimpleRouter()
router.register(NAIVE_ENTRIES_PREFIX, NaiveEntryViewSet, basename="naive-entry")

urlpatterns = [
    *router.urls,
    path(FLOOR_ENTRIES_PATH, floor_entries, name="floor-entries"),
    *project_urlpatterns,
]
