from django.apps import AppConfig


class LedgerConfig(AppConfig):
    name = "{{ cookiecutter.project_slug }}.ledger"
    label = "ledger"
    verbose_name = "Ledger"
