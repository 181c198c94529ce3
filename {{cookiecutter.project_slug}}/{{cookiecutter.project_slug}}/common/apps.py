from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "{{ cookiecutter.project_slug }}.common"
    label = "common"
    verbose_name = "Common"

    def ready(self) -> None:
        from . import request_ids  # noqa: F401 - connects its signal receiver
