"""The API's JSON parser: DRF's, with one more bad body kept a 4xx problem."""

from typing import Any

from rest_framework import parsers
from rest_framework.exceptions import ParseError


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser; a body nested so deep it exhausts Python's recursion limit is a 400.

    DRF's own parser turns every other bad body into a 400 already (invalid JSON or UTF-8,
    NaN and Infinity), and Django refuses a body over DATA_UPLOAD_MAX_MEMORY_SIZE before any
    parser sees it (problems.py answers that with a 413).
    """

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError as error:
            raise ParseError("JSON parse error - the body is nested too deeply.") from error
