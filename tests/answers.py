"""The answers the template's tests (and benchmarks/bakes.py) bake: named sets, and a pairwise set
over every option.

The options and their choices come from cookiecutter.json, and which answers are refused from the
pre-generation hook's rules, so neither is restated here. Loaded by benchmarks/bakes.py from its
path too: it imports nothing else of tests/.
"""

import functools
import importlib.util
import itertools
import json
from pathlib import Path
from types import ModuleType

import jinja2
from allpairspy import AllPairs

TEMPLATE_DIR = Path(__file__).resolve().parents[1]
COOKIECUTTER_JSON: dict[str, object] = json.loads(
    (TEMPLATE_DIR / "cookiecutter.json").read_text(encoding="utf-8")
)


@functools.cache
def hook(name: str) -> ModuleType:
    """hooks/<name>.py, imported unrendered: a hook reads its answers only when run as a script."""
    spec = importlib.util.spec_from_file_location(name, TEMPLATE_DIR / "hooks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


PRE_GEN = hook("pre_gen_project")

# Every choice option with its values, the default first: the lists of cookiecutter.json, and the
# options whose default it computes, with the choices the pre-generation hook allows them.
OPTIONS: dict[str, list[str]] = {
    name: list(choices) if isinstance(choices, list) else list(PRE_GEN.COMPUTED_CHOICES[name])
    for name, choices in COOKIECUTTER_JSON.items()
    if not name.startswith("_")  # cookiecutter's own keys (_extensions, __prompts__)
    and (isinstance(choices, list) or name in PRE_GEN.COMPUTED_CHOICES)
}
# The computed defaults (use_celery_beat follows use_celery), rendered as cookiecutter does:
# answers, not HTML, so nothing is escaped.
JINJA = jinja2.Environment(undefined=jinja2.StrictUndefined)  # noqa: S701
COMPUTED_DEFAULTS = {
    name: JINJA.from_string(str(template))
    for name, template in COOKIECUTTER_JSON.items()
    if name in PRE_GEN.COMPUTED_CHOICES
}
YES_NO_OPTIONS = [name for name, choices in OPTIONS.items() if sorted(choices) == ["no", "yes"]]


def value(answers: dict[str, str], option: str) -> str:
    """The answer given, or the option's default."""
    if option in answers:
        return answers[option]
    if option in COMPUTED_DEFAULTS:
        chosen = {name: value(answers, name) for name in OPTIONS if name not in COMPUTED_DEFAULTS}
        return COMPUTED_DEFAULTS[option].render(cookiecutter=chosen)
    return OPTIONS[option][0]


def is_possible(answers: dict[str, str]) -> bool:
    """Whether the pre-generation hook's rules on the choice options (beat, Flower and RabbitMQ
    need Celery, Kubernetes needs Docker, ...) let these answers through, the rest at defaults."""
    chosen = {option: value(answers, option) for option in OPTIONS}
    return all(check(chosen) for option, check, _ in PRE_GEN.RULES if option in OPTIONS)


def without_defaults(answers: dict[str, str]) -> dict[str, str]:
    """The answers that differ from the first choice of their option (what a bake must be told)."""
    return {option: answer for option, answer in answers.items() if answer != OPTIONS[option][0]}


DEFAULT: dict[str, str] = {}
# Every yes/no option on, and the broker with files of its own (RabbitMQ). The benchmarks' all-on
# bake too.
ALL_ON = without_defaults(
    {**dict.fromkeys(YES_NO_OPTIONS, "yes"), "celery_broker": "rabbitmq"},
)
# Every yes/no option off, DRF tokens, no CI and no agent files, on the oldest Python offered (the
# other full-suite bakes run on the default, the newest).
ALL_OFF = without_defaults(
    {
        **dict.fromkeys(YES_NO_OPTIONS, "no"),
        "python_version": OPTIONS["python_version"][-1],
        "api_auth": "token",
        "ci_tool": "none",
        "agent_files": "none",
    },
)

# Text a template must write safely into Python, TOML, YAML, JSON and Markdown: accents (the slug
# is transliterated from the name), quotes of both kinds, braces, ampersands and a backslash.
AWKWARD_TEXT = {
    "project_name": "Café Ünïcode Service",
    "author_name": 'Zoë O\'Brien "Z"',
    "description": (
        "Handles {curly} braces, \"quotes\", 'apostrophes' & ampersands; also a \\ backslash"
    ),
}
WITHOUT_CELERY = {"use_celery": "no", "use_celery_beat": "no", **AWKWARD_TEXT}
RABBITMQ = {"celery_broker": "rabbitmq"}

# Bakes whose own full test suite and checks run against the real services.
FULL_SUITE_BAKES = {
    "default": DEFAULT,
    "all-on": ALL_ON,
    "all-off": ALL_OFF,
    "without-celery": WITHOUT_CELERY,
}

# Answers the pre-generation hook refuses, each with the option its message must name (cookiecutter
# itself refuses a value outside a question's choices, before the hook).
REFUSED = [
    *(
        ({"project_slug": slug}, "project_slug")
        for slug in (
            *("my-service", "1service", "My_Service", "my service", "class", "_private"),
            *("café", "a" * 41, "django", "celery", "config", "test", "users", "email"),
        )
    ),
    ({"project_name": "My\tService"}, "project_name"),
    ({"project_name": "Two\nlines"}, "project_name"),
    ({"project_name": " ", "project_slug": "my_service"}, "project_name"),
    ({"description": "x" * 201}, "description"),
    ({"author_name": "Ann\u2028Lee"}, "author_name"),
    ({"author_email": "not-an-email"}, "author_email"),
    ({"author_email": "ann@localhost"}, "author_email"),
    ({"domain_name": "https://example.com"}, "domain_name"),
    ({"domain_name": "Example.com"}, "domain_name"),
    ({"domain_name": "example.com:8000"}, "domain_name"),
    ({"version": "one"}, "version"),
    ({"version": "1.0-beta"}, "version"),
    ({"version": "v1.0"}, "version"),
    ({"timezone": "Mars/Olympus"}, "timezone"),
    ({"timezone": "../../etc/passwd"}, "timezone"),
    ({"use_celery_beat": "maybe"}, "use_celery_beat"),
    ({"use_celery": "no", "use_celery_beat": "yes"}, "use_celery_beat"),
    ({"use_celery": "no", "use_flower": "yes"}, "use_flower"),
    ({"use_celery": "no", "celery_broker": "rabbitmq"}, "celery_broker"),
    ({"use_docker": "no", "use_kubernetes": "yes"}, "use_kubernetes"),
]
# Text answers worth varying too: quotes and accents in names, a long package name, another
# time zone and a pre-release version.
TEXT_VARIANTS = [
    {},
    {
        "project_name": "Café 'Orders' Service",
        "project_slug": "cafe_orders_service_with_a_long_name_xyz",
        "description": "Keeps 'accounts' & <entries> — with Unicode.",
        "timezone": "Europe/Berlin",
        "version": "1.2.0rc1",
        "domain_name": "api.cafe-orders.example.org",
    },
    AWKWARD_TEXT,
]


def _pairs(answers: dict[str, str]) -> set[tuple[tuple[str, str], tuple[str, str]]]:
    return {
        ((first, value(answers, first)), (second, value(answers, second)))
        for first, second in itertools.combinations(OPTIONS, 2)
    }


def possible_pairs() -> set[tuple[tuple[str, str], tuple[str, str]]]:
    """Every pair of answers to two options that some bake can have."""
    return {
        ((first, a), (second, b))
        for first, second in itertools.combinations(OPTIONS, 2)
        for a, b in itertools.product(OPTIONS[first], OPTIONS[second])
        if is_possible({first: a, second: b})
    }


def _pairwise_choices() -> list[dict[str, str]]:
    names = list(OPTIONS)
    rows = [
        dict(zip(names, row, strict=True))
        for row in AllPairs(
            list(OPTIONS.values()),
            filter_func=lambda row: is_possible(dict(zip(names, row, strict=False))),
        )
    ]
    # allpairspy's filter can leave a pair out; add rows for what is missing, several per row.
    missing = possible_pairs() - set().union(*(_pairs(row) for row in rows))
    extra: list[dict[str, str]] = []
    for (first, a), (second, b) in sorted(missing):
        for row in extra:
            merged = {**row, first: a, second: b}
            if row.get(first, a) == a and row.get(second, b) == b and is_possible(merged):
                row.update(merged)
                break
        else:
            extra.append({first: a, second: b})
    return rows + extra


def _with_text_variants(choices: list[dict[str, str]]) -> list[dict[str, str]]:
    variants = itertools.cycle(TEXT_VARIANTS)
    return [{**row, **next(variants)} for row in choices]


PAIRWISE = _with_text_variants(_pairwise_choices())

# Every bake the static checks run on, by name.
STATIC_BAKES = {
    "all-on": ALL_ON,
    "all-off": ALL_OFF,
    **{f"pairwise-{number:02d}": answers for number, answers in enumerate(PAIRWISE, start=1)},
}


def services_needed(answers: dict[str, str]) -> list[str]:
    """The servers a bake's own tests talk to."""
    needed = ["mysql", "redis"]
    if value(answers, "use_celery") == "yes" and value(answers, "celery_broker") == "rabbitmq":
        needed.append("rabbitmq")
    return needed
