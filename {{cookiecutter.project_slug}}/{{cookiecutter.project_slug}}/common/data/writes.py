"""Database helpers shared by the services of every app."""

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model

# constraint name -> {field: message}
ConstraintMessages = Mapping[str, Mapping[str, str]]


def save_validated(
    instance: Model,
    *,
    update_fields: Sequence[str] | None = None,
    constraint_messages: ConstraintMessages | None = None,
) -> None:
    """Validate field values, then save, reporting a violated constraint as a ValidationError.

    Updates must name their `update_fields`: a full save would write back stale values of
    columns that others change concurrently (a balance, a status).

    Field checks (lengths, choices, digits) run in Python, so strict-mode MySQL never meets a
    value it would reject with a 500. Uniqueness and check constraints are left to the database,
    the one judge: no racy "does it exist?" query first, and MySQL's case-insensitive collation
    decides what counts as a duplicate. Related objects are not fetched again: the caller passes
    objects it has already looked up.
    """
    related = [field.name for field in instance._meta.concrete_fields if field.is_relation]
    instance.full_clean(exclude=related, validate_unique=False, validate_constraints=False)
    with _constraint_violations_as_validation_errors(constraint_messages or {}):
        instance.save(update_fields=update_fields)


@contextmanager
def _constraint_violations_as_validation_errors(messages: ConstraintMessages) -> Iterator[None]:
    # A savepoint, so the caller's transaction stays usable after a violation.
    try:
        with transaction.atomic():
            yield
    except IntegrityError as error:
        violated = next((name for name in messages if name in str(error)), None)
        if violated is None:
            raise
        raise ValidationError(dict(messages[violated])) from error
