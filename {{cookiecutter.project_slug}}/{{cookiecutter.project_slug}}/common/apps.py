from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "{{ cookiecutter.project_slug }}.common"
    label = "common"
    verbose_name = "Common"
