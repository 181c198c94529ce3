"""Abstract models every app builds on."""

from django.db import models
from django.utils import timezone


class BaseModel(models.Model):
    """Creation and update times, indexed: lists are ordered and filtered by them."""

    # default= rather than auto_now_add=, so factories and data migrations can set it.
    created_at = models.DateTimeField(default=timezone.now, db_index=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        abstract = True
