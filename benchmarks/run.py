"""Measure the template and print one Markdown table: bake time, time to first green, API
throughput and queries, task throughput on Redis and RabbitMQ and a send's cost per request,
tracing's cost per request, replica reads, the template's own test command. Needs
MySQL/MariaDB, Redis and RabbitMQ on 127.0.0.1, the MariaDB server binaries (for the replica
pair), and wrk.

    uv run python benchmarks/run.py            # the full run: about 25 minutes on 2 cores
    uv run python benchmarks/run.py --quick    # short and small (without the template's tests)
    uv run python benchmarks/run.py --cookiecutter-django ../cookiecutter-django  # and its render

Progress goes to stderr, the table to stdout. Benchmarks measure; they are not tests, and CI
does not run them. A figure that cannot be measured is reported as such, with the reason.
"""

import argparse
import os
import sys
import time
import traceback
from dataclasses import dataclass, replace
from pathlib import Path

import api
import bake_time
import first_green
import machine
import replicas
import tasks
import template_tests
import tracing
from bakes import BenchmarkError, flush_bench_redis
from report import Report

# Also the order of the table.
SECTIONS = ("bake", "green", "api", "tasks", "tracing", "replicas", "template")


@dataclass(frozen=True)
class Plan:
    bake_repeats: int
    green_runs: int
    data: api.DataSet
    load: api.LoadPlan
    task_count: int
    rabbitmq_data: api.DataSet  # the RabbitMQ bake's: one user, twice the entries the tasks post


# gunicorn sync workers: one more than the cores, so every core stays busy while a worker
# waits on MariaDB or Redis (both on this machine too). wrk keeps two connections per worker,
# so a worker never waits for its next request. See README.md, "Choices".
WORKERS = (os.cpu_count() or 1) + 1
CONNECTIONS = 2 * WORKERS

FULL = Plan(
    bake_repeats=5,
    green_runs=3,
    data=api.DataSet(other_users=4, accounts=20, tags=50, entries=10_000, pending=2_000),
    load=api.LoadPlan(WORKERS, threads=1, connections=CONNECTIONS, duration=30, warmup=5),
    task_count=2_000,
    rabbitmq_data=api.DataSet(other_users=0, accounts=20, tags=50, entries=4_000, pending=2_000),
)
QUICK = Plan(
    bake_repeats=2,
    green_runs=1,
    data=api.DataSet(other_users=2, accounts=20, tags=50, entries=2_000, pending=300),
    load=api.LoadPlan(WORKERS, threads=1, connections=CONNECTIONS, duration=5, warmup=2),
    task_count=300,
    rabbitmq_data=api.DataSet(other_users=0, accounts=20, tags=50, entries=600, pending=300),
)


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="short durations and less data")
    parser.add_argument(
        "--only", nargs="+", choices=SECTIONS, help="run only these (default: every section)"
    )
    parser.add_argument(
        "--workers", type=int, help=f"GUNICORN_WORKERS (default: cores + 1 = {WORKERS})"
    )
    parser.add_argument(
        "--cookiecutter-django",
        type=Path,
        metavar="PATH",
        help="a clone of cookiecutter-django: its render is timed beside the bakes",
    )
    return parser.parse_args()


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def attempt(report: Report, benchmark: str, measure, *args, **kwargs) -> None:
    """Run one benchmark; if it fails, its row says "not measured" and why."""
    progress(f"{benchmark}: running")
    try:
        measure(report, *args, **kwargs)
    except Exception as error:  # any failure: the table must still come out, with the reason
        reason = str(error) if isinstance(error, BenchmarkError) else repr(error)
        if not isinstance(error, BenchmarkError):
            traceback.print_exc()
        progress(f"{benchmark}: not measured: {reason}")
        report.not_measured(benchmark, reason)
    else:
        progress(f"{benchmark}: done")


def run_service_benchmarks(reports: dict[str, Report], plan: Plan, sections: list[str]) -> dict:
    """API and tasks share one prepared bake. Returns what the later sections need to know."""
    facts = {"cache_is_warm": False, "bake_versions": None}

    def installed() -> None:
        facts["cache_is_warm"] = True

    progress("API and tasks: baking, installing, migrating, loading the data set")
    try:
        with api.prepared_service(plan.data, installed) as (project, loaded):
            progress(f"API and tasks: data set loaded in {loaded['seconds']} s: {loaded}")
            facts["bake_versions"] = machine.safely(machine.bake_versions, project)
            reports["api"].note(
                f"Data set (API and tasks): {plan.data.describe()} ({loaded['entries']:,} "
                f"entries, {loaded['entry_tags']:,} entry tags in all)"
            )
            if "api" in sections:
                attempt(reports["api"], "API", api.measure, project, plan.load)
            if "tasks" in sections:
                attempt(reports["tasks"], "Tasks", tasks.measure, project, count=plan.task_count)
    except BenchmarkError as error:
        progress(f"API and tasks: not measured: {error}")
        for name in ("api", "tasks"):
            if name in sections:
                reports[name].not_measured(name.capitalize(), f"setup failed: {error}")
    if "tasks" in sections:
        attempt(
            reports["tasks"],
            "Tasks on RabbitMQ",
            tasks.measure_rabbitmq,
            plan.rabbitmq_data,
            count=plan.task_count,
        )
    return facts


def run_template_tests(report: Report, arguments: argparse.Namespace) -> None:
    """The template's whole suite (15-20 minutes): in a full run, or when --only names it."""
    if arguments.quick and not arguments.only:
        report.not_measured(
            "Template test command",
            "--quick skips it (15-20 minutes on 2 cores); `--only template` runs it",
            figure="pytest's own time",
        )
        return
    attempt(report, "Template test command", template_tests.measure)


def clean_up() -> None:
    """Empty the benchmarks' Redis databases; each section drops its own MySQL databases."""
    try:
        flush_bench_redis()
    except (OSError, BenchmarkError) as error:
        progress(f"could not empty Redis databases 4-7: {error}")


def main() -> None:
    arguments = parse_arguments()
    plan = QUICK if arguments.quick else FULL
    if arguments.workers:
        workers = arguments.workers
        plan = replace(plan, load=replace(plan.load, workers=workers, connections=2 * workers))
    started = time.perf_counter()
    load_before = machine.load_average()
    sections = arguments.only or list(SECTIONS)
    reports = {name: Report() for name in SECTIONS}
    facts = {"cache_is_warm": False, "bake_versions": None}
    try:
        if "bake" in sections:
            attempt(
                reports["bake"],
                "Bake time",
                bake_time.measure,
                repeats=plan.bake_repeats,
                cookiecutter_django=arguments.cookiecutter_django,
            )
        if {"api", "tasks"} & set(sections):
            facts = run_service_benchmarks(reports, plan, sections)
        if "tracing" in sections:
            attempt(reports["tracing"], "Tracing", tracing.measure, plan.data, plan.load)
        if "replicas" in sections:
            attempt(reports["replicas"], "Replica reads", replicas.measure, plan.data, plan.load)
        if "green" in sections:
            attempt(
                reports["green"],
                "Time to first green",
                first_green.measure,
                runs=plan.green_runs,
                cache_is_warm=facts["cache_is_warm"],
            )
        if "template" in sections:
            run_template_tests(reports["template"], arguments)
    finally:
        clean_up()
    report = Report()
    for name in SECTIONS:
        report.rows += reports[name].rows
        report.setup += reports[name].setup
    for line in machine.describe(facts["bake_versions"]):
        report.note(line)
    report.note(
        f"Run: `uv run python {' '.join(['benchmarks/run.py', *sys.argv[1:]])}`, "
        f"wall time {time.perf_counter() - started:.0f} s; load average (1/5/15 min) "
        f"{load_before} before, {machine.load_average()} after"
    )
    print(report.markdown())


if __name__ == "__main__":
    main()
