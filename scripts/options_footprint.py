"""How far each option of cookiecutter.json reaches into the template.

For every option: the template files that name it, and how often each does, with totals. A
file of the project folder or of templates/ names an option in a Jinja tag
(`{% if cookiecutter.use_celery == "yes" %}`, `{{ cookiecutter.project_slug }}`, a `{# #}`
comment); the hooks name it as a string (`"use_celery"`, in their tables and checks).
cookiecutter.json itself, where every option is defined, is not counted. An option whose
files are whole, removed by the post-generation hook when it is off, has a small footprint; one
spread as Jinja through shared files has a large one.

    uv run python scripts/options_footprint.py            # every option, file by file
    uv run python scripts/options_footprint.py --summary  # one line per option
    uv run python scripts/options_footprint.py --readme   # rewrite the README's quote of it

The template's README quotes the summary, in the block after README_MARKER; a test checks that
the quote is current.
"""

import argparse
import json
import re
from dataclasses import dataclass
from pathlib import Path

TEMPLATE_DIR = Path(__file__).resolve().parents[1]
TEMPLATES = ("{{cookiecutter.project_slug}}", "templates")
HOOKS = "hooks"
README = TEMPLATE_DIR / "README.md"
README_MARKER = "<!-- options-footprint -->"
JINJA_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
# `{% set celery = cookiecutter.use_celery == "yes" %}`: the tags that use `celery` count too.
ALIAS_TAG = re.compile(r"\{%-?\s*set\s+(\w+)\s*=(.*?)-?%\}", re.DOTALL)


@dataclass(frozen=True)
class Mentions:
    tags: int  # Jinja tags that name the option
    strings: int  # string literals of the hooks that are the option's name


def options(template_dir: Path) -> list[str]:
    """The options of cookiecutter.json, in its order (not cookiecutter's own _ keys)."""
    names = json.loads((template_dir / "cookiecutter.json").read_text(encoding="utf-8"))
    return [name for name in names if not name.startswith("_")]


def files_under(template_dir: Path, *folders: str) -> list[Path]:
    return sorted(
        path
        for folder in folders
        for path in (template_dir / folder).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    )


def tags_naming(text: str, option: str) -> int:
    """Tags that name the option, or a variable a `{% set %}` tag of the file made from it."""
    option_name = rf"\bcookiecutter\.{option}\b"
    tags = JINJA_TAG.findall(text)
    aliases = [
        match.group(1)
        for tag in tags
        if (match := ALIAS_TAG.match(tag)) and re.search(option_name, match.group(2))
    ]
    name = re.compile("|".join([option_name, *(rf"(?<![\w.'\"]){alias}\b" for alias in aliases)]))
    return sum(1 for tag in tags if name.search(tag))


def strings_naming(text: str, option: str) -> int:
    return len(re.findall(rf"([\"']){option}\1", text))


def footprint(template_dir: Path) -> dict[str, dict[str, Mentions]]:
    """{option: {file relative to the template: how it names the option}}, for the files that
    name it."""
    texts: dict[str, tuple[str, bool]] = {}  # file: (text, is a hook)
    for folders, is_hook in ((TEMPLATES, False), ((HOOKS,), True)):
        for path in files_under(template_dir, *folders):
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:  # a binary file names no option
                continue
            texts[path.relative_to(template_dir).as_posix()] = (text, is_hook)
    result: dict[str, dict[str, Mentions]] = {}
    for option in options(template_dir):
        found = {
            name: Mentions(
                tags_naming(text, option), strings_naming(text, option) if is_hook else 0
            )
            for name, (text, is_hook) in texts.items()
        }
        result[option] = {name: found[name] for name in texts if found[name] != Mentions(0, 0)}
    return result


def summary_lines(found: dict[str, dict[str, Mentions]]) -> list[str]:
    width = max(len(option) for option in found)
    lines = [f"{'option':<{width}}  files   tags  hook strings"]
    for option, files in found.items():
        tags = sum(mentions.tags for mentions in files.values())
        strings = sum(mentions.strings for mentions in files.values())
        lines.append(f"{option:<{width}}  {len(files):>5}  {tags:>5}  {strings:>12}")
    return lines


def detail_lines(found: dict[str, dict[str, Mentions]]) -> list[str]:
    lines = []
    for option, files in found.items():
        tags = sum(mentions.tags for mentions in files.values())
        strings = sum(mentions.strings for mentions in files.values())
        lines.append(f"{option}: {len(files)} files, {tags} Jinja tags, {strings} hook strings")
        lines.extend(
            f"  {mentions.tags or mentions.strings:>4}  {name}" for name, mentions in files.items()
        )
    return lines


def readme_quote(readme: str) -> re.Match[str]:
    """The fenced block after README_MARKER; group 1 is its text."""
    match = re.search(rf"{re.escape(README_MARKER)}\n```text\n(.*?)```\n", readme, re.DOTALL)
    if match is None:
        raise SystemExit(f"README.md has no {README_MARKER} line followed by a ```text block")
    return match


def with_current_quote(readme: str, summary: list[str]) -> str:
    quote = readme_quote(readme)
    return readme[: quote.start(1)] + "\n".join(summary) + "\n" + readme[quote.end(1) :]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    choice = parser.add_mutually_exclusive_group()
    choice.add_argument("--summary", action="store_true", help="one line per option")
    choice.add_argument("--readme", action="store_true", help="rewrite README.md's quote")
    arguments = parser.parse_args()
    found = footprint(TEMPLATE_DIR)
    if arguments.readme:
        README.write_text(
            with_current_quote(README.read_text(encoding="utf-8"), summary_lines(found)),
            encoding="utf-8",
        )
        return
    print("\n".join(summary_lines(found) if arguments.summary else detail_lines(found)))


if __name__ == "__main__":
    main()
