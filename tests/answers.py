"""Named sets of answers the template's tests bake."""

DEFAULT: dict[str, str] = {}
TOKEN_AUTH = {"api_auth": "token"}
WITHOUT_EXAMPLE_APP = {"include_example_app": "no"}

# Bakes whose own full test suite and checks run against the real services.
FULL_SUITE_BAKES = {
    "default": DEFAULT,
    "token-auth": TOKEN_AUTH,
    "without-example-app": WITHOUT_EXAMPLE_APP,
}
