"""An S3-compatible server for the storage tests; a pytest plugin loaded by conftest.py.

moto's server (a dev dependency) starts once per session, when a test first asks for it, on a
free port of 127.0.0.1, and stops when the session ends. Each test gets a bucket of its own.
moto checks neither signatures nor expiry: tests here check what the service stores and
serves through the real django-storages backend, not AWS's signing.
"""

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest

MOTO_SERVER = Path(sys.executable).parent / "moto_server"
STARTUP_SECONDS = 20
REGION = "us-east-1"
# Bucket names take lowercase letters, digits and hyphens, 63 characters at most.
BUCKET_PREFIX = "{{ cookiecutter.project_slug }}".replace("_", "-")[:40]
# moto accepts any credentials; these keep boto3 from looking for real ones.
CREDENTIALS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_for(endpoint: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"moto_server exited with {server.returncode} before answering")
        try:
            with urllib.request.urlopen(f"{endpoint}/moto-api/", timeout=1):  # noqa: S310
                return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.05)
    pytest.fail(f"moto_server did not answer at {endpoint} within {STARTUP_SECONDS} s")


@pytest.fixture(scope="session")
def s3_endpoint() -> Iterator[str]:
    """The URL of an S3-compatible server on 127.0.0.1, running for the whole session."""
    port = _free_port()
    server = subprocess.Popen(
        [str(MOTO_SERVER), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    try:
        _wait_for(endpoint, server)
        yield endpoint
    finally:
        server.terminate()
        server.wait(timeout=10)


class Bucket:
    """A bucket of one test on the session's S3 server, read around the storage backend."""

    region = REGION
    access_key = CREDENTIALS["aws_access_key_id"]
    secret_key = CREDENTIALS["aws_secret_access_key"]

    def __init__(self, endpoint: str) -> None:
        self.name = f"{BUCKET_PREFIX}-{uuid.uuid4().hex[:16]}"
        self.endpoint = endpoint
        self.client: Any = boto3.client(
            "s3", endpoint_url=endpoint, region_name=REGION, **CREDENTIALS
        )
        self.client.create_bucket(Bucket=self.name)

    def object_keys(self) -> list[str]:
        listing = self.client.list_objects_v2(Bucket=self.name)
        return sorted(item["Key"] for item in listing.get("Contents", []))

    def read(self, key: str) -> bytes:
        body: bytes = self.client.get_object(Bucket=self.name, Key=key)["Body"].read()
        return body

    def storage_options(self, options: dict[str, Any]) -> dict[str, Any]:
        """The settings' S3 options (ACL, expiry, no overwrites...) pointed at this bucket."""
        return {
            **options,
            "bucket_name": self.name,
            "endpoint_url": self.endpoint,
            "region_name": self.region,
            "access_key": self.access_key,
            "secret_key": self.secret_key,
        }


@pytest.fixture
def s3_bucket(s3_endpoint: str) -> Bucket:
    """A fresh bucket of the S3 server; the settings are left alone."""
    return Bucket(s3_endpoint)


@pytest.fixture
def object_storage(s3_bucket: Bucket, settings: Any) -> Bucket:
    """Media on a fresh bucket of the S3 server for this test: default_storage is S3Storage."""
    bucket = s3_bucket
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": bucket.storage_options(settings.MEDIA_S3_OPTIONS),
        },
    }
    return bucket
