import pytest
from celery import current_app
from django.conf import settings as project_settings
from django.core.management import CommandError, call_command
from django_celery_beat.models import CrontabSchedule, PeriodicTask

pytestmark = pytest.mark.django_db

DECLARED = {
    "nightly cleanup": ("reports.cleanup", "15 3 * * *"),
    "every minute": ("reports.tick", "* * * * *"),
}


def rows() -> list[tuple]:
    return list(
        PeriodicTask.objects.order_by("name").values_list(
            "name", "task", "enabled", "crontab__minute", "crontab__hour", "crontab__timezone"
        )
    )


def setup_periodic_tasks() -> None:
    call_command("setup_periodic_tasks", stdout=None)


def test_running_twice_leaves_the_same_rows(settings):
    settings.PERIODIC_TASKS = DECLARED

    setup_periodic_tasks()
    first = rows()
    setup_periodic_tasks()

    assert rows() == first
    assert [row[:2] for row in first] == [
        ("every minute", "reports.tick"),
        ("nightly cleanup", "reports.cleanup"),
    ]
    assert CrontabSchedule.objects.count() == 2


def test_a_changed_schedule_is_updated_and_a_dropped_task_removed(settings):
    settings.PERIODIC_TASKS = DECLARED
    setup_periodic_tasks()

    settings.PERIODIC_TASKS = {"nightly cleanup": ("reports.cleanup", "0 4 * * *")}
    setup_periodic_tasks()

    assert [row[:5] for row in rows()] == [("nightly cleanup", "reports.cleanup", True, "0", "4")]


def test_tasks_added_by_hand_are_left_alone(settings):
    settings.PERIODIC_TASKS = {}
    schedule = CrontabSchedule.objects.create(minute="0", hour="1")
    PeriodicTask.objects.create(name="by hand", task="reports.cleanup", crontab=schedule)

    setup_periodic_tasks()

    assert [row[0] for row in rows()] == ["by hand"]


def test_a_malformed_crontab_is_refused(settings):
    settings.PERIODIC_TASKS = {"broken": ("reports.cleanup", "every day")}

    with pytest.raises(CommandError, match="not a crontab of 5 fields"):
        setup_periodic_tasks()


def test_the_project_declares_only_tasks_that_exist():
    registered = set(current_app.tasks)

    for task, _schedule in project_settings.PERIODIC_TASKS.values():
        assert task in registered
