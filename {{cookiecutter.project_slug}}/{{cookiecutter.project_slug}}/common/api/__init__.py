"""The API's building blocks: problems, schema, pagination, throttles, parsers, filters,
serializers, viewsets."""
