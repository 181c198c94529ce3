"""Security shared by every environment (production.py adds HTTPS and its refusals)."""

from config.env import env

# Browsers may call the API from these origins only; none unless configured. Clients send
# their token in a header, so cross-origin requests carry no cookies.
CORS_ALLOWED_ORIGINS: list[str] = env.list("DJANGO_CORS_ALLOWED_ORIGINS", default=[])
CORS_URLS_REGEX = r"^/api/.*$"
# Largest request body the API reads (bytes): larger is a 413. Django's default is 2.5 MB.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DJANGO_DATA_UPLOAD_MAX_MEMORY_SIZE", default=1024 * 1024)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
