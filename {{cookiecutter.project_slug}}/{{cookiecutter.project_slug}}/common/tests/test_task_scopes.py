"""Each Celery task runs in a replica routing scope of its own, opened and closed around it."""

from celery.signals import task_postrun, task_prerun
from django.conf import settings

from {{ cookiecutter.project_slug }}.common.data import task_scopes
from {{ cookiecutter.project_slug }}.common.data.replicas import current_routing_scope


def test_a_task_reads_in_a_scope_that_opens_before_it_and_closes_after_it() -> None:
    assert current_routing_scope() is None

    task_prerun.send(sender=None, task_id="first", task=None, args=(), kwargs={})
    first_scope = current_routing_scope()
    task_postrun.send(sender=None, task_id="first", task=None, args=(), kwargs={}, retval=None)

    assert first_scope is not None
    assert current_routing_scope() is None


def test_the_next_task_starts_afresh_even_after_a_write() -> None:
    task_prerun.send(sender=None, task_id="writer", task=None, args=(), kwargs={})
    writer_scope = current_routing_scope()
    assert writer_scope is not None
    writer_scope.wrote = True
    task_postrun.send(sender=None, task_id="writer", task=None, args=(), kwargs={}, retval=None)

    task_prerun.send(sender=None, task_id="reader", task=None, args=(), kwargs={})
    reader_scope = current_routing_scope()
    task_postrun.send(sender=None, task_id="reader", task=None, args=(), kwargs={}, retval=None)

    assert reader_scope is not None
    assert not reader_scope.wrote


def test_every_worker_connects_the_scopes_before_its_first_task() -> None:
    assert task_scopes.__name__ in settings.CELERY_IMPORTS
