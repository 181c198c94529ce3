"""Baking the template and running commands in a bake, on the benchmarks' share of the servers.

The benchmarks share MySQL and Redis with other work on the machine, so they keep to their own
part: MySQL databases named bench_*, Redis databases 4 to 7, ports 18000-18099, folders
/tmp/bench_*. Every command in a bake gets all four Redis URLs, or the generated settings
would derive their own databases from the defaults.
"""

import importlib.util
import os
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

TEMPLATE_DIR = Path(__file__).resolve().parents[1]
IN_BAKE_DIR = Path(__file__).resolve().parent / "in_bake"
SERVICE_HOST = "127.0.0.1"
MYSQL_SERVER_URL = f"mysql://root:@{SERVICE_HOST}:3306"
REDIS_SERVER_URL = f"redis://{SERVICE_HOST}:6379"
REDIS_ENVIRONMENT = {
    "REDIS_URL": f"{REDIS_SERVER_URL}/4",
    "TEST_REDIS_URL": f"{REDIS_SERVER_URL}/5",
    "CELERY_BROKER_URL": f"{REDIS_SERVER_URL}/6",
    "TEST_CELERY_BROKER_URL": f"{REDIS_SERVER_URL}/7",
}
BENCH_REDIS_DATABASES = (4, 5, 6, 7)
PORTS = range(18000, 18100)
WORK_ROOT = Path("/tmp")  # noqa: S108 - the benchmarks' agreed place: /tmp/bench_*
# Variables of the caller's shell (uv run sets VIRTUAL_ENV) that would leak into a bake.
LEAKY_VARIABLES = ("VIRTUAL_ENV", "DJANGO_SETTINGS_MODULE", "PYTHONPATH", "UV_PROJECT_ENVIRONMENT")
OUTPUT_TAIL_LINES = 20
DATABASE_NAME = re.compile(r"bench_[a-z0-9_]+")


def template_answers() -> ModuleType:
    """tests/answers.py, loaded from its path: the named answers the template's tests bake."""
    path = TEMPLATE_DIR / "tests" / "answers.py"
    spec = importlib.util.spec_from_file_location("template_answers", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# The answers of the measured bakes, the same as the template's tests: the defaults already turn
# on Celery, beat, the example app, Docker and CI; "all on" adds every option that is off by
# default, and RabbitMQ.
TEMPLATE_ANSWERS = template_answers()
DEFAULT_ANSWERS: dict[str, str] = TEMPLATE_ANSWERS.DEFAULT
ALL_ON_ANSWERS: dict[str, str] = TEMPLATE_ANSWERS.ALL_ON


class BenchmarkError(Exception):
    """A figure cannot be measured; the message says why, for the table."""


def run_command(
    command: list[str],
    *,
    cwd: Path,
    env: dict[str, str] | None = None,
    timeout: float = 600,
    check: bool = True,
) -> subprocess.CompletedProcess[str]:
    """Run a command to completion; if it fails (and check), raise BenchmarkError with the end
    of its output."""
    try:
        result = subprocess.run(
            command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired as error:
        raise BenchmarkError(f"`{' '.join(command)}` took over {timeout:.0f} s") from error
    if check and result.returncode != 0:
        raise BenchmarkError(
            f"`{' '.join(command)}` exited {result.returncode}:\n"
            f"{last_lines(result.stdout + result.stderr)}"
        )
    return result


def last_lines(output: str) -> str:
    """The end of a command's output, where its error or its summary is."""
    return "\n".join(output.strip().splitlines()[-OUTPUT_TAIL_LINES:])


# pytest's closing line, e.g. "==== 156 passed in 25.14s ====" or "1 failed, 155 passed in ...".
PYTEST_SUMMARY = re.compile(r"^=+ (.*\bin ([\d.]+)s.*?) =+$", re.MULTILINE)
PYTEST_PASSED = re.compile(r"(\d+) passed")
PYTEST_PROBLEM_LINE = re.compile(r"^(?:FAILED|ERROR) .*$", re.MULTILINE)


def green_pytest_summary(
    result: subprocess.CompletedProcess[str], suite: str
) -> tuple[str, float, int]:
    """(summary line, pytest's own seconds, tests passed) of a pytest run; BenchmarkError,
    naming what failed, unless every test passed."""
    summaries = PYTEST_SUMMARY.findall(result.stdout)
    if not summaries:
        raise BenchmarkError(f"pytest printed no summary line:\n{last_lines(result.stdout)}")
    summary, own_seconds = summaries[-1]
    if result.returncode != 0:
        problems = "; ".join(PYTEST_PROBLEM_LINE.findall(result.stdout))
        raise BenchmarkError(f"{suite} is not green: {summary}. {problems}")
    return summary, float(own_seconds), int(PYTEST_PASSED.search(summary)[1])


def timed(function, *args, **kwargs):
    """(seconds, result) of one call."""
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - started, result


# The servers the generated suites work against, by their process names in /proc. RabbitMQ is
# left out: its Erlang schedulers spin while idle, which is not the suites' work.
SERVER_PROCESS_NAMES = ("mariadbd", "mysqld", "redis-server")


@dataclass(frozen=True)
class CpuSeconds:
    """CPU time (user + system) spent during one command, on every core together."""

    command: float  # the command and its descendants, each waited for by its parent
    servers: float  # MariaDB/MySQL and Redis, whoever asked them (quiet machine: the command)

    def __sub__(self, earlier: "CpuSeconds") -> "CpuSeconds":
        return CpuSeconds(self.command - earlier.command, self.servers - earlier.servers)

    @property
    def total(self) -> float:
        return self.command + self.servers

    def describe(self) -> str:
        """The CPU time and the least wall time it allows on this machine's cores."""
        cores = os.cpu_count() or 1
        return (
            f"CPU {self.total:.0f} s (its processes {self.command:.0f} s, MariaDB and Redis "
            f"{self.servers:.0f} s), so no schedule fits it in under {self.total / cores:.0f} s "
            f"on {cores} cores"
        )


def cpu_seconds_so_far() -> CpuSeconds:
    """This process's waited-for children's CPU time so far, and the servers' (Linux /proc)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return CpuSeconds(children.ru_utime + children.ru_stime, servers_cpu_seconds())


def servers_cpu_seconds() -> float:
    ticks = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:  # the process ended while we looked
            continue
        name_end = text.rindex(")")
        if text[text.index("(") + 1 : name_end] in SERVER_PROCESS_NAMES:
            fields = text[name_end + 2 :].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime: stat's fields 14 and 15
    return ticks / os.sysconf("SC_CLK_TCK")


def cpu_timed(function, *args, **kwargs):
    """(seconds, CpuSeconds, result) of one call that runs its work in child processes."""
    before = cpu_seconds_so_far()
    seconds, result = timed(function, *args, **kwargs)
    return seconds, cpu_seconds_so_far() - before, result


def require_program(name: str, install_hint: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BenchmarkError(f"`{name}` is not installed ({install_hint})")
    return path


def cookiecutter_program() -> str:
    """The template environment's cookiecutter, run directly (not through `uv run`)."""
    beside_python = Path(sys.executable).with_name("cookiecutter")
    if beside_python.exists():
        return str(beside_python)
    return require_program("cookiecutter", "run the benchmarks with `uv run`")


def new_workdir(purpose: str) -> Path:
    return Path(tempfile.mkdtemp(prefix=f"bench_{purpose}_", dir=WORK_ROOT))


def bake(output_dir: Path, answers: dict[str, str], *, env: dict[str, str] | None = None) -> Path:
    """Bake the template with --no-input (hooks included) and return the project folder."""
    extra_context = [f"{name}={value}" for name, value in answers.items()]
    run_command(
        [
            cookiecutter_program(),
            "--no-input",
            "-o",
            str(output_dir),
            str(TEMPLATE_DIR),
            *extra_context,
        ],
        cwd=output_dir,
        env=env,
    )
    [project] = [path for path in output_dir.iterdir() if path.is_dir()]
    return project


@dataclass
class BakedProject:
    """A baked project, its database name and the environment of every command run in it."""

    path: Path
    database: str
    variables: dict[str, str] = field(default_factory=dict)

    def environment(self, **overrides: str) -> dict[str, str]:
        environment = {
            name: value for name, value in os.environ.items() if name not in LEAKY_VARIABLES
        }
        environment.update(
            DATABASE_URL=f"{MYSQL_SERVER_URL}/{self.database}",
            UV_PYTHON_DOWNLOADS="never",
            UV_NO_PROGRESS="1",
            **REDIS_ENVIRONMENT,
        )
        # The project's own variables (a DATABASE_URL of its own too), then the command's.
        environment.update(self.variables)
        environment.update(overrides)
        return environment

    def run(self, *command: str, timeout: float = 600, check: bool = True, **env: str):
        return run_command(
            list(command), cwd=self.path, env=self.environment(**env), timeout=timeout, check=check
        )

    def program(self, name: str) -> str:
        """A program of the bake's own .venv (python, gunicorn, celery)."""
        return str(self.path / ".venv" / "bin" / name)

    def python(self, script: str, *arguments: str, timeout: float = 600, **env: str):
        return self.run(self.program("python"), script, *arguments, timeout=timeout, **env)

    def start(self, command: list[str], log_name: str, **env: str) -> subprocess.Popen[bytes]:
        """Start a long-running process of the bake (a server, a worker), logging to a file."""
        with (self.path / log_name).open("wb") as log:
            return subprocess.Popen(
                command,
                cwd=self.path,
                env=self.environment(**env),
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def log_tail(self, log_name: str) -> str:
        return last_lines((self.path / log_name).read_text(encoding="utf-8", errors="replace"))

    def install_helpers(self, *names: str) -> None:
        """Copy the benchmark's own modules (benchmarks/in_bake/) into the bake."""
        for name in names:
            shutil.copy(IN_BAKE_DIR / name, self.path / name)


def stop(process: subprocess.Popen[bytes], *, grace_seconds: float = 30) -> None:
    """SIGTERM (graceful for gunicorn and Celery), then SIGKILL if it does not exit in time."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=grace_seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def free_port() -> int:
    for port in PORTS:
        with socket.socket() as probe:
            if probe.connect_ex((SERVICE_HOST, port)) != 0:
                return port
    raise BenchmarkError(f"no free port in {PORTS.start}-{PORTS.stop - 1}")


def mysql_client() -> str:
    client = shutil.which("mariadb") or shutil.which("mysql")
    if client is None:
        raise BenchmarkError("neither the mariadb nor the mysql client is installed")
    return client


def mysql(statement: str) -> str:
    """Run SQL as root on the local server; return its tab-separated output without headers."""
    result = run_command(
        [mysql_client(), "-uroot", f"-h{SERVICE_HOST}", "-N", "-B", "-e", statement],
        cwd=TEMPLATE_DIR,
        timeout=60,
    )
    return result.stdout.strip()


def checked_database_name(name: str) -> str:
    if not DATABASE_NAME.fullmatch(name):
        raise ValueError(f"{name!r}: the benchmarks only touch databases named bench_*")
    return name


def create_database(name: str) -> None:
    name = checked_database_name(name)
    mysql(
        f"DROP DATABASE IF EXISTS {name}; "
        f"CREATE DATABASE {name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
    )


def drop_database(name: str) -> None:
    mysql(f"DROP DATABASE IF EXISTS {checked_database_name(name)}")


def remove_workdir(path: Path) -> None:
    if path.name.startswith("bench_") and path.parent == WORK_ROOT:
        shutil.rmtree(path, ignore_errors=True)


def flush_bench_redis() -> None:
    """Empty Redis databases 4-7, the benchmarks' own."""
    for number in BENCH_REDIS_DATABASES:
        redis_command(f"SELECT {number}", "FLUSHDB")


def redis_command(*commands: str) -> list[str]:
    """Send inline Redis commands on one connection and return their replies.

    A few lines of the protocol, because the template's environment has no Redis client.
    """
    with socket.create_connection((SERVICE_HOST, 6379), timeout=5) as connection:
        connection.sendall("".join(f"{command}\r\n" for command in commands).encode())
        with connection.makefile("rb") as replies:
            return [read_redis_reply(replies) for _ in commands]


def read_redis_reply(replies) -> str:
    line = replies.readline().decode().rstrip("\r\n")
    kind, rest = line[:1], line[1:]
    if kind == "-":
        raise BenchmarkError(f"Redis answered: {rest}")
    if kind == "$":
        length = int(rest)
        return "" if length < 0 else replies.read(length + 2)[:-2].decode()
    return rest
