"""A MariaDB primary and replica of the tests' own, replicating, on free ports.

Built from the server installed on the machine in a few seconds: one data directory made by
mariadb-install-db, copied for the replica, two mariadbd processes, and GTID replication
between them. Every MariaDB tool gets --no-defaults: without it, they read the system server's
configuration and would act on its data directory.
"""

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

HOST = "127.0.0.1"
START_TIMEOUT_SECONDS = 30


class ReplicationPairError(RuntimeError):
    """The pair did not start, or answered an error (the tests and the benchmark report it)."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    name: str
    port: int
    datadir: Path
    process: subprocess.Popen[bytes] | None = None

    def url(self, database: str) -> str:
        return f"mysql://root:@{HOST}:{self.port}/{database}"

    def sql(self, statement: str) -> str:
        """Run SQL as root over TCP; return the tab-separated output."""
        result = subprocess.run(
            [
                client(),
                "--no-defaults",
                f"--host={HOST}",
                f"--port={self.port}",
                "--user=root",
                "--batch",
                "--skip-column-names",
                f"--execute={statement}",
            ],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        if result.returncode:
            raise ReplicationPairError(
                f"{self.name}: {statement!r} failed: {result.stderr.strip()}"
            )
        return result.stdout

    def start(self, server_id: int) -> None:
        self.process = subprocess.Popen(
            [
                server_binary(),
                "--no-defaults",
                "--user=root",
                f"--datadir={self.datadir}",
                f"--port={self.port}",
                f"--bind-address={HOST}",
                f"--socket={self.datadir}/sock",
                f"--pid-file={self.datadir}/pid",
                f"--server-id={server_id}",
                "--log-bin=binlog",
                "--binlog-format=ROW",
                "--skip-name-resolve",
                "--innodb-buffer-pool-size=32M",
                "--skip-log-error",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex((HOST, self.port)) == 0:
                    return
            if self.process.poll() is not None:
                raise ReplicationPairError(
                    f"{self.name} exited with {self.process.returncode} on start"
                )
            time.sleep(0.1)
        raise ReplicationPairError(
            f"{self.name} did not answer on :{self.port} within {START_TIMEOUT_SECONDS}s"
        )

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@dataclass
class ReplicationPair:
    primary: Server
    replica: Server

    def wait_until_replica_caught_up(self, timeout: float = 30) -> None:
        position = self.primary.sql("SELECT @@gtid_binlog_pos").strip()
        self.replica.sql(f"SELECT MASTER_GTID_WAIT('{position}', {timeout})")

    def set_replica_delay(self, seconds: int) -> None:
        """Make the replica apply each change `seconds` after the primary made it."""
        self.replica.sql(f"STOP SLAVE; CHANGE MASTER TO MASTER_DELAY={seconds}; START SLAVE;")


def server_binary() -> str:
    binary = shutil.which("mariadbd") or (
        "/usr/sbin/mariadbd" if Path("/usr/sbin/mariadbd").exists() else None
    )
    if binary is None:
        raise ReplicationPairError("A replica pair needs the MariaDB server (mariadbd) installed.")
    return binary


def client() -> str:
    found = shutil.which("mariadb") or shutil.which("mysql")
    if found is None:
        raise ReplicationPairError("A replica pair needs the mariadb command-line client.")
    return found


@contextmanager
def replication_pair(workdir: Path) -> Iterator[ReplicationPair]:
    """Start a primary and a replica of it; stop both and remove their data on exit."""
    template = workdir / "initial"
    install = subprocess.run(
        [
            "mariadb-install-db",
            "--no-defaults",
            f"--datadir={template}",
            "--auth-root-authentication-method=normal",
            "--skip-test-db",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if install.returncode:
        raise ReplicationPairError(f"mariadb-install-db failed: {install.stderr[-2000:]}")
    primary = Server("primary", free_port(), workdir / "primary")
    replica = Server("replica", free_port(), workdir / "replica")
    shutil.copytree(template, primary.datadir)
    shutil.copytree(template, replica.datadir)
    try:
        primary.start(server_id=1)
        replica.start(server_id=2)
        replica.sql(
            f"CHANGE MASTER TO MASTER_HOST='{HOST}', MASTER_PORT={primary.port}, "
            "MASTER_USER='root', MASTER_PASSWORD='', MASTER_USE_GTID=slave_pos; START SLAVE;"
        )
        yield ReplicationPair(primary, replica)
    finally:
        replica.stop()
        primary.stop()
        shutil.rmtree(workdir, ignore_errors=True)
