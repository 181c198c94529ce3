"""startapp, the project's way: a new app inside the package, laid out in the project's layers.

Takes the place of Django's own startapp (commands of installed apps win over Django's). The
files come from common/app_template/: each `*.py-tpl` becomes a `.py` file with its
`$placeholders` filled in. The suffix keeps ruff, mypy, pytest and coverage from reading the
templates as code.
"""

import keyword
import re
from pathlib import Path
from string import Template
from typing import Any

import inflection
from django.apps import apps
from django.core.management.base import BaseCommand, CommandError, CommandParser

PACKAGE = __name__.partition(".")[0]
PACKAGE_DIR = Path(__file__).resolve().parents[3]
TEMPLATE_DIR = PACKAGE_DIR / "common" / "app_template"
TEMPLATE_SUFFIX = "-tpl"

# The templates are laid out (magic trailing commas) so that `ruff format` leaves them as they
# are at every length these allow; tests/test_startapp.py formats the longest and shortest.
APP_NAME = re.compile(r"[a-z][a-z0-9_]{0,29}")
MODEL_NAME = re.compile(r"[A-Z][A-Za-z0-9]{0,29}")
# Django refuses index names longer than 30 characters (system check models.E034), stricter
# than MySQL's 64 for any identifier; constraints keep to the same length, so one rule names both.
MAX_INDEX_NAME_LENGTH = 30


def default_model(app_name: str) -> str:
    """The app's first model: its name, singular, in CapWords (invoices -> Invoice)."""
    return inflection.camelize(inflection.singularize(app_name))


def index_name(app_name: str, model_snake: str, what: str) -> str:
    """`<app>_<model>_<what>` in at most 30 characters.

    When too long, the app and the model are cut to share what room is left, each keeping at
    least half of it (or all it needs), so both stay recognisable; the same names always give
    the same result. Django's check models.E030 reports the rare clash of two cut names.
    """
    full = f"{app_name}_{model_snake}_{what}"
    if len(full) <= MAX_INDEX_NAME_LENGTH:
        return full
    room = MAX_INDEX_NAME_LENGTH - len(what) - 2  # two underscores between the three parts
    app_length = min(len(app_name), max(room // 2, room - len(model_snake)))
    app_part = app_name[:app_length].rstrip("_")
    model_part = model_snake[: room - app_length].rstrip("_")
    return f"{app_part}_{model_part}_{what}"


def placeholders(*, app_name: str, model: str) -> dict[str, str]:
    """The values of the $placeholders in the app template."""
    model_snake = inflection.underscore(model)
    return {
        "package": PACKAGE,
        "app_name": app_name,
        "app_class": inflection.camelize(app_name),
        "verbose_name": app_name.replace("_", " ").capitalize(),
        "model": model,
        "model_snake": model_snake,
        "owner_index": index_name(app_name, model_snake, "owner_new"),
    }


def render_app(target: Path, values: dict[str, str]) -> None:
    """Write every file of the app template under target, its placeholders filled in."""
    for template in sorted(TEMPLATE_DIR.rglob(f"*{TEMPLATE_SUFFIX}")):
        relative = template.relative_to(TEMPLATE_DIR)
        path = target / relative.with_name(relative.name.removesuffix(TEMPLATE_SUFFIX))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            Template(template.read_text(encoding="utf-8")).substitute(values), encoding="utf-8"
        )


class Command(BaseCommand):
    help = (
        f"Create an app in {PACKAGE}/ with the project's layers (models, selectors, services, "
        "serializers, filters, apis, urls, admin), a first model, a factory and first tests."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", help="The app's name and label, e.g. invoices.")
        parser.add_argument(
            "directory",
            nargs="?",
            help=f"Where to write the app (default: {PACKAGE}/<name>/); must not exist yet.",
        )
        parser.add_argument(
            "--model",
            help="The app's first model, e.g. Invoice (default: the app name, singular, in "
            "CapWords).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        app_name: str = options["name"]
        model: str = options["model"] or default_model(app_name)
        target = Path(options["directory"] or PACKAGE_DIR / app_name)
        self._refuse_bad_names(app_name, model)
        if target.exists():
            raise CommandError(f"{target} already exists; choose another name or directory.")

        render_app(target, placeholders(app_name=app_name, model=model))

        self.stdout.write(self.style.SUCCESS(f"Created {PACKAGE}.{app_name} in {target}."))
        self.stdout.write(
            "Next:\n"
            f'  1. Add "{PACKAGE}.{app_name}" to LOCAL_APPS in config/settings/apps.py.\n'
            f"  2. uv run python manage.py makemigrations {app_name}\n"
            "  3. make check\n"
            "For its first endpoint, read .project-rules/backend/api-design.md."
        )

    def _refuse_bad_names(self, app_name: str, model: str) -> None:
        if not APP_NAME.fullmatch(app_name) or keyword.iskeyword(app_name):
            raise CommandError(
                f"{app_name!r} is not an app name: use lower-case letters, digits and "
                "underscores, at most 30, starting with a letter (e.g. invoices)."
            )
        if app_name in apps.app_configs:
            raise CommandError(f"An installed app already has the label {app_name!r}.")
        if not MODEL_NAME.fullmatch(model):
            raise CommandError(
                f"{model!r} is not a model name: use CamelCase letters and digits, at most 30 "
                "(e.g. Invoice)."
            )
