"""Media (uploaded files): S3-compatible object storage when a bucket is set, else the disk.

Containers keep nothing on their own disk: with MEDIA_BUCKET set, every replica reads and
writes the same bucket. Without it files go to MEDIA_ROOT on the local disk, which only one
host can see: production refuses that unless MEDIA_SINGLE_HOST=true says so
(config/production_checks.py).
"""

from pathlib import Path
from typing import Any

from config.env import BASE_DIR, env

# Seconds a download URL works: presigned on object storage, signed on the local disk.
MEDIA_URL_EXPIRY = env.int("MEDIA_URL_EXPIRY", default=300)
# The largest upload accepted, in bytes: a larger one is a 413 before anything is stored.
MEDIA_UPLOAD_MAX_BYTES = env.int("MEDIA_UPLOAD_MAX_BYTES", default=5 * 1024 * 1024)
MEDIA_BUCKET = env("MEDIA_BUCKET", default="")
# The operator's statement that one host runs the service, so its local disk may hold media.
MEDIA_SINGLE_HOST = env.bool("MEDIA_SINGLE_HOST", default=False)
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
MEDIA_URL = "/media/"

# django-storages' S3 backend (boto3): AWS S3 or any S3-compatible store (MinIO, Ceph, R2...).
MEDIA_S3_OPTIONS: dict[str, Any] = {
    "bucket_name": MEDIA_BUCKET,
    # Unset for AWS itself; the store's URL otherwise, e.g. https://minio.internal:9000.
    "endpoint_url": env("MEDIA_ENDPOINT_URL", default="") or None,
    "region_name": env("MEDIA_REGION", default="") or None,
    # Unset, boto3 finds credentials itself (a pod's IAM role, an instance profile).
    "access_key": env("AWS_ACCESS_KEY_ID", default="") or None,
    "secret_key": env("AWS_SECRET_ACCESS_KEY", default="") or None,
    # Objects are private: no ACL header, so they get the bucket's owner-only default. (An
    # explicit "private" ACL is refused by buckets with ACLs disabled, AWS's default.)
    "default_acl": None,
    # Downloads go through presigned URLs that expire; nothing is public.
    "querystring_auth": True,
    "querystring_expire": MEDIA_URL_EXPIRY,
    "signature_version": "s3v4",
    # A name already taken gets a suffix: an upload never replaces another file.
    "file_overwrite": False,
    # Browsers download media rather than render it in the bucket's origin.
    "object_parameters": {"ContentDisposition": "attachment"},
}
if MEDIA_BUCKET:
    MEDIA_STORAGE: dict[str, Any] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": MEDIA_S3_OPTIONS,
    }
else:
    MEDIA_STORAGE = {
        "BACKEND": "{{ cookiecutter.project_slug }}.common.media.storage.SignedFileSystemStorage",
    }
STORAGES: dict[str, Any] = {
    "default": MEDIA_STORAGE,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
