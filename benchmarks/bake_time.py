"""Bake time: the `cookiecutter --no-input` command line, hooks included, default and all-on,
and a machine's first default bake (nothing compiled cached); beside them, when a checkout is
given, cookiecutter-django's render alone (no hooks)."""

import os
import statistics
from pathlib import Path

from bakes import (
    ALL_ON_ANSWERS,
    DEFAULT_ANSWERS,
    bake,
    cookiecutter_program,
    new_workdir,
    remove_workdir,
    run_command,
    timed,
)
from report import Report, goal_mark, seconds_spread

VARIANTS = {"default": DEFAULT_ANSWERS, "all options on": ALL_ON_ANSWERS}
COOKIECUTTER_DJANGO_CLONE = "git clone https://github.com/cookiecutter/cookiecutter-django"
COOKIECUTTER_DJANGO_REASON = (
    "no checkout given: pass `--cookiecutter-django PATH`, a clone of cookiecutter-django "
    f"(`{COOKIECUTTER_DJANGO_CLONE}`), to time its render beside this template's bake"
)


def bake_seconds(answers: dict[str, str], *, first_on_machine: bool = False) -> float:
    """One bake; first_on_machine: in an empty TMPDIR, so no compiled template is cached
    (local_extensions.CompiledTemplateCache) and every one is compiled, as in a machine's first."""
    workdir = new_workdir("bake")
    output_dir, temp_dir = workdir / "out", workdir / "tmp"
    output_dir.mkdir()
    temp_dir.mkdir()
    env = {**os.environ, "TMPDIR": str(temp_dir)} if first_on_machine else None
    try:
        seconds, _ = timed(bake, output_dir, answers, env=env)
    finally:
        remove_workdir(workdir)
    return seconds


def render_seconds(template: Path) -> float:
    """Another template's render alone: `cookiecutter --no-input --accept-hooks no`."""
    workdir = new_workdir("render")
    command = [cookiecutter_program(), "--no-input", "--accept-hooks", "no", "-o", str(workdir)]
    try:
        seconds, _ = timed(run_command, [*command, str(template)], cwd=workdir)
    finally:
        remove_workdir(workdir)
    return seconds


def measure(report: Report, *, repeats: int, cookiecutter_django: Path | None = None) -> None:
    bake_seconds(DEFAULT_ANSWERS)  # warm-up: file cache, imports and compiled templates
    if cookiecutter_django:
        render_seconds(cookiecutter_django)
    samples: dict[str, list[float]] = {name: [] for name in VARIANTS}
    first_bakes: list[float] = []
    renders: list[float] = []
    for _ in range(repeats):  # interleaved, so a busy spell slows all alike
        for name, answers in VARIANTS.items():
            samples[name].append(bake_seconds(answers))
        first_bakes.append(bake_seconds(DEFAULT_ANSWERS, first_on_machine=True))
        if cookiecutter_django:
            renders.append(render_seconds(cookiecutter_django))
    for name, answers in VARIANTS.items():
        options = " ".join(f"{key}={value}" for key, value in answers.items()) or "no options"
        report.add(
            f"Bake, {name}",
            f"wall time, median (min-max) of {repeats}",
            seconds_spread(samples[name]),
            f"`cookiecutter --no-input` ({options}), hooks included; compiled templates "
            "cached by an earlier bake",
        )
    report.add(
        "Bake, default, first on the machine",
        f"wall time, median (min-max) of {repeats}",
        seconds_spread(first_bakes),
        "the same bake with no compiled template cached (an empty TMPDIR): every file compiled",
    )
    if not cookiecutter_django:
        report.not_measured(
            "Bake vs cookiecutter-django", COOKIECUTTER_DJANGO_REASON, figure="its render alone"
        )
        return
    commit = run_command(["git", "rev-parse", "--short", "HEAD"], cwd=cookiecutter_django)
    theirs = statistics.median(renders)
    cached, first = statistics.median(samples["default"]), statistics.median(first_bakes)
    report.add(
        "Bake vs cookiecutter-django",
        f"its render alone (`--accept-hooks no`), median (min-max) of {repeats}",
        seconds_spread(renders),
        f"commit {commit.stdout.strip()}, its default answers, interleaved with the bakes above; "
        f"this template's default bake (hooks included) takes {cached / theirs:.2f}x its time"
        + goal_mark(cached <= theirs)
        + f", {first / theirs:.2f}x as a machine's first bake"
        + goal_mark(first <= theirs)
        + "; goal: at most 1x",
    )
