{% if cookiecutter.use_celery == "yes" -%}
"""Load the Celery app with Django, so tasks and delay_on_commit use the project's settings."""

from .celery import app as celery_app

__all__ = ("celery_app",)
{% endif -%}
