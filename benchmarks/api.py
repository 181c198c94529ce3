"""API: the example list endpoint under gunicorn against a naive ModelViewSet and against the
floor (the same page from plain Django), on the same data.

One default bake is prepared once (installed, migrated, loaded with the data set) and serves
both this benchmark and the task benchmark. Both lists are mounted in the same gunicorn
(bench_settings.py and bench_urls.py are written into the bake, never into the template), so
they share processes, database, cache and authentication; only the view code differs.
"""

import json
import re
import secrets
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from bakes import (
    DEFAULT_ANSWERS,
    SERVICE_HOST,
    TEMPLATE_DIR,
    BakedProject,
    BenchmarkError,
    bake,
    create_database,
    drop_database,
    free_port,
    new_workdir,
    remove_workdir,
    require_program,
    run_command,
    stop,
)
from report import Report, goal_mark, milliseconds

DATABASE = "bench_api"
USER_EMAIL = "bench@bench.invalid"
USER_PASSWORD = secrets.token_urlsafe(16)
ENDPOINTS = {
    "ledger list": "/api/v1/entries/",  # the template's: select_related + prefetch_related
    "naive list": "/bench/naive/entries/",  # bench_urls.py: nested serializers, no tuning
    "floor list": "/bench/floor/entries/",  # bench_urls.py: values() and JsonResponse
}
PAGE_SIZES = (1, 10, 50, 100)
LOAD_PAGE_SIZE = 50
# The ledger's list against the floor at these page sizes too (the naive list only at 50).
FLOOR_PAGE_SIZES = (10, LOAD_PAGE_SIZE, 100)
# The ledger's list must reach this share of the floor's requests/s (issue: 0.6 at 50 per page).
FLOOR_BUDGET = 0.6
HELPERS = (
    "bench_settings.py",
    "bench_urls.py",
    "bench_seed.py",
    "bench_queries.py",
    "bench_tasks.py",
    "bench_profile.py",
    "bench_enqueue.py",
)
# A per-second rate keeps the throttle's per-user history (read and written on every request)
# as short as under a real rate limit, instead of growing with a minute of benchmark traffic.
UNTHROTTLED = "100000000/second"
STARTUP_SECONDS = 60
WRK_TIMEOUT = "10s"
WRK_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


@dataclass(frozen=True)
class DataSet:
    other_users: int
    accounts: int
    tags: int
    entries: int
    pending: int

    def describe(self) -> str:
        return (
            f"{1 + self.other_users} users (the benchmark user and {self.other_users} others), "
            f"each with {self.accounts} accounts, {self.tags} tags and {self.entries:,} entries "
            f"carrying 0-3 tags; {self.pending:,} entries left pending for the task benchmark"
        )


@dataclass(frozen=True)
class LoadPlan:
    workers: int
    threads: int
    connections: int
    duration: int
    warmup: int

    def describe(self) -> str:
        return (
            f"wrk -t{self.threads} -c{self.connections} -d{self.duration}s --latency "
            f"(after a {self.warmup} s warm-up per endpoint); gunicorn with "
            f"GUNICORN_WORKERS={self.workers} (sync workers), otherwise config/gunicorn.py's "
            f"defaults; first page of GET <list>?page_size={LOAD_PAGE_SIZE}"
        )


@dataclass(frozen=True)
class LoadResult:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int


def service_variables() -> dict[str, str]:
    """The production settings, as a deployment would set them, for plain HTTP on loopback."""
    return {
        "DJANGO_SETTINGS_MODULE": "bench_settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": f"{SERVICE_HOST},localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "false",  # plain HTTP: no TLS proxy in front
        "DJANGO_LOG_LEVEL": "WARNING",
        "API_THROTTLE_RATE_USER": UNTHROTTLED,
        "API_THROTTLE_RATE_ANON": UNTHROTTLED,
        "API_THROTTLE_RATE_AUTH": UNTHROTTLED,
        "JWT_ACCESS_TOKEN_MINUTES": "60",
        "GUNICORN_LOG_LEVEL": "warning",
    }


@contextmanager
def prepared_service(
    data: DataSet,
    on_installed,
    answers: dict[str, str] = DEFAULT_ANSWERS,
    database: str = DATABASE,
) -> Iterator[tuple[BakedProject, dict]]:
    """A bake (the default one unless told), installed, migrated and loaded; dropped and
    removed afterwards.

    Yields the bake and the loader's summary; calls on_installed() once `uv sync` succeeded.
    """
    workdir = new_workdir("api")
    try:
        project = BakedProject(bake(workdir, answers), database, service_variables())
        project.run(require_program("uv", "pip install uv"), "sync")
        on_installed()
        project.install_helpers(*HELPERS)
        create_database(database)
        project.python("manage.py", "migrate", "--no-input", "-v0")
        project.python("manage.py", "collectstatic", "--no-input", "-v0")  # as the image does
        yield project, seed(project, data)
    finally:
        drop_database(database)
        remove_workdir(workdir)


def seed(project: BakedProject, data: DataSet) -> dict:
    """Load the data set (bench_seed.py); returns the loader's summary."""
    loaded = project.python(
        "bench_seed.py",
        *("--email", USER_EMAIL, "--password", USER_PASSWORD),
        *("--other-users", str(data.other_users), "--accounts", str(data.accounts)),
        *("--tags", str(data.tags), "--entries", str(data.entries)),
        *("--pending", str(data.pending)),
    )
    return json.loads(loaded.stdout)


def count_queries(project: BakedProject) -> dict:
    endpoint_arguments = [
        argument for name, path in ENDPOINTS.items() for argument in ("--endpoint", name, path)
    ]
    result = project.python(
        "bench_queries.py",
        *("--email", USER_EMAIL, "--password", USER_PASSWORD),
        *("--page-sizes", *map(str, PAGE_SIZES)),
        *endpoint_arguments,
    )
    return json.loads(result.stdout)


@contextmanager
def running_gunicorn(project: BakedProject, workers: int, **env: str) -> Iterator[str]:
    """gunicorn with the generated config/gunicorn.py (and `env`); yields its base URL."""
    port = free_port()
    process = project.start(
        [project.program("gunicorn"), "--config", "config/gunicorn.py", "config.wsgi"],
        "gunicorn.log",
        GUNICORN_BIND=f"{SERVICE_HOST}:{port}",
        GUNICORN_WORKERS=str(workers),
        **env,
    )
    base_url = f"http://{SERVICE_HOST}:{port}"
    try:
        wait_until_live(base_url, process, project)
        yield base_url
    finally:
        stop(process)


def wait_until_live(base_url: str, process, project: BakedProject) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchmarkError(f"gunicorn exited at start:\n{project.log_tail('gunicorn.log')}")
        try:
            with urllib.request.urlopen(f"{base_url}/health/live", timeout=2):  # noqa: S310
                return
        except OSError:
            time.sleep(0.2)
    raise BenchmarkError(f"gunicorn did not answer /health/live within {STARTUP_SECONDS} s")


def obtain_token(base_url: str) -> str:
    """POST /api/v1/auth/token/ as a client would; returns the access token."""
    request = urllib.request.Request(  # noqa: S310 - our own server on loopback
        f"{base_url}/api/v1/auth/token/",
        data=json.dumps({"email": USER_EMAIL, "password": USER_PASSWORD}).encode(),
        headers={"Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return json.load(response)["access"]
    except urllib.error.HTTPError as error:
        raise BenchmarkError(f"token request answered {error.code}: {error.read()!r}") from error


def wrk(url: str, token: str, plan: LoadPlan, seconds: int) -> str:
    command = [
        require_program("wrk", "apt-get install -y wrk"),
        *("-t", str(plan.threads), "-c", str(plan.connections), "-d", f"{seconds}s"),
        *("--latency", "--timeout", WRK_TIMEOUT, "-H", f"Authorization: Bearer {token}", url),
    ]
    return run_command(command, cwd=TEMPLATE_DIR, timeout=seconds + 60).stdout


def load(url: str, token: str, plan: LoadPlan) -> LoadResult:
    wrk(url, token, plan, plan.warmup)  # each worker imports, connects and caches first
    return parse_wrk(wrk(url, token, plan, plan.duration))


def parse_wrk(output: str) -> LoadResult:
    """Requests/s and latency percentiles; a run with errors or non-2xx answers is refused."""
    for failure in ("Non-2xx or 3xx responses", "Socket errors"):
        if failure in output:
            raise BenchmarkError(f"wrk reported failures, so its figures do not count:\n{output}")

    def percentile(name: str) -> float:
        match = re.search(rf"^\s+{name}%\s+([\d.]+)(us|ms|s|m)\b", output, re.MULTILINE)
        if match is None:
            raise BenchmarkError(f"no {name}% latency in wrk's output:\n{output}")
        return float(match[1]) * WRK_UNITS_MS[match[2]]

    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    count = re.search(r"(\d+) requests in", output)
    if rate is None or count is None:
        raise BenchmarkError(f"no Requests/sec in wrk's output:\n{output}")
    return LoadResult(float(rate[1]), percentile("50"), percentile("99"), int(count[1]))


def measure(report: Report, project: BakedProject, plan: LoadPlan) -> None:
    report.note(f"API load: {plan.describe()}")
    report_query_counts(report, count_queries(project))
    loads = [("naive list", LOAD_PAGE_SIZE)] + [
        (name, size) for size in FLOOR_PAGE_SIZES for name in ("ledger list", "floor list")
    ]
    with running_gunicorn(project, plan.workers) as base_url:
        token = obtain_token(base_url)
        results = {
            (name, size): load(f"{base_url}{ENDPOINTS[name]}?page_size={size}", token, plan)
            for name, size in loads
        }
    for (name, size), result in results.items():
        report.add(
            f"API {name}, {size} per page",
            "requests/s · latency p50 / p99",
            f"{result.requests_per_second:.1f} req/s · {milliseconds(result.p50_ms)} / "
            f"{milliseconds(result.p99_ms)}",
            f"{result.requests:,} requests in {plan.duration} s, all 200",
        )
    rate = {key: result.requests_per_second for key, result in results.items()}
    ratio = rate["ledger list", LOAD_PAGE_SIZE] / rate["naive list", LOAD_PAGE_SIZE]
    report.add(
        "API ledger list vs naive list",
        "ratio of requests/s",
        f"{ratio:.1f}x",
        "budget: at least 3x at 50 per page" + goal_mark(ratio >= 3),
    )
    shares = {
        size: rate["ledger list", size] / rate["floor list", size] for size in FLOOR_PAGE_SIZES
    }
    report.add(
        "API ledger list vs floor list",
        f"share of the floor's requests/s at {' / '.join(map(str, FLOOR_PAGE_SIZES))} per page",
        " / ".join(f"{share:.2f}" for share in shares.values()),
        f"budget: at least {FLOOR_BUDGET} at {LOAD_PAGE_SIZE} per page"
        + goal_mark(shares[LOAD_PAGE_SIZE] >= FLOOR_BUDGET),
    )


def report_query_counts(report: Report, counted: dict) -> None:
    if not counted["same_page"]:
        raise BenchmarkError("the ledger, naive and floor lists returned different pages")
    sizes = " / ".join(map(str, PAGE_SIZES))
    for name, per_size in counted["queries"].items():
        counts = [per_size[str(size)] for size in PAGE_SIZES]
        constant = len(set(counts)) == 1
        report.add(
            f"Queries per request, {name}",
            f"page size {sizes}",
            " / ".join(map(str, counts)),
            "constant" if constant else "grows with the page size (N+1)",
        )
