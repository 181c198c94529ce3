"""Finish the generated project: write .env with a fresh secret key, then say what is next.

Runs inside the new project folder, offline, with nothing but the standard library.
"""

import json
import secrets
import string
from pathlib import Path

ANSWERS: dict[str, str] = json.loads(r"""{{ cookiecutter | jsonify }}""")
PROJECT_DIR = Path.cwd()

# Letters, digits, "-" and "_" need no quoting in a .env file or a shell.
SECRET_KEY_ALPHABET = string.ascii_letters + string.digits + "-_"
SECRET_KEY_LENGTH = 64


def generate_secret_key() -> str:
    return "".join(secrets.choice(SECRET_KEY_ALPHABET) for _ in range(SECRET_KEY_LENGTH))


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
    write_dot_env()
    print_next_steps()


if __name__ == "__main__":
    main()
