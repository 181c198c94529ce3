"""Periodic tasks: celery beat with django-celery-beat."""

# Periodic tasks live in the database (django-celery-beat), written by
# `manage.py setup_periodic_tasks` from PERIODIC_TASKS; run exactly one beat process.
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# name -> (registered task name, crontab "minute hour day-of-month month day-of-week")
{%- if cookiecutter.include_example_app == "yes" %}
PERIODIC_TASKS: dict[str, tuple[str, str]] = {
    "ledger: post entries left pending": ("ledger.post_stale_entries", "* * * * *"),
    "ledger: reconcile account balances": ("ledger.reconcile_balances", "15 3 * * *"),
}
{%- else %}
PERIODIC_TASKS: dict[str, tuple[str, str]] = {}
{%- endif %}
