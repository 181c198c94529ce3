"""Bake time: the `cookiecutter --no-input` command line, hooks included, default and all-on."""

from bakes import ALL_ON_ANSWERS, DEFAULT_ANSWERS, bake, new_workdir, remove_workdir, timed
from report import Report, seconds_spread

VARIANTS = {"default": DEFAULT_ANSWERS, "all options on": ALL_ON_ANSWERS}
COOKIECUTTER_DJANGO_REASON = (
    "cookiecutter-django cannot be fetched here: this machine reaches only PyPI, Debian and "
    "npm, and PyPI's `cookiecutter-django` (1.11.9, 2018) holds package metadata, not the "
    "template. Run its bake beside this one on a machine with GitHub access to compare."
)


def bake_seconds(answers: dict[str, str]) -> float:
    workdir = new_workdir("bake")
    try:
        seconds, _ = timed(bake, workdir, answers)
    finally:
        remove_workdir(workdir)
    return seconds


def measure(report: Report, *, repeats: int) -> None:
    bake_seconds(DEFAULT_ANSWERS)  # warm-up: file cache and imports, not counted
    samples: dict[str, list[float]] = {name: [] for name in VARIANTS}
    for _ in range(repeats):  # interleaved, so a busy spell slows both alike
        for name, answers in VARIANTS.items():
            samples[name].append(bake_seconds(answers))
    for name, answers in VARIANTS.items():
        options = " ".join(f"{key}={value}" for key, value in answers.items()) or "no options"
        report.add(
            f"Bake, {name}",
            f"wall time, median (min-max) of {repeats}",
            seconds_spread(samples[name]),
            f"`cookiecutter --no-input` ({options}), hooks included",
        )
    report.not_measured(
        "Bake vs cookiecutter-django", COOKIECUTTER_DJANGO_REASON, figure="its render alone"
    )
