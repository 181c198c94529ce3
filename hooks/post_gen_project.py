"""Finish the generated project: remove what the answers turned off, write .env, say what next.

Runs inside the new project folder, offline, with nothing but the standard library.
Conditional content inside files stays in the templates; whole files and folders of a disabled
option are listed once, in REMOVALS.
"""

import json
import secrets
import shutil
import string
from pathlib import Path

ANSWERS: dict[str, str] = json.loads(r"""{{ cookiecutter | jsonify }}""")
PROJECT_DIR = Path.cwd()

# (option, answer, paths removed when the option has that answer); "{slug}" is the package.
REMOVALS: list[tuple[str, str, list[str]]] = [
    ("include_example_app", "no", ["{slug}/ledger"]),
    (
        "use_celery",
        "no",
        [
            "config/celery.py",
            "{slug}/common/background.py",
            "{slug}/common/tests/worker.py",
            "{slug}/ledger/tasks.py",
            "{slug}/ledger/task_names.py",
            "{slug}/ledger/tests/test_tasks.py",
            "{slug}/ledger/tests/test_worker.py",
        ],
    ),
    (
        "use_celery_beat",
        "no",
        [
            "{slug}/common/management/commands/setup_periodic_tasks.py",
            "{slug}/common/tests/test_setup_periodic_tasks.py",
        ],
    ),
    ("use_flower", "no", ["config/flower.py"]),
]

# Letters, digits, "-" and "_" need no quoting in a .env file or a shell.
SECRET_KEY_ALPHABET = string.ascii_letters + string.digits + "-_"
SECRET_KEY_LENGTH = 64


def generate_secret_key() -> str:
    return "".join(secrets.choice(SECRET_KEY_ALPHABET) for _ in range(SECRET_KEY_LENGTH))


def paths_to_remove(answers: dict[str, str]) -> list[Path]:
    return [
        PROJECT_DIR / path.format(slug=answers["project_slug"])
        for option, answer, paths in REMOVALS
        if answers[option] == answer
        for path in paths
    ]


def remove_disabled_options() -> None:
    for path in paths_to_remove(ANSWERS):
        if not path.exists():  # inside a folder an earlier row removed
            continue
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()


def write_dot_env() -> None:
    """Copy .env.example to .env (git-ignored, owner-only) with a fresh DJANGO_SECRET_KEY."""
    lines = (PROJECT_DIR / ".env.example").read_text(encoding="utf-8").splitlines()
    lines = [
        f"DJANGO_SECRET_KEY={generate_secret_key()}"
        if line.startswith("DJANGO_SECRET_KEY=")
        else line
        for line in lines
    ]
    dot_env = PROJECT_DIR / ".env"
    dot_env.write_text("\n".join(lines) + "\n", encoding="utf-8")
    dot_env.chmod(0o600)


def print_next_steps() -> None:
    slug = ANSWERS["project_slug"]
    print(
        f"\nCreated {slug}/ with a fresh secret key in .env. Next:\n"
        f"  cd {slug}\n"
        "  uv sync                                   # install\n"
        "  # create the MySQL user and database: see README.md, Quickstart step 2\n"
        "  uv run python manage.py migrate\n"
        "  uv run pytest                             # tests against MySQL and Redis\n"
        "  uv run python manage.py runserver\n"
    )


def main() -> None:
    remove_disabled_options()
    write_dot_env()
    print_next_steps()


if __name__ == "__main__":
    main()
