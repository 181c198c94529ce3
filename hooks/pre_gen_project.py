"""Validate the answers before cookiecutter writes anything.

Each rule is one row of RULES: the answer it names, a check over all answers, and what is
allowed. At the first broken rule the hook prints one line naming the answer and exits 1;
cookiecutter then removes the project folder it had just created, so nothing is left behind.
"""

import json
import keyword
import re
import sys
from collections.abc import Callable

# Rendered by cookiecutter; JSON inside a raw string survives any quote or backslash in an answer.
ANSWERS: dict[str, str] = json.loads(r"""{{ cookiecutter | jsonify }}""")

Check = Callable[[dict[str, str]], bool]

# Short enough that the generated code stays within its line length.
PACKAGE_NAME = re.compile(r"[a-z][a-z0-9_]{0,39}")


def is_package_name(value: str) -> bool:
    return PACKAGE_NAME.fullmatch(value) is not None and not keyword.iskeyword(value)


# (answer, check, what is allowed)
RULES: list[tuple[str, Check, str]] = [
    (
        "project_slug",
        lambda answers: is_package_name(answers["project_slug"]),
        "a Python package name of at most 40 lower-case letters, digits and underscores, "
        "starting with a letter, not a Python keyword (e.g. my_service)",
    ),
]


def first_broken_rule(answers: dict[str, str]) -> str | None:
    """Return the message for the first rule the answers break, or None."""
    for name, check, allowed in RULES:
        if not check(answers):
            return f"Invalid answer {name}={answers[name]!r}: expected {allowed}."
    return None


def main() -> int:
    problem = first_broken_rule(ANSWERS)
    if problem:
        print(f"ERROR: {problem}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
