"""Errors that services raise; the API turns each into a problem response (see problems.py).

Services and selectors never import rest_framework. Besides these, they raise Django's
ValidationError (400 with field errors) and let Http404 / DoesNotExist mean "not found".
"""


class ConflictError(Exception):
    """The request is valid but clashes with the current state of the data (HTTP 409)."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail
