"""Named sets of answers the template's tests bake."""

DEFAULT: dict[str, str] = {}
TOKEN_AUTH = {"api_auth": "token"}
WITHOUT_EXAMPLE_APP = {"include_example_app": "no"}
RABBITMQ = {"celery_broker": "rabbitmq"}
WITHOUT_CELERY = {"use_celery": "no", "use_celery_beat": "no"}
WITHOUT_BEAT = {"use_celery_beat": "no"}
WITH_FLOWER = {"use_flower": "yes"}

# Bakes whose own full test suite and checks run against the real services.
FULL_SUITE_BAKES = {
    "default": DEFAULT,
    "token-auth": TOKEN_AUTH,
    "without-example-app": WITHOUT_EXAMPLE_APP,
    "rabbitmq": RABBITMQ,
    "without-celery": WITHOUT_CELERY,
}


def services_needed(answers: dict[str, str]) -> list[str]:
    """The servers a bake's own tests talk to."""
    needed = ["mysql", "redis"]
    if answers.get("use_celery", "yes") == "yes" and answers.get("celery_broker") == "rabbitmq":
        needed.append("rabbitmq")
    return needed
