"""The outbox: one table of domain events, written in the transaction of the change.

Every service appends here (tickets, evaluations, ...), so one ``seq`` orders
every event of the server and a resume token means the same thing to every
watcher. A payload keeps the changed rows as they were right after the
change (:func:`dump_row`), so a watcher sees that version even if the
resource has changed since; :func:`load_row` turns it back into an unsaved
instance that the services' own row-to-record conversions read.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any, NamedTuple, TypeVar

from peewee import (
    AutoField,
    CharField,
    DateField,
    DateTimeField,
    DecimalField,
    Model,
    TextField,
)

from svcq.storage.db import BaseModel, database, is_sqlite
from svcq.storage.prepared import Prepared

M = TypeVar("M", bound=Model)

#: Any PostgreSQL advisory-lock key, fixed (the one ticket_event's writers took before
#: migration 0006): every outbox writer takes it, so inserts are ordered by commit.
OUTBOX_LOCK = 0x5F0C_7E75


class Event(BaseModel):
    """One domain event.

    ``seq`` is the resume token. On PostgreSQL writers take an advisory lock
    before inserting (:func:`write_events`), so sequence order is commit
    order and a watcher that has seen ``seq`` never later meets a smaller
    one; on SQLite writers are serialised anyway.
    """

    seq = AutoField()
    #: ``<resource_type>.<what happened>``: "ticket.created", "defect.rectified", ...
    type = CharField(max_length=64)
    #: "ticket", "inspection", "defect", "survey_campaign", ...
    resource_type = CharField(max_length=32)
    resource_id = CharField(max_length=32)
    community_id = CharField(max_length=32, index=True)
    event_time = DateTimeField()
    #: JSON: the resource's rows right after the change, and what the event type adds.
    payload = TextField()


EVENT_MODELS = [Event]


class NewEvent(NamedTuple):
    """An event not yet written; the argument order of :data:`_insert_event`."""

    type: str
    resource_type: str
    resource_id: str
    community_id: str
    #: Naive UTC, as every DATETIME column.
    event_time: datetime
    #: JSON text.
    payload: str


_insert_event = Prepared(lambda kind, resource_type, resource_id, community, at, payload:
                         Event.insert(type=kind, resource_type=resource_type,
                                      resource_id=resource_id, community_id=community,
                                      event_time=at, payload=payload))


def write_events(events: Iterable[NewEvent]) -> None:
    """Append to the outbox inside the caller's transaction; on PostgreSQL in commit order.

    The advisory lock is held until the transaction ends, so callers write
    their events last: other writers queue behind it only for the rest of
    this transaction.
    """
    if not is_sqlite():
        database.execute_sql("SELECT pg_advisory_xact_lock(%s)", (OUTBOX_LOCK,))
    for event in events:
        _insert_event.execute(*event)


def dump_row(row: Model) -> dict[str, Any]:
    """The row's column values, JSON-ready (dates and times as ISO text, decimals as text)."""
    return {name: value.isoformat() if isinstance(value, date)
            else str(value) if isinstance(value, Decimal) else value
            for name, value in row.__data__.items()}


def load_row(model: type[M], data: dict[str, Any]) -> M:
    """An unsaved instance of ``model`` from :func:`dump_row` output."""
    values: dict[str, Any] = {}
    for name, value in data.items():
        column = model._meta.fields[name]
        if value is not None and isinstance(column, DateTimeField):
            value = datetime.fromisoformat(value)
        elif value is not None and isinstance(column, DateField):
            value = date.fromisoformat(value)
        elif value is not None and isinstance(column, DecimalField):
            value = Decimal(value)
        values[name] = value
    return model(**values)
