from django.apps import AppConfig
from django.db.models.signals import pre_migrate


class CommonConfig(AppConfig):
    name = "{{ cookiecutter.project_slug }}.common"
    label = "common"
    verbose_name = "Common"

    def ready(self) -> None:
        from .data import replicas  # noqa: F401 - connect its signal receivers
        from .data.schema_changes import limit_lock_waits
        from .observability import request_ids  # noqa: F401 - connect its signal receivers

        # Sent once per migrate for this app, before any migration runs.
        pre_migrate.connect(limit_lock_waits, sender=self)
