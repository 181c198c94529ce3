"""Write the periodic tasks declared in settings.PERIODIC_TASKS to django-celery-beat's tables.

Safe to run any number of times (say, on every deploy): it creates what is missing, updates
what changed, and deletes the tasks it once wrote that are no longer declared. Tasks added by
hand in the admin are left alone.
"""

from typing import Any

from celery import current_app
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from {{ cookiecutter.project_slug }}.common.background import import_task_modules

# Marks the rows this command owns.
MANAGED_BY = "Declared in settings.PERIODIC_TASKS; written by manage.py setup_periodic_tasks."
CRONTAB_FIELDS = ("minute", "hour", "day_of_month", "month_of_year", "day_of_week")


def crontab_schedule(expression: str) -> CrontabSchedule:
    values = expression.split()
    if len(values) != len(CRONTAB_FIELDS):
        raise CommandError(f"{expression!r} is not a crontab of {len(CRONTAB_FIELDS)} fields.")
    schedule, _created = CrontabSchedule.objects.get_or_create(
        **dict(zip(CRONTAB_FIELDS, values, strict=True)), timezone=settings.TIME_ZONE
    )
    return schedule


class Command(BaseCommand):
    help = "Create, update and prune the periodic tasks declared in settings.PERIODIC_TASKS."

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        declared = settings.PERIODIC_TASKS
        import_task_modules()
        unknown = sorted(
            task for task, _schedule in declared.values() if task not in current_app.tasks
        )
        if unknown:
            raise CommandError(
                f"PERIODIC_TASKS names tasks no app registers: {', '.join(unknown)}."
            )
        for name, (task, expression) in declared.items():
            _task, created = PeriodicTask.objects.update_or_create(
                name=name,
                defaults={
                    "task": task,
                    "crontab": crontab_schedule(expression),
                    "interval": None,
                    "description": MANAGED_BY,
                    "enabled": True,
                },
            )
            self.stdout.write(f"{'created' if created else 'updated'}: {name} ({expression})")
        removed, _by_model = (
            PeriodicTask.objects.filter(description=MANAGED_BY).exclude(name__in=declared).delete()
        )
        self.stdout.write(f"{len(declared)} declared, {removed} no longer declared removed.")
