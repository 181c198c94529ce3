"""Validate the answers before cookiecutter writes anything.

Each rule is one row of RULES: the answer it names, a check over all the answers, and what is
allowed. At the first broken rule the hook prints one line naming the answer and what to give
instead, and exits 1; cookiecutter then removes the folder it had just created, so nothing is
left behind. (A value outside a question's choices never gets here: cookiecutter itself
rejects it, naming the choices.) Runs offline, with the standard library only.

Cookiecutter runs this file as a script, after rendering it with Jinja; the answers are read only
under `if __name__ == "__main__"`, so the template's tests import the file unrendered and call
first_broken_rule with answers of their own. tests/answers.py reads COMPUTED_CHOICES and RULES
too: the choices of the options and which combinations a bake may have.
"""

import json
import keyword
import re
import sys
import zoneinfo
from collections.abc import Callable

Check = Callable[[dict[str, str]], bool]

# Short enough that the generated code stays within its line length.
PACKAGE_NAME = re.compile(r"[a-z][a-z0-9_]{0,39}")
# Modules the generated project imports or is run as; a package of the same name would
# shadow them (`import celery` would find the project instead of Celery).
PROJECT_MODULES = frozenset(
    {
        *sys.stdlib_module_names,
        *("common", "config", "conftest", "ledger", "manage", "test", "tests", "users"),
        *("django", "rest_framework", "rest_framework_simplejwt", "django_filters"),
        *("drf_spectacular", "drf_spectacular_sidecar", "environ", "health_check"),
        *("celery", "kombu", "django_celery_beat", "flower", "redis", "structlog"),
        *("django_structlog", "gunicorn", "sentry_sdk", "django_prometheus", "corsheaders"),
        *("factory", "pytest", "mypy", "importlinter", "opentelemetry"),
    }
)
HOSTNAME = r"(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}"
DOMAIN_NAME = re.compile(HOSTNAME)
EMAIL = re.compile(r"[A-Za-z0-9._%+-]{1,64}@" + HOSTNAME, re.IGNORECASE)
# PEP 440, canonical public form (appendix B of the PEP).
PEP_440_VERSION = re.compile(
    r"([1-9][0-9]*!)?(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*((a|b|rc)(0|[1-9][0-9]*))?"
    r"(\.post(0|[1-9][0-9]*))?(\.dev(0|[1-9][0-9]*))?"
)
MAX_TEXT_LENGTH = 200


def is_package_name(value: str) -> bool:
    return (
        PACKAGE_NAME.fullmatch(value) is not None
        and not keyword.iskeyword(value)
        and value not in PROJECT_MODULES
    )


def is_one_line_of_text(value: str) -> bool:
    # Quotes and backslashes are welcome: templates write text through local_extensions.py's
    # filters, as a literal of each file's language. Tabs, line breaks and other controls are not.
    return bool(value.strip()) and len(value) <= MAX_TEXT_LENGTH and value.isprintable()


def is_time_zone(value: str) -> bool:
    if value == "UTC":  # valid even where the system has no time zone database
        return True
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True


def one_of(option: str, choices: tuple[str, ...]) -> Check:
    return lambda answers: answers[option] in choices


def needs(option: str, answer: str, needed: str, needed_answer: str) -> Check:
    """The option may have that answer only when the needed option has the needed answer."""
    return lambda answers: answers[option] != answer or answers[needed] == needed_answer


# Options whose default cookiecutter.json computes from another answer: cookiecutter takes any
# text for them, so the choice is checked here. The first choice is the usual default.
COMPUTED_CHOICES: dict[str, tuple[str, ...]] = {"use_celery_beat": ("yes", "no")}

# Which options need which: (option, answer, the option it needs, the answer that one must have,
# what is allowed instead).
REQUIREMENTS: list[tuple[str, str, str, str, str]] = [
    (
        "use_celery_beat",
        "yes",
        "use_celery",
        "yes",
        "no when use_celery=no, since beat sends Celery tasks "
        "(answer use_celery_beat=no, or use_celery=yes)",
    ),
    (
        "use_flower",
        "yes",
        "use_celery",
        "yes",
        "no when use_celery=no, since Flower watches Celery workers "
        "(answer use_flower=no, or use_celery=yes)",
    ),
    (
        "celery_broker",
        "rabbitmq",
        "use_celery",
        "yes",
        "the default (redis) when use_celery=no, since only Celery uses a broker "
        "(leave celery_broker out, or answer use_celery=yes)",
    ),
    (
        "use_kubernetes",
        "yes",
        "use_docker",
        "yes",
        "no when use_docker=no, since the manifests run the Docker image "
        "(answer use_kubernetes=no, or use_docker=yes)",
    ),
]

# (answer, check, what is allowed)
TEXT_RULES: list[tuple[str, Check, str]] = [
    (
        "project_name",
        lambda answers: is_one_line_of_text(answers["project_name"]),
        f"a name on one line of printable characters, at most {MAX_TEXT_LENGTH} of them",
    ),
    (
        "project_slug",
        lambda answers: is_package_name(answers["project_slug"]),
        "a Python package name of at most 40 lower-case letters, digits and underscores, "
        "starting with a letter, not a Python keyword and not the name of a module the "
        "project imports (such as django, celery, config, test, users) (e.g. my_service)",
    ),
    (
        "description",
        lambda answers: is_one_line_of_text(answers["description"]),
        f"one line of printable characters, at most {MAX_TEXT_LENGTH} of them",
    ),
    (
        "author_name",
        lambda answers: is_one_line_of_text(answers["author_name"]),
        f"a name on one line of printable characters, at most {MAX_TEXT_LENGTH} of them",
    ),
    (
        "author_email",
        lambda answers: EMAIL.fullmatch(answers["author_email"]) is not None,
        "an e-mail address such as you@example.com",
    ),
    (
        "domain_name",
        lambda answers: DOMAIN_NAME.fullmatch(answers["domain_name"]) is not None,
        "a lower-case domain name such as api.example.com (no scheme, port or path)",
    ),
    (
        "version",
        lambda answers: PEP_440_VERSION.fullmatch(answers["version"]) is not None,
        "a PEP 440 version in canonical form, such as 0.1.0, 1.2.0rc1 or 2.0.0.dev3",
    ),
    (
        "timezone",
        lambda answers: is_time_zone(answers["timezone"]),
        "an IANA time zone name such as UTC or Europe/Berlin (UTC is advised with MySQL)",
    ),
]

# Every rule, in the order they are checked.
RULES: list[tuple[str, Check, str]] = [
    *TEXT_RULES,
    *(
        (option, one_of(option, choices), " or ".join(choices))
        for option, choices in COMPUTED_CHOICES.items()
    ),
    *(
        (option, needs(option, answer, needed, needed_answer), allowed)
        for option, answer, needed, needed_answer, allowed in REQUIREMENTS
    ),
]


def first_broken_rule(answers: dict[str, str]) -> str | None:
    """Return the message for the first rule the answers break, or None."""
    for name, check, allowed in RULES:
        if not check(answers):
            return f"Invalid answer {name}={answers[name]!r}: expected {allowed}."
    return None


def main(answers: dict[str, str]) -> int:
    problem = first_broken_rule(answers)
    if problem:
        print(f"ERROR: {problem}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    # Rendered by cookiecutter; JSON inside a raw string survives any quote or backslash in an
    # answer.
    sys.exit(main(json.loads(r"""{{ cookiecutter | jsonify }}""")))
