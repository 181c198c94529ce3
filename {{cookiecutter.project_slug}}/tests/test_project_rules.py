{%- set pointers = cookiecutter.agent_files != "none" -%}
{%- set all_pointers = cookiecutter.agent_files == "all" -%}
"""The rules in .project-rules/ stay true, and the code rules no linter can state hold.

Links resolve and no rule document is orphaned; every rule names an enforcer that is in force (a
selected ruff rule, an import-linter contract, a test file, a make target, mypy){% if pointers %}; the files
that point AI agents to the rules stay thin and route like the index{% endif %}. Each failure names the
rule it protects and the file to fix. `make rules` runs this file.
"""

import configparser
import functools
import inspect
import json
import re
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from types import ModuleType

{% if all_pointers -%}
import yaml
{% endif -%}
from django.apps import apps

PROJECT_DIR = Path(__file__).resolve().parents[1]
PACKAGE = "{{ cookiecutter.project_slug }}"
PACKAGE_DIR = PROJECT_DIR / PACKAGE
RULES_DIR = PROJECT_DIR / ".project-rules"
INDEX = RULES_DIR / "backend" / "index.md"
RULE_DOCUMENTS = sorted(set(RULES_DIR.rglob("*.md")) - {INDEX})
{%- if pointers %}
AGENTS_MD = PROJECT_DIR / "AGENTS.md"
{%- if all_pointers %}
CLAUDE_MD = PROJECT_DIR / "CLAUDE.md"
CURSOR_RULES = PROJECT_DIR / ".cursor" / "rules" / "project-rules.mdc"
# The backend agent, for Claude Code and for Copilot: a brief that routes to the rules.
AGENT_DEFINITIONS = [
    PROJECT_DIR / ".claude" / "agents" / "backend-developer.md",
    PROJECT_DIR / ".github" / "agents" / "backend-developer.agent.md",
]
{%- endif %}
# The files that point AI coding agents to the rules; none holds a rule itself.
POINTER_FILES = [
    AGENTS_MD,
{%- if all_pointers %}
    CLAUDE_MD,
    PROJECT_DIR / ".github" / "copilot-instructions.md",
    CURSOR_RULES,
    *AGENT_DEFINITIONS,
{%- endif %}
]
# A pointer file is a few lines; an agent's brief, a screen; AGENTS.md, with its commands and
# routing table, a page.
POINTER_LINE_LIMIT = 20
LINE_LIMITS = {
    AGENTS_MD: 119,
{%- if all_pointers %}
    **dict.fromkeys(AGENT_DEFINITIONS, 40),
{%- endif %}
}
# A line of at least this many words is a sentence of a rule, not a heading or a label.
MIN_WORDS_OF_A_COPIED_LINE = 6
ROUTING_TABLE_HEADER = "| Before you"
{%- endif %}
{%- if all_pointers %}
CURSOR_FRONT_MATTER_KEYS = {"description", "globs", "alwaysApply"}
# Claude Code needs a name and a description; the Copilot agent profile takes the same two.
AGENT_FRONT_MATTER_KEYS = {"name", "description", "model"}
AGENT_NAME = "backend-developer"
CLAUDE_IMPORT = re.compile(r"^@(\S+)$", re.MULTILINE)
{%- endif %}
# The files that list every make target, with what it checks.
{%- if pointers %}
COMMAND_LISTS = [INDEX, AGENTS_MD]
{%- else %}
COMMAND_LISTS = [INDEX]
{%- endif %}
GRAB_BAG_MODULES = {"utils", "helpers", "misc"}

FENCE = re.compile(r"^\s*```")
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
EXTERNAL_LINK = re.compile(r"[a-z]+:")  # https:, mailto:
PATH_IN_BACKTICKS = re.compile(r"`([\w.-]+/[\w./-]*)`")
MAKE_COMMAND = re.compile(r"(?:`|^)make ([a-z][a-z-]*(?: [a-z][a-z-]*)*)", re.MULTILINE)
MAKE_TARGET = re.compile(r"^([a-z][a-z-]*):", re.MULTILINE)
ENFORCED_BY = "Enforced by:"
RUFF_ENFORCER = re.compile(r"ruff ((?:`[A-Z]+[0-9]+`(?:, )?)+)")
RUFF_CODE = re.compile(r"`([A-Z]+[0-9]+)`")
CONTRACT_ENFORCER = re.compile(r'contract "([^"]+)"')
TEST_FILE_ENFORCER = re.compile(r"`([\w./-]+\.py)`")
MAKE_ENFORCER = re.compile(r"`make ([a-z -]+)`")
TRAILING_NOTE = re.compile(r"\s*\([^)]*\)$")
ENVIRONMENT_READ = re.compile(r"\bos\.environ\b|\bgetenv\(")


def relative(path: Path) -> str:
    return str(path.relative_to(PROJECT_DIR))


def broken(rule: str, problems: list[str]) -> str:
    return f"Rule broken: {rule}\n  " + "\n  ".join(problems)


def prose(path: Path) -> list[tuple[int, str]]:
    """The numbered lines of a Markdown file, outside fenced code blocks."""
    lines, in_code = [], False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if FENCE.match(line):
            in_code = not in_code
        elif not in_code:
            lines.append((number, line))
    return lines


def markdown_files() -> list[Path]:
{%- if pointers %}
    return [INDEX, *RULE_DOCUMENTS, *POINTER_FILES]
{%- else %}
    return [INDEX, *RULE_DOCUMENTS]
{%- endif %}


@dataclass(frozen=True)
class Rule:
    """One bullet of a rule document, its wrapped lines joined."""

    path: Path
    line: int
    text: str

    @property
    def where(self) -> str:
        return f"{relative(self.path)}:{self.line}"

    @property
    def enforcers(self) -> list[str]:
        _, found, clause = self.text.partition(ENFORCED_BY)
        items = clause.strip().removesuffix(".").split(";") if found else []
        return [TRAILING_NOTE.sub("", item.strip()) for item in items if item.strip()]


def rules_of(path: Path) -> list[Rule]:
    """Every top-level bullet of a rule document is a rule; indented lines continue it."""
    bullets: list[tuple[int, list[str]]] = []
    in_bullet = False
    for number, line in prose(path):
        if line.startswith("- "):
            bullets.append((number, [line[2:]]))
            in_bullet = True
        elif in_bullet and line.startswith("  ") and line.strip():
            bullets[-1][1].append(line)
        else:
            in_bullet = False
    return [Rule(path, number, " ".join(" ".join(lines).split())) for number, lines in bullets]


def all_rules() -> list[Rule]:
    return [rule for document in RULE_DOCUMENTS for rule in rules_of(document)]


def heading_anchors(path: Path) -> set[str]:
    """The anchors GitHub gives the headings of a Markdown file."""
    return {
        re.sub(r"[^\w\- ]", "", line.lstrip("#").strip().lower()).replace(" ", "-")
        for _, line in prose(path)
        if line.startswith("#")
    }


def link_problem(source: Path, target: str) -> str | None:
    """Why a relative link from source does not resolve, or None when it does."""
    if EXTERNAL_LINK.match(target):
        return None
    file_part, _, anchor = target.partition("#")
    resolved = (source.parent / file_part).resolve() if file_part else source
    if not resolved.exists():
        return f"{target} does not exist"
    if anchor and resolved.suffix == ".md" and anchor not in heading_anchors(resolved):
        return f"{target} names a heading that {resolved.name} does not have"
    return None


def linked_files(source: Path, text: str) -> set[Path]:
    """The files that the relative links in text (a part of source) point to."""
    return {
        (source.parent / target.partition("#")[0]).resolve()
        for target in LINK.findall(text)
        if not EXTERNAL_LINK.match(target) and target.partition("#")[0]
    }


def pyproject() -> dict:
    return tomllib.loads((PROJECT_DIR / "pyproject.toml").read_text(encoding="utf-8"))


@functools.cache
def active_ruff_rules() -> frozenset[str]:
    """The codes of the ruff rules that exist, are stable and are selected in pyproject.toml."""
    listing = subprocess.run(
        [sys.executable, "-m", "ruff", "rule", "--all", "--output-format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    settings = pyproject()["tool"]["ruff"]["lint"]
    selected, ignored = tuple(settings["select"]), tuple(settings.get("ignore", []))
    return frozenset(
        rule["code"]
        for rule in json.loads(listing.stdout)
        if not rule["preview"]
        and rule["code"].startswith(selected)
        and not rule["code"].startswith(ignored)
    )


def contract_names() -> set[str]:
    config = configparser.ConfigParser()
    config.read(PROJECT_DIR / ".importlinter", encoding="utf-8")
    return {
        config[section]["name"]
        for section in config.sections()
        if section.startswith("importlinter:contract:")
    }


def make_targets() -> set[str]:
    return set(MAKE_TARGET.findall((PROJECT_DIR / "Makefile").read_text(encoding="utf-8")))


def enforcer_problem(enforcer: str) -> str | None:
    """Why an enforcer that a rule names is not in force, or None when it is."""
    if enforcer == "review":
        return None
    if enforcer == "mypy":
        strict = pyproject()["tool"].get("mypy", {}).get("strict")
        return None if strict else "mypy is not configured strict in pyproject.toml"
    if match := RUFF_ENFORCER.fullmatch(enforcer):
        inactive = sorted(set(RUFF_CODE.findall(match.group(1))) - active_ruff_rules())
        return f"ruff does not check {inactive} (pyproject.toml)" if inactive else None
    if match := CONTRACT_ENFORCER.fullmatch(enforcer):
        name = match.group(1)
        return None if name in contract_names() else f"no contract {name!r} in .importlinter"
    if match := TEST_FILE_ENFORCER.fullmatch(enforcer):
        path = PROJECT_DIR / match.group(1)
        return None if path.name.startswith("test_") and path.is_file() else f"no test {path}"
    if match := MAKE_ENFORCER.fullmatch(enforcer):
        missing = sorted(set(match.group(1).split()) - make_targets())
        return f"the Makefile has no target {missing}" if missing else None
    return f"{enforcer!r} is no kind of enforcer that index.md lists"
{%- if pointers %}


def routing(path: Path) -> list[tuple[str, tuple[Path, ...], str]]:
    """The routing table of a file: (task, the documents to read, the command), row by row."""
    rows, in_table = [], False
    for _, line in prose(path):
        if line.startswith(ROUTING_TABLE_HEADER):
            in_table = True
        elif in_table and line.startswith("|"):
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            if not set(line) <= set("|-: "):  # not the separator row
                task, read, run = cells
                rows.append((task, tuple(sorted(linked_files(path, read))), run))
        elif in_table:
            break
    return rows


def normalized(text: str) -> str:
    """Text without a leading list marker, in lower case, its whitespace collapsed."""
    text = re.sub(r"^\s*(?:[-*>]|\d+\.)\s+", "", text)
    return " ".join(text.split()).lower()


def is_a_sentence(line: str) -> bool:
    words = line.split()
    return len(words) >= MIN_WORDS_OF_A_COPIED_LINE and words[0][0] not in "#|"
{%- endif %}


def project_modules(*layers: str) -> list[ModuleType]:
    """The given layer modules of every app of the project that has them."""
    modules = []
    for config in apps.get_app_configs():
        if not config.name.startswith(f"{PACKAGE}."):
            continue
        for layer in layers:
            name = f"{config.name}.{layer}"
            try:
                modules.append(import_module(name))
            except ModuleNotFoundError as error:
                if error.name != name:
                    raise
    return modules


# --- The documents -----------------------------------------------------------------------------


def test_every_relative_link_resolves():
    problems = [
        f"{relative(path)}:{number}: {problem}"
        for path in markdown_files()
        for number, line in prose(path)
        for target in LINK.findall(line)
        if (problem := link_problem(path, target))
    ]
{%- if all_pointers %}
    problems += [
        f"{relative(CLAUDE_MD)}: @{target} does not exist"
        for target in CLAUDE_IMPORT.findall(CLAUDE_MD.read_text(encoding="utf-8"))
        if not (PROJECT_DIR / target).exists()
    ]
{%- endif %}

    assert problems == [], broken("every relative link resolves", problems)


def test_every_rule_document_is_linked_from_the_index():
    linked = linked_files(INDEX, INDEX.read_text(encoding="utf-8"))
    orphans = [relative(path) for path in RULE_DOCUMENTS if path.resolve() not in linked]

    assert orphans == [], broken("index.md links every rule document; none is orphaned", orphans)


def test_every_path_the_rules_name_exists():
    problems = [
        f"{relative(path)}:{number}: `{token}` does not exist"
        for path in markdown_files()
        for number, line in prose(path)
        for token in PATH_IN_BACKTICKS.findall(line)
        if not ((PROJECT_DIR / token).exists() or (PACKAGE_DIR / token).exists())
    ]

    assert problems == [], broken("every file or folder the rules name exists", problems)


def test_every_rule_names_an_enforcer_in_force():
    rules = all_rules()
    problems = [f"{rule.where}: names no enforcer" for rule in rules if not rule.enforcers]
    problems += [
        f"{rule.where}: {problem}"
        for rule in rules
        for enforcer in rule.enforcers
        if (problem := enforcer_problem(enforcer))
    ]

    assert rules, broken("the rule documents state rules, as bullets", [relative(RULES_DIR)])
    assert problems == [], broken(
        "every rule ends with 'Enforced by:' and checks that are in force", problems
    )


def test_every_make_command_the_rules_name_exists():
    targets = make_targets()
    problems = [
        f"{relative(path)}: `make {command}` names a target the Makefile lacks"
        for path in markdown_files()
        for command in MAKE_COMMAND.findall(path.read_text(encoding="utf-8"))
        if not set(command.split()) <= targets
    ]

    assert problems == [], broken("every make command in the rules exists", problems)


def test_every_make_target_is_listed():
    problems = [
        f"{relative(path)} does not list `make {target}`"
        for path in COMMAND_LISTS
        for target in sorted(make_targets())
        if target not in " ".join(MAKE_COMMAND.findall(path.read_text(encoding="utf-8"))).split()
    ]

    assert problems == [], broken("the commands list every make target", problems)
{%- if pointers %}


# --- The pointer files -------------------------------------------------------------------------


def test_the_pointer_files_exist():
    missing = [relative(path) for path in POINTER_FILES if not path.is_file()]

    assert missing == [], broken("every pointer file for AI agents exists", missing)


def test_the_pointer_files_stay_thin():
    problems = []
    for path in POINTER_FILES:
        limit = LINE_LIMITS.get(path, POINTER_LINE_LIMIT)
        count = len(path.read_text(encoding="utf-8").splitlines())
        if count > limit:
            problems.append(f"{relative(path)} has {count} lines, more than {limit}")

    assert problems == [], broken("pointer files point to the rules and hold none", problems)


def test_the_pointer_files_repeat_no_rule():
    document_lines = {
        normalized(line)
        for document in [INDEX, *RULE_DOCUMENTS]
        for _, line in prose(document)
        if is_a_sentence(line)
    }
    problems = []
    for path in POINTER_FILES:
        whole_text = normalized(path.read_text(encoding="utf-8"))
        problems += [
            f"{relative(path)}:{number} repeats a line of the rules: {line.strip()!r}"
            for number, line in prose(path)
            if is_a_sentence(line) and normalized(line) in document_lines
        ]
        problems += [
            f"{relative(path)} repeats the rule of {rule.where}"
            for rule in all_rules()
            if normalized(rule.text) in whole_text
        ]

    assert problems == [], broken("pointer files repeat no rule; they link to it", problems)


def test_agents_md_routes_like_the_index():
    index_routes, agents_routes = routing(INDEX), routing(AGENTS_MD)

    assert index_routes, broken("index.md has the routing table", [relative(INDEX)])
    assert agents_routes == index_routes, broken(
        "the routing table of AGENTS.md matches the one of index.md",
        [f"AGENTS.md only: {row}" for row in agents_routes if row not in index_routes]
        + [f"index.md only: {row}" for row in index_routes if row not in agents_routes],
    )
{%- endif %}
{%- if all_pointers %}


def test_claude_md_imports_agents_md():
    imports = CLAUDE_IMPORT.findall(CLAUDE_MD.read_text(encoding="utf-8"))

    assert imports == ["AGENTS.md"], broken(
        "CLAUDE.md imports AGENTS.md (one line '@AGENTS.md') and adds nothing",
        [f"{relative(CLAUDE_MD)} imports {imports}"],
    )


def front_matter(path: Path) -> object:
    """The YAML between the two '---' lines that open the file, or None."""
    text = path.read_text(encoding="utf-8")
    fields, closed, _ = text.removeprefix("---\n").partition("\n---\n")
    return yaml.safe_load(fields) if text.startswith("---\n") and closed else None


def test_the_cursor_rules_have_valid_front_matter():
    fields = front_matter(CURSOR_RULES)
    problems = []
    if not isinstance(fields, dict):
        problems.append("no front matter between two '---' lines")
    else:
        if unknown := set(fields) - CURSOR_FRONT_MATTER_KEYS:
            problems.append(f"unknown keys {sorted(unknown)}")
        if not isinstance(fields.get("description"), str) or not fields["description"]:
            problems.append("'description' must be a non-empty string")
        if not isinstance(fields.get("alwaysApply"), bool):
            problems.append("'alwaysApply' must be true or false")

    assert problems == [], broken(
        f"{relative(CURSOR_RULES)} has valid Cursor front matter", problems
    )


def test_the_agent_definitions_have_the_front_matter_their_tools_require():
    problems = []
    for path in AGENT_DEFINITIONS:
        fields = front_matter(path)
        if not isinstance(fields, dict):
            problems.append(f"{relative(path)}: no front matter between two '---' lines")
            continue
        if unknown := set(fields) - AGENT_FRONT_MATTER_KEYS:
            problems.append(f"{relative(path)}: unknown keys {sorted(unknown)}")
        if fields.get("name") != AGENT_NAME:
            problems.append(f"{relative(path)}: 'name' must be {AGENT_NAME!r}")
        if not isinstance(fields.get("description"), str) or not fields["description"]:
            problems.append(f"{relative(path)}: 'description' must be a non-empty string")

    assert problems == [], broken("the backend agent's definitions parse", problems)


def first_link(path: Path) -> Path | None:
    links = LINK.findall(path.read_text(encoding="utf-8"))
    return (path.parent / links[0]).resolve() if links else None


def test_the_agent_definitions_send_the_agent_to_the_index_first():
    problems = [
        f"{relative(path)}: its first link is {first_link(path)}, not the index"
        for path in AGENT_DEFINITIONS
        if first_link(path) != INDEX.resolve()
    ]

    assert problems == [], broken("the backend agent starts from index.md", problems)
{%- endif %}


# --- The import contracts bite ----------------------------------------------------------------


def test_the_import_contracts_catch_broken_layers_in_an_app_added_later(tmp_path):
    shutil.copytree(PACKAGE_DIR, tmp_path / PACKAGE, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(PROJECT_DIR / ".importlinter", tmp_path)
    planted = tmp_path / PACKAGE / "planted"
    planted.mkdir()
    for module, source in {
        "__init__": "",
        "apis": "",
        "selectors": "from . import apis\n",
        "services": "import rest_framework\n",
    }.items():
        (planted / f"{module}.py").write_text(source, encoding="utf-8")

    result = subprocess.run(
        [Path(sys.executable).with_name("lint-imports"), "--no-cache"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )

    output = " ".join((result.stdout + result.stderr).split())  # lint-imports wraps lines
    assert result.returncode != 0, output
    for broken_rule in (
        "Each app imports only down its layers BROKEN",
        "Models, services and selectors import no rest_framework BROKEN",
        f"{PACKAGE}.planted.selectors is not allowed to import {PACKAGE}.planted.apis",
    ):
        assert broken_rule in output, broken(f"lint-imports reports {broken_rule!r}", [output])


# --- Code rules that no linter states ----------------------------------------------------------


def test_services_and_selectors_take_keyword_only_arguments():
    positional_kinds = {
        inspect.Parameter.POSITIONAL_ONLY,
        inspect.Parameter.POSITIONAL_OR_KEYWORD,
        inspect.Parameter.VAR_POSITIONAL,
    }
    problems = [
        f"{module.__name__}.{name}({', '.join(positional)})"
        for module in project_modules("services", "selectors")
        for name, function in vars(module).items()
        if inspect.isfunction(function)
        and function.__module__ == module.__name__
        and not name.startswith("_")
        and (
            positional := [
                parameter.name
                for parameter in inspect.signature(function).parameters.values()
                if parameter.kind in positional_kinds
            ]
        )
    ]

    assert problems == [], broken(
        "services and selectors take keyword-only arguments (architecture.md)", problems
    )


def test_every_app_is_a_direct_sub_package_labelled_after_its_folder():
    problems = [
        f"{config.name} (label {config.label!r})"
        for config in apps.get_app_configs()
        if config.name.startswith(f"{PACKAGE}.")
        and (config.name.count(".") != 1 or config.label != config.name.split(".")[1])
    ]

    assert problems == [], broken(
        f"every app is {PACKAGE}.<name>, labelled <name> (folder-structure.md)", problems
    )


def test_no_module_is_a_grab_bag():
    problems = [
        relative(path) for path in PACKAGE_DIR.rglob("*.py") if path.stem in GRAB_BAG_MODULES
    ]

    assert problems == [], broken(
        "a module is named after what it holds, never utils or helpers (folder-structure.md)",
        problems,
    )


def test_settings_live_only_in_config_settings():
    problems = [
        relative(path)
        for path in PACKAGE_DIR.rglob("*")
        if path.stem == "settings" and (path.is_dir() or path.suffix == ".py")
    ]

    assert problems == [], broken(
        "settings live in config/settings/ only (folder-structure.md)", problems
    )


def test_only_the_settings_read_the_environment():
    problems = [
        f"{relative(path)}:{number}: {line.strip()}"
        for path in PACKAGE_DIR.rglob("*.py")
        if "tests" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if ENVIRONMENT_READ.search(line)
    ]

    assert problems == [], broken(
        "application code reads django.conf.settings, never os.environ (configuration.md)",
        problems,
    )
