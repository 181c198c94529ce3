"""What the ledger API accepts (…InputSerializer) and returns (…OutputSerializer).

Input serializers only validate; views hand their validated_data to a service. Every nested
serializer is a named class, so the OpenAPI schema shows it as a component.
"""

from rest_framework import serializers

from {{ cookiecutter.project_slug }}.common.api.serializers import (
    InputModelSerializer,
    OwnedPrimaryKeyRelatedField,
)

from .models import Account, Entry, Tag
from .selectors import account_list, tag_list

# Tags one entry can carry: bounds the request body's list and the queries it costs.
MAX_TAGS_PER_ENTRY = 20


class AccountInputSerializer(InputModelSerializer):
    class Meta:
        model = Account
        fields = ["name"]


class AccountOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Account
        fields = ["id", "name", "balance", "created_at", "updated_at"]
        read_only_fields = fields


class AccountRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Account
        fields = ["id", "name"]
        read_only_fields = fields


class TagInputSerializer(InputModelSerializer):
    class Meta:
        model = Tag
        fields = ["name"]


class TagOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Tag
        fields = ["id", "name", "created_at", "updated_at"]
        read_only_fields = fields


class TagRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Tag
        fields = ["id", "name"]
        read_only_fields = fields


class EntryCreateInputSerializer(InputModelSerializer):
    account = OwnedPrimaryKeyRelatedField(selector=account_list, queryset=Account.objects.none())
    tags = OwnedPrimaryKeyRelatedField(
        selector=tag_list,
        queryset=Tag.objects.none(),
        many=True,
        max_length=MAX_TAGS_PER_ENTRY,
        required=False,
    )

    class Meta:
        model = Entry
        fields = ["account", "amount", "occurred_on", "description", "tags"]


class EntryUpdateInputSerializer(InputModelSerializer):
    tags = OwnedPrimaryKeyRelatedField(
        selector=tag_list,
        queryset=Tag.objects.none(),
        many=True,
        max_length=MAX_TAGS_PER_ENTRY,
        required=False,
    )

    class Meta:
        model = Entry
        fields = ["occurred_on", "description", "tags"]


class ReceiptInputSerializer(serializers.Serializer):
    # The bytes only: the service detects the type and makes the stored name.
    file = serializers.FileField(allow_empty_file=False, use_url=False)


class ReceiptOutputSerializer(serializers.Serializer):
    url = serializers.CharField(help_text="Download URL of the receipt; it soon expires.")
    expires_in = serializers.IntegerField(help_text="Seconds the URL works from now.")


class EntryOutputSerializer(serializers.ModelSerializer):
    account = AccountRefSerializer()
    tags = TagRefSerializer(many=True)
    has_receipt = serializers.BooleanField(read_only=True)

    class Meta:
        model = Entry
        fields = [
            "id",
            "account",
            "amount",
            "description",
            "occurred_on",
            "status",
            "posted_at",
            "tags",
            "has_receipt",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields
