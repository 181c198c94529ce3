from django.apps import AppConfig
from django.db.models.signals import pre_migrate


class CommonConfig(AppConfig):
    name = "{{ cookiecutter.project_slug }}.common"
    label = "common"
    verbose_name = "Common"

    def ready(self) -> None:
        from . import replicas, request_ids  # noqa: F401 - connect their signal receivers
        from .schema_changes import limit_lock_waits

        # Sent once per migrate for this app, before any migration runs.
        pre_migrate.connect(limit_lock_waits, sender=self)
