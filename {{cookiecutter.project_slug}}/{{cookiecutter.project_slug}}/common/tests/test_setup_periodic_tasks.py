import pytest
from django.conf import settings as project_settings
from django.core.management import CommandError, call_command
from django_celery_beat.models import CrontabSchedule, PeriodicTask

pytestmark = pytest.mark.django_db

DECLARED = {
    "nightly cleanup": ("celery.backend_cleanup", "15 3 * * *"),
    "every minute": ("celery.accumulate", "* * * * *"),
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
        ("every minute", "celery.accumulate"),
        ("nightly cleanup", "celery.backend_cleanup"),
    ]
    assert CrontabSchedule.objects.count() == 2


def test_a_changed_schedule_is_updated_and_a_dropped_task_removed(settings):
    settings.PERIODIC_TASKS = DECLARED
    setup_periodic_tasks()

    settings.PERIODIC_TASKS = {"nightly cleanup": ("celery.backend_cleanup", "0 4 * * *")}
    setup_periodic_tasks()

    assert [row[:5] for row in rows()] == [
        ("nightly cleanup", "celery.backend_cleanup", True, "0", "4")
    ]


def test_tasks_added_by_hand_are_left_alone(settings):
    settings.PERIODIC_TASKS = {}
    schedule = CrontabSchedule.objects.create(minute="0", hour="1")
    PeriodicTask.objects.create(name="by hand", task="celery.backend_cleanup", crontab=schedule)

    setup_periodic_tasks()

    assert [row[0] for row in rows()] == ["by hand"]


def test_a_malformed_crontab_is_refused(settings):
    settings.PERIODIC_TASKS = {"broken": ("celery.backend_cleanup", "every day")}

    with pytest.raises(CommandError, match="not a crontab of 5 fields"):
        setup_periodic_tasks()


def test_the_project_declares_only_registered_tasks():
    setup_periodic_tasks()

    declared = {(name, task) for name, (task, _schedule) in project_settings.PERIODIC_TASKS.items()}
    assert {row[:2] for row in rows()} == declared


def test_a_task_name_no_app_registers_is_refused(settings):
    settings.PERIODIC_TASKS = {"typo": ("reports.no_such_task", "* * * * *")}

    with pytest.raises(CommandError, match=r"no app registers: reports\.no_such_task"):
        setup_periodic_tasks()
    assert rows() == []
