"""Tables the framework itself needs: settings kept in the database, idempotency keys."""

from __future__ import annotations

from peewee import BlobField, CharField, DateTimeField, TextField

from svcq.storage.db import BaseModel


class Meta(BaseModel):
    """Key/value facts shared by every replica (e.g. the page-token secret)."""

    key = CharField(primary_key=True, max_length=64)
    value = TextField()


class IdempotencyKey(BaseModel):
    """The first response to a Create, replayed to retries with the same request_id.

    ``key`` is ``<method>:<request_id>``; ``fingerprint`` detects a request_id
    reused for a different request, which is refused rather than replayed.
    """

    key = CharField(primary_key=True, max_length=400)
    fingerprint = CharField(max_length=64)
    response = BlobField()
    create_time = DateTimeField(index=True)
