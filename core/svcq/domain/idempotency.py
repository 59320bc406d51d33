"""Idempotent creates (AIP-155): a retry with the same request_id gets the first response.

The response is stored in the same transaction as the resource it reports,
so after a crash either both exist or neither does: a client that retries
everything unacknowledged ends up with each write exactly once.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from peewee import IntegrityError

from svcq.domain.validation import NUL
from svcq.errors import InvalidArgument
from svcq.storage.db import database, write_transaction
from svcq.storage.prepared import Prepared
from svcq.storage.system import IdempotencyKey

MAX_REQUEST_ID = 128

_find = Prepared(lambda key: IdempotencyKey.select().where(IdempotencyKey.key == key).limit(1))
_insert = Prepared(lambda key, fingerprint, response, now: IdempotencyKey.insert(
    key=key, fingerprint=fingerprint, response=response, create_time=now))


def _replay(key: str, fingerprint: str) -> bytes | None:
    row = _find.first(key)
    if row is None:
        return None
    if row.fingerprint != fingerprint:
        raise InvalidArgument.one(
            "request_id", "already used for a different request; use a new request_id",
            reason="REQUEST_ID_REUSED")
    return bytes(row.response)


def run_once(method: str, request_id: str, fingerprint: str, now: datetime,
             create: Callable[[], bytes]) -> bytes:
    """Run ``create`` at most once per (method, request_id); returns the response bytes."""
    if len(request_id) > MAX_REQUEST_ID:
        raise InvalidArgument.one("request_id", f"at most {MAX_REQUEST_ID} characters")
    if NUL in request_id:
        raise InvalidArgument.one("request_id", "must not contain NUL characters")
    key = f"{method}:{request_id}"
    stored = _replay(key, fingerprint)
    if stored is not None:
        return stored
    try:
        with write_transaction():
            # Checked again under the write lock: a concurrent twin may have won.
            stored = _replay(key, fingerprint)
            if stored is not None:
                return stored
            response = create()
            _insert.execute(key, fingerprint, response, now)
            return response
    except IntegrityError:
        # PostgreSQL: the twin committed first; our whole transaction rolled back.
        if database.transaction_depth() > 0:
            raise
        stored = _replay(key, fingerprint)
        if stored is None:
            raise
        return stored
