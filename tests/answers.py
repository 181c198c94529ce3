"""The answers the template's tests bake: named sets, and a pairwise set over every option."""

import itertools

from allpairspy import AllPairs

# Every choice option with its values, the default first (as in cookiecutter.json).
OPTIONS: dict[str, list[str]] = {
    "python_version": ["3.13", "3.12", "3.11"],
    "api_auth": ["jwt", "token"],
    "use_celery": ["yes", "no"],
    "celery_broker": ["redis", "rabbitmq"],
    "use_celery_beat": ["yes", "no"],
    "use_flower": ["no", "yes"],
    "include_example_app": ["yes", "no"],
    "use_docker": ["yes", "no"],
    "use_kubernetes": ["no", "yes"],
    "ci_tool": ["github", "gitlab", "none"],
    "use_sentry": ["no", "yes"],
    "use_prometheus": ["no", "yes"],
    "use_opentelemetry": ["no", "yes"],
    "agent_files": ["all", "agents_md", "none"],
}

DEFAULT: dict[str, str] = {}
ALL_ON = {
    "celery_broker": "rabbitmq",
    "use_flower": "yes",
    "use_sentry": "yes",
    "use_prometheus": "yes",
    "use_opentelemetry": "yes",
    "use_kubernetes": "yes",
}
ALL_OFF = {
    "api_auth": "token",
    "use_celery": "no",
    "use_celery_beat": "no",
    "include_example_app": "no",
    "use_docker": "no",
    "ci_tool": "none",
    "agent_files": "none",
}
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


def is_possible(answers: dict[str, str]) -> bool:
    """Beat, Flower and a broker need Celery; Kubernetes needs Docker (as the pre-gen hook says)."""
    if answers.get("use_kubernetes", "no") == "yes" and answers.get("use_docker", "yes") == "no":
        return False
    if answers.get("use_celery", "yes") == "yes":
        return True
    return (
        answers.get("use_celery_beat", "no") == "no"
        and answers.get("use_flower", "no") == "no"
        and answers.get("celery_broker", "redis") == "redis"
    )


def value(answers: dict[str, str], option: str) -> str:
    """The answer given, or the option's default."""
    if option == "use_celery_beat" and option not in answers:
        return value(answers, "use_celery")  # its default follows use_celery
    return answers.get(option, OPTIONS[option][0])


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
