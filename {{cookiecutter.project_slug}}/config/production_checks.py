"""The checks that stop a production process from starting on an unsafe configuration."""

from django.core.exceptions import ImproperlyConfigured

# Django's own thresholds for a weak key (security.W009).
MIN_SECRET_KEY_LENGTH = 50
MIN_SECRET_KEY_DISTINCT_CHARACTERS = 5


def refuse_unsafe_production_settings(
    *, debug: bool, secret_key: str, allowed_hosts: list[str]
) -> None:
    """Raise ImproperlyConfigured naming the variable to fix, if any setting is unsafe."""
    if debug:
        raise ImproperlyConfigured(
            "DJANGO_DEBUG is on; production must run with DJANGO_DEBUG=false (or unset)."
        )
    if (
        len(secret_key) < MIN_SECRET_KEY_LENGTH
        or len(set(secret_key)) < MIN_SECRET_KEY_DISTINCT_CHARACTERS
        or secret_key.startswith("django-insecure-")
    ):
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is missing or weak: set it (or DJANGO_SECRET_KEY_FILE) to at "
            f"least {MIN_SECRET_KEY_LENGTH} random characters, e.g. the output of "
            "`python -c 'import secrets; print(secrets.token_urlsafe(64))'`."
        )
    if not allowed_hosts:
        raise ImproperlyConfigured(
            "DJANGO_ALLOWED_HOSTS is empty: set it to the comma-separated host names this "
            "service answers to, e.g. DJANGO_ALLOWED_HOSTS={{ cookiecutter.domain_name }}."
        )
