"""Admin of the ledger. Balances and statuses change only through services."""

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from {{ cookiecutter.project_slug }}.common.errors import ConflictError

from . import services
from .models import Account, Entry, Tag


@admin.register(Account)
class AccountAdmin(admin.ModelAdmin):
    list_display = ("name", "owner", "balance", "created_at")
    list_select_related = ("owner",)
    search_fields = ("name", "owner__email")
    raw_id_fields = ("owner",)
    readonly_fields = ("balance", "created_at", "updated_at")


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ("name", "owner", "created_at")
    list_select_related = ("owner",)
    search_fields = ("name", "owner__email")
    raw_id_fields = ("owner",)


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    list_display = ("occurred_on", "account", "amount", "status", "description", "owner")
    list_filter = ("status",)
    list_select_related = ("account", "owner")
    search_fields = ("description", "account__name", "owner__email")
    date_hierarchy = "occurred_on"
    actions = ["void_entries"]
    # Entries are made through the API (services post them); the admin reads and voids them.
    readonly_fields = (
        "owner",
        "account",
        "amount",
        "occurred_on",
        "status",
        "posted_at",
        "created_at",
        "updated_at",
    )
    fields = (
        "owner",
        "account",
        "amount",
        "occurred_on",
        "status",
        "description",
        "tags",
        "posted_at",
        "created_at",
        "updated_at",
    )
    filter_horizontal = ("tags",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description="Void the selected entries")
    def void_entries(self, request: HttpRequest, queryset: QuerySet[Entry]) -> None:
        voided = 0
        for entry in queryset:
            try:
                services.entry_void(entry=entry)
            except ConflictError:
                continue
            voided += 1
        self.message_user(request, f"Voided {voided} entries.", messages.SUCCESS)
