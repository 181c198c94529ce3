"""scripts/options_footprint.py: what it counts, and the README's quote of it is current."""

import importlib.util
import json
import subprocess
import sys

from tests.answers import TEMPLATE_DIR

SCRIPT = TEMPLATE_DIR / "scripts" / "options_footprint.py"
spec = importlib.util.spec_from_file_location("options_footprint", SCRIPT)
footprint = importlib.util.module_from_spec(spec)
spec.loader.exec_module(footprint)


def test_the_readme_quotes_the_current_footprint():
    summary = subprocess.run(
        [sys.executable, str(SCRIPT), "--summary"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    readme = (TEMPLATE_DIR / "README.md").read_text(encoding="utf-8")

    assert footprint.readme_quote(readme).group(1) == summary, (
        "README.md's options footprint is out of date: "
        "run `uv run python scripts/options_footprint.py --readme`"
    )


def test_tags_count_in_templates_and_strings_in_hooks(tmp_path):
    options = {"use_celery": ["yes", "no"], "use_celery_beat": "{{ 'yes' }}", "_extensions": []}
    (tmp_path / "cookiecutter.json").write_text(json.dumps(options), encoding="utf-8")
    project = tmp_path / "{{cookiecutter.project_slug}}" / "config"
    project.mkdir(parents=True)
    (project / "settings.py").write_text(
        '{% if cookiecutter.use_celery == "yes" -%}\n'
        "CELERY = True  # use_celery in prose is no tag\n"
        "{%- endif %}\n"
        "{{ cookiecutter.use_celery_beat }}\n"
        "{#- cookiecutter.use_celery\n across lines #}\n",
        encoding="utf-8",
    )
    (project / "plain.py").write_text("use_celery = 1\n", encoding="utf-8")
    (tmp_path / "templates").mkdir()
    (tmp_path / "hooks").mkdir()
    (tmp_path / "hooks" / "post_gen_project.py").write_text(
        'ROWS = [("use_celery", "no"), (\'use_celery_beat\', "no")]\n'
        "# use_celery in a comment is no string\n",
        encoding="utf-8",
    )

    found = footprint.footprint(tmp_path)

    assert list(found) == ["use_celery", "use_celery_beat"]
    assert found["use_celery"] == {
        "hooks/post_gen_project.py": footprint.Mentions(tags=0, strings=1),
        "{{cookiecutter.project_slug}}/config/settings.py": footprint.Mentions(tags=2, strings=0),
    }
    assert found["use_celery_beat"] == {
        "hooks/post_gen_project.py": footprint.Mentions(tags=0, strings=1),
        "{{cookiecutter.project_slug}}/config/settings.py": footprint.Mentions(tags=1, strings=0),
    }
    assert footprint.summary_lines(found) == [
        "option           files   tags  hook strings",
        "use_celery           2      2             1",
        "use_celery_beat      2      1             1",
    ]


def test_a_variable_set_from_an_option_counts_where_it_is_used(tmp_path):
    (tmp_path / "cookiecutter.json").write_text('{"use_celery": "yes"}', encoding="utf-8")
    rules = tmp_path / "templates"
    rules.mkdir()
    (rules / "rules.md").write_text(
        '{%- set celery = cookiecutter.use_celery == "yes" -%}\n'
        "{% if celery %}tasks{% endif %} {{ 'celery' }} {{ app.celery }}\n"
        "{% if celeryish %}{% endif %}\n",
        encoding="utf-8",
    )

    found = footprint.footprint(tmp_path)

    assert found["use_celery"] == {"templates/rules.md": footprint.Mentions(tags=2, strings=0)}


# Issue #18: Celery is a concern of its own files, named by Jinja only where a line of a shared
# file truly differs (the hooks, the settings' composition, the test settings, the dependencies,
# compose, CI, the environment file, the Kubernetes base, the READMEs and the rule index, the
# example's posting service).
CELERY_FILES_AT_MOST = 14


def test_celery_lives_in_files_of_its_own():
    files = footprint.footprint(TEMPLATE_DIR)["use_celery"]

    assert len(files) <= CELERY_FILES_AT_MOST, "\n".join(files)


def test_the_readme_rewrite_replaces_only_the_quote():
    readme = "intro\n<!-- options-footprint -->\n```text\nold\nlines\n```\n\nafter\n"

    rewritten = footprint.with_current_quote(readme, ["new", "table"])

    assert rewritten == "intro\n<!-- options-footprint -->\n```text\nnew\ntable\n```\n\nafter\n"
