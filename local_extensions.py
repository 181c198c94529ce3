"""Jinja extensions for the bake: text literals and a cache of compiled templates.

TextLiterals: filters that put a text answer into each kind of file as a literal of its language.

Text answers may hold any printable character, quotes and backslashes included, so no template
pastes one between quotes by hand. Cookiecutter loads this module through `_extensions` in
cookiecutter.json (it puts the template's folder on the import path while it renders). Jinja's
own `tojson` escapes quotes, `<`, `>` and `&` for HTML as `\\u0027` and the like: valid, but not
what a reader of pyproject.toml wants to see, hence these.
"""

import contextlib
import hashlib
import importlib.metadata
import json
import textwrap

import jinja2
from jinja2 import FileSystemBytecodeCache
from jinja2.ext import Extension

# The generated project's formatter wraps at this width (ruff's line-length in its pyproject).
LINE_LENGTH = 100
INDENT = 4


def quoted(text: str) -> str:
    """A double-quoted string for TOML, YAML or JSON: only `"` and `\\` need escaping in them."""
    return json.dumps(text, ensure_ascii=False)


def _python_literal(text: str) -> str:
    # ruff format prefers double quotes, unless the text holds more of them than single ones.
    quote = "'" if text.count('"') > text.count("'") else '"'
    escaped = text.replace("\\", "\\\\").replace(quote, "\\" + quote)
    return f"{quote}{escaped}{quote}"


def python_string(text: str, prefix: str = "", indent: int = INDENT) -> str:
    """A Python string literal for a line that starts with `prefix` and ends with a comma.

    A literal too long for the line is split into an implicitly concatenated group in
    parentheses, one piece per line, as ruff format would leave it.
    """
    literal = _python_literal(text)
    if indent + len(prefix) + len(literal) + len(",") <= LINE_LENGTH:
        return literal
    inner = " " * (indent + INDENT)
    # Each piece keeps its trailing space, so the pieces join back to the exact text.
    width = LINE_LENGTH - len(inner) - len('""') - text.count("\\") - text.count('"')
    pieces = textwrap.wrap(
        text, width=max(width, 20), drop_whitespace=False, break_on_hyphens=False
    )
    lines = "".join(f"{inner}{_python_literal(piece)}\n" for piece in pieces)
    return f"(\n{lines}{' ' * indent})"


class TextLiterals(Extension):
    """Registers the filters above under their own names."""

    def __init__(self, environment):
        super().__init__(environment)
        environment.filters["quoted"] = quoted
        environment.filters["python_string"] = python_string


class _BestEffortBytecodeCache(FileSystemBytecodeCache):
    """Jinja's file cache, except that a cache it cannot write (disk full, read-only) is skipped."""

    def dump_bytecode(self, bucket):
        with contextlib.suppress(OSError):  # the bake goes on; the next one compiles again
            super().dump_bytecode(bucket)


class CompiledTemplateCache(Extension):
    """Keeps each template file's compiled code between bakes: Jinja's own bytecode cache.

    Parsing and compiling the template's files is most of a bake's time; a later bake on the
    same machine (other answers, `cruft update`, the template's own tests) loads the code
    instead. Jinja compiles again a file whose source changed (the code is stored with the
    source's checksum) and keeps the cache where only this user may read it (a 0700 directory
    in the temp directory, TMPDIR); where it cannot have that, the bake compiles every time.
    The file names carry what changes the compiled code without changing the source: the
    environment's syntax settings, and the versions of Jinja and of cookiecutter (whose
    extensions may add tags).
    """

    def __init__(self, environment):
        super().__init__(environment)
        compiled_code_inputs = [
            environment.block_start_string,
            environment.variable_start_string,
            environment.comment_start_string,
            environment.line_statement_prefix,
            environment.line_comment_prefix,
            environment.trim_blocks,
            environment.lstrip_blocks,
            environment.newline_sequence,
            environment.keep_trailing_newline,
            environment.optimized,
            jinja2.__version__,
            importlib.metadata.version("cookiecutter"),
        ]
        key = hashlib.sha256(repr(compiled_code_inputs).encode()).hexdigest()[:16]
        try:
            environment.bytecode_cache = _BestEffortBytecodeCache(
                pattern=f"cookiecutter-django-service-{key}-%s.cache"
            )
        except (OSError, RuntimeError):  # RuntimeError: no directory of this user's own
            environment.bytecode_cache = None
