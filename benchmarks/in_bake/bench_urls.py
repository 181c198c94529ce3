"""The project's URLs plus a naive entries list, the baseline the ledger's list is measured against.

The naive list is what a first DRF tutorial writes: a ModelViewSet over the owner's entries with
nested ModelSerializers for the account and the tags, and no query tuning (no select_related,
no prefetch_related), so each entry costs a query for its account and one for its tags.
Authentication, permissions, throttles, pagination and rendering are the project's defaults,
the same as the ledger's list; the output has the same fields, read off the ledger's own output
serializer (its fields and those of its nested account and tags), so the two cannot drift apart.
"""

from importlib import import_module

from config.urls import urlpatterns as project_urlpatterns
from django.apps import apps
from rest_framework import serializers, viewsets
from rest_framework.routers import SimpleRouter

Account = apps.get_model("ledger", "Account")
Entry = apps.get_model("ledger", "Entry")
Tag = apps.get_model("ledger", "Tag")
# The package is named after the project, so the serializers are found through the app.
LEDGER_SERIALIZERS = import_module(f"{apps.get_app_config('ledger').name}.serializers")
LEDGER_ENTRY_FIELDS = LEDGER_SERIALIZERS.EntryOutputSerializer().fields

NAIVE_ENTRIES_PREFIX = "bench/naive/entries"


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

    class Meta:
        model = Entry
        fields = tuple(LEDGER_ENTRY_FIELDS)


class NaiveEntryViewSet(viewsets.ModelViewSet):
    serializer_class = NaiveEntrySerializer

    def get_queryset(self):
        # Scoped to the owner like the real list, so both return the same rows.
        return Entry.objects.filter(owner=self.request.user)


router = SimpleRouter()
router.register(NAIVE_ENTRIES_PREFIX, NaiveEntryViewSet, basename="naive-entry")

urlpatterns = [*router.urls, *project_urlpatterns]
