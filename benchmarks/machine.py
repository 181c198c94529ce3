"""What the figures were measured on: hardware, servers and versions, looked up, not assumed."""

import importlib.util
import os
import platform
import re
import shutil
import subprocess
from importlib import metadata
from pathlib import Path

import cookiecutter.main
from bakes import BakedProject, BenchmarkError, mysql, redis_command

BAKE_PACKAGES = (
    "django",
    "djangorestframework",
    "djangorestframework-simplejwt",
    "celery",
    "kombu",
    "gunicorn",
    "mysqlclient",
)


def cpu_model() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        match = re.search(r"^model name\s*:\s*(.+)$", cpuinfo.read_text(), re.MULTILINE)
        if match:
            return match[1].strip()
    return platform.processor() or "unknown"


def memory() -> str:
    meminfo = Path("/proc/meminfo")
    if not meminfo.exists():
        return "unknown"
    match = re.search(r"^MemTotal:\s+(\d+) kB", meminfo.read_text(), re.MULTILINE)
    return f"{int(match[1]) / 1024**2:.0f} GiB" if match else "unknown"


def operating_system() -> str:
    os_release = Path("/etc/os-release")
    if os_release.exists():
        match = re.search(r'^PRETTY_NAME="?([^"\n]+)', os_release.read_text(), re.MULTILINE)
        if match:
            return match[1]
    return platform.platform()


def mariadb_version() -> str:
    return mysql("SELECT VERSION()")


def redis_version() -> str:
    [info] = redis_command("INFO server")
    match = re.search(r"^redis_version:(\S+)", info, re.MULTILINE)
    return match[1] if match else "unknown"


def program_version(*command: str) -> str:
    """The first line a program prints about its version (wrk prints it and exits 1)."""
    if shutil.which(command[0]) is None:
        return "not installed"
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    return (result.stdout or result.stderr).splitlines()[0].strip()


def bake_versions(project: BakedProject) -> str:
    script = (
        "import platform\nfrom importlib.metadata import version\n"
        f"print('Python ' + platform.python_version(), *(f'{{name}} {{version(name)}}' "
        f"for name in {BAKE_PACKAGES!r}), sep=', ')"
    )
    return project.run(project.program("python"), "-c", script).stdout.strip()


def safely(lookup, *args) -> str:
    try:
        return lookup(*args)
    except (BenchmarkError, OSError) as error:
        return f"unknown ({error})"


def load_average() -> str:
    return " / ".join(f"{value:.2f}" for value in os.getloadavg())


def bytecode_note() -> list[str]:
    """Bakes start cookiecutter anew each time: without its bytecode cached, each one compiles
    cookiecutter, Jinja and their imports again, which roughly doubles a bake here."""
    cached = Path(importlib.util.cache_from_source(cookiecutter.main.__file__)).exists()
    if cached:
        return []
    return [
        "cookiecutter's bytecode is not cached (PYTHONDONTWRITEBYTECODE="
        f"{os.environ.get('PYTHONDONTWRITEBYTECODE', '')!r}): every bake compiles its modules "
        "again, which makes a bake 2-3 times slower than once Python has cached them"
    ]


def describe(bake_versions_text: str | None) -> list[str]:
    return [
        f"Machine: {cpu_model()}, {os.cpu_count()} cores, {memory()} RAM, {operating_system()}",
        f"Servers: MariaDB {safely(mariadb_version)}, Redis {safely(redis_version)}",
        f"Runner: Python {platform.python_version()}, cookiecutter "
        f"{metadata.version('cookiecutter')}, {safely(program_version, 'uv', '--version')}, "
        f"{safely(program_version, 'wrk', '-v').split(' [')[0]}",
        f"Baked service: {bake_versions_text or 'not installed in this run'}",
        *bytecode_note(),
    ]
