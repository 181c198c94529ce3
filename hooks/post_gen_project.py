"""Finish the generated project: remove what the answers turned off, write .env, say what next.

Runs inside the new project folder, offline, with nothing but the standard library.
Conditional content inside files stays in the templates; whole files and folders of a disabled
option are listed once, in REMOVALS.

Cookiecutter runs this file as a script, after rendering it with Jinja; the answers and the
project folder are read only under `if __name__ == "__main__"`, so the template's tests import
the file unrendered and call its functions on a folder of their own.
"""

import json
import secrets
import shutil
import string
from pathlib import Path

# What agent_files=all adds to AGENTS.md: per-tool pointers, and the backend agent for Claude
# Code and for Copilot.
OTHER_AGENT_FILES = [
    "CLAUDE.md",
    ".claude",
    ".github/copilot-instructions.md",
    ".github/agents",
    ".cursor",
]

# (option, answer, paths removed when the option has that answer); "{slug}" is the package.
REMOVALS: list[tuple[str, str, list[str]]] = [
    ("include_example_app", "no", ["{slug}/ledger"]),
    (
        "use_celery",
        "no",
        [
            "config/celery.py",
            "config/settings/celery.py",
            "{slug}/common/background.py",
            "{slug}/common/data/task_scopes.py",
            "{slug}/common/health/broker.py",
            "{slug}/common/tests/worker.py",
            "{slug}/common/tests/test_health_broker.py",
            "{slug}/common/tests/test_quorum_queues.py",
            "{slug}/common/tests/test_task_scopes.py",
            "{slug}/common/tests/test_task_tracing.py",
            "{slug}/common/tests/task_tracing_urls.py",
            "{slug}/common/app_template/tasks.py-tpl",
            "{slug}/common/app_template/task_names.py-tpl",
            "{slug}/ledger/tasks.py",
            "{slug}/ledger/task_names.py",
            "{slug}/ledger/tests/test_tasks.py",
            "{slug}/ledger/tests/test_worker.py",
            "deploy/kubernetes/components/celery-worker",
            "tests/test_kubernetes_celery.py",
        ],
    ),
    (
        "use_celery_beat",
        "no",
        [
            "config/settings/beat.py",
            "{slug}/common/management/commands/setup_periodic_tasks.py",
            "{slug}/common/tests/test_setup_periodic_tasks.py",
            "deploy/kubernetes/components/celery-beat",
            "tests/test_kubernetes_beat.py",
        ],
    ),
    ("use_flower", "no", ["config/flower.py", "deploy/kubernetes/components/flower"]),
    ("use_celery", "no", [".project-rules/backend/celery-tasks.md"]),
    ("celery_broker", "redis", ["{slug}/common/tests/test_quorum_queues.py"]),
    ("agent_files", "agents_md", OTHER_AGENT_FILES),
    ("agent_files", "none", ["AGENTS.md", *OTHER_AGENT_FILES]),
    ("use_docker", "no", ["docker", ".dockerignore", "compose.yaml"]),
    (
        "use_kubernetes",
        "no",
        [
            "deploy",
            "tests/kubernetes_manifests.py",
            "tests/test_kubernetes.py",
            "tests/test_kubernetes_celery.py",
            "tests/test_kubernetes_beat.py",
            ".project-rules/backend/deployment.md",
        ],
    ),
    # Each CI host gets its update bot: Dependabot on GitHub, Renovate on GitLab.
    ("ci_tool", "github", [".gitlab-ci.yml", "renovate.json"]),
    ("ci_tool", "gitlab", [".github/workflows", ".github/dependabot.yml"]),
    (
        "ci_tool",
        "none",
        [".github/workflows", ".github/dependabot.yml", ".gitlab-ci.yml", "renovate.json"],
    ),
    ("api_auth", "token", ["config/settings/jwt.py"]),
    ("use_sentry", "no", ["config/settings/sentry.py", "tests/test_sentry.py"]),
    (
        "use_prometheus",
        "no",
        [
            "config/settings/metrics.py",
            "{slug}/common/observability/metrics.py",
            "{slug}/common/tests/test_metrics.py",
        ],
    ),
    (
        "use_opentelemetry",
        "no",
        [
            "config/tracing.py",
            "{slug}/common/tests/otlp.py",
            "{slug}/common/tests/test_tracing.py",
            "{slug}/common/tests/tracing_urls.py",
            "{slug}/common/tests/test_task_tracing.py",
            "{slug}/common/tests/task_tracing_urls.py",
            ".project-rules/backend/observability.md",
        ],
    ),
]

# Letters, digits, "-" and "_" need no quoting in a .env file or a shell.
SECRET_ALPHABET = string.ascii_letters + string.digits + "-_"


def random_secret(length: int) -> str:
    return "".join(secrets.choice(SECRET_ALPHABET) for _ in range(length))


# Variables of .env.example whose placeholder becomes a fresh secret in .env.
FRESH_SECRETS = {
    "DJANGO_SECRET_KEY": lambda: random_secret(64),
    "MYSQL_PASSWORD": lambda: random_secret(32),
    "MYSQL_ROOT_PASSWORD": lambda: random_secret(32),
    "RABBITMQ_PASSWORD": lambda: random_secret(32),
    "METRICS_TOKEN": lambda: random_secret(32),
    "FLOWER_BASIC_AUTH": lambda: f"admin:{random_secret(24)}",
}


def paths_to_remove(answers: dict[str, str], project_dir: Path) -> list[Path]:
    return [
        project_dir / path.format(slug=answers["project_slug"])
        for option, answer, paths in REMOVALS
        if answers[option] == answer
        for path in paths
    ]


def remove_disabled_options(answers: dict[str, str], project_dir: Path) -> None:
    for path in paths_to_remove(answers, project_dir):
        if not path.exists():  # inside a folder an earlier row removed
            continue
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()
        remove_empty_parents(path, project_dir)


def remove_empty_parents(path: Path, project_dir: Path) -> None:
    """Remove the folders a removal left empty (say, .github/ without its files)."""
    for parent in path.parents:
        if parent == project_dir or any(parent.iterdir()):
            return
        parent.rmdir()


def with_fresh_secret(line: str) -> str:
    name = line.split("=", 1)[0]
    return f"{name}={FRESH_SECRETS[name]()}" if name in FRESH_SECRETS else line


def write_dot_env(project_dir: Path) -> None:
    """Copy .env.example to .env (git-ignored, owner-only) with fresh secrets in it."""
    lines = (project_dir / ".env.example").read_text(encoding="utf-8").splitlines()
    lines = [with_fresh_secret(line) for line in lines]
    dot_env = project_dir / ".env"
    dot_env.write_text("\n".join(lines) + "\n", encoding="utf-8")
    dot_env.chmod(0o600)


def print_next_steps(answers: dict[str, str]) -> None:
    slug = answers["project_slug"]
    print(
        f"\nCreated {slug}/ with fresh secrets in .env. Next:\n"
        f"  cd {slug}\n"
        "  uv sync --compile-bytecode                # install\n"
        "  # create the MySQL user and database: see README.md, Quickstart step 2\n"
        "  uv run python manage.py migrate\n"
        "  uv run pytest                             # tests against MySQL and Redis\n"
        "  uv run python manage.py runserver\n"
    )


def main(answers: dict[str, str], project_dir: Path) -> None:
    remove_disabled_options(answers, project_dir)
    write_dot_env(project_dir)
    print_next_steps(answers)


if __name__ == "__main__":
    # Rendered by cookiecutter; JSON inside a raw string survives any quote or backslash in an
    # answer. Cookiecutter runs the hook inside the project folder.
    main(json.loads(r"""{{ cookiecutter | jsonify }}"""), Path.cwd())
