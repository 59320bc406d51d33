"""Tickets: the ticket row, its history, callbacks, closures, categories (their events
are in the outbox, svcq.storage.events).

A ticket is one row holding everything a Get returns, so a read is one
query; its pauses and SLA limits are small JSON columns because they are
only ever read with the ticket. History entries get ids ``<ticket>.h<n>``
from the ticket's ``history_count``: ordered within a ticket without a
second sort key, and a gap-free count that tests can hold against the
number of transitions. Staff, unit and owner ids are plain columns checked
by the domain: a history must outlive a staff member's record.

The statements at the end are the hot path of every ticket write, compiled
once (docs/decisions/0004-prepared-queries-on-hot-paths.md).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from inspect import Parameter, Signature
from typing import Any

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    Field,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
    Value,
)

from svcq.storage.db import BaseModel
from svcq.storage.directory import Community
from svcq.storage.prepared import Prepared

#: The outbox's resource_type of ticket events.
TICKET_RESOURCE = "ticket"


class Ticket(BaseModel):
    id = CharField(primary_key=True, max_length=32)
    community = ForeignKeyField(Community, on_delete="RESTRICT")
    kind = CharField(max_length=32)
    channel = CharField(max_length=32)
    category = CharField(max_length=400, default="")
    priority = CharField(max_length=16)
    emergency = BooleanField(default=False)
    unit_id = CharField(max_length=32, null=True)
    public_area = CharField(max_length=200, default="")
    owner_id = CharField(max_length=32, null=True)
    description = TextField(default="")
    #: JSON list of attachment references.
    attachments = TextField(default="[]")
    state = CharField(max_length=32)
    department = CharField(max_length=32, default="")
    assignee_id = CharField(max_length=32, default="")
    first_receiver_id = CharField(max_length=32)
    reporter_back_id = CharField(max_length=32)
    #: Start of the current SLA cycle: creation, or the last reopen.
    sla_start = DateTimeField()
    #: JSON {"respond": [seconds, basis], "resolve": [seconds, basis]}: the limits in force.
    limits = TextField()
    respond_by = DateTimeField()
    resolve_by = DateTimeField()
    responded_time = DateTimeField(null=True)
    resolved_time = DateTimeField(null=True)
    close_time = DateTimeField(null=True)
    #: JSON list of [start, end-or-null] ISO instants, every hold ever.
    pauses = TextField(default="[]")
    hold_reason = CharField(max_length=400, default="")
    reopen_count = IntegerField(default=0)
    escalation_level = IntegerField(default=0)
    #: The overdue sweep already reported the response / completion deadline of this cycle.
    respond_overdue = BooleanField(default=False)
    resolve_overdue = BooleanField(default=False)
    compensation_involved = BooleanField(default=False)
    against_project_head = BooleanField(default=False)
    major = BooleanField(default=False)
    #: JSON {"cause", "action_taken", "prevention"} or "".
    corrective_action = TextField(default="")
    special_callback_by = DateTimeField(null=True)
    callback_count = IntegerField(default=0)
    history_count = IntegerField(default=0)
    version = IntegerField(default=1)
    create_time = DateTimeField()
    update_time = DateTimeField()

    class Meta:
        indexes = (
            (("community", "create_time"), False),
            (("first_receiver_id", "state"), False),
            (("state", "resolve_by"), False),
        )


class TicketHistory(BaseModel):
    #: ``<ticket id>.h<n>``, n from 1: sorts in order within a ticket.
    id = CharField(primary_key=True, max_length=40)
    ticket = ForeignKeyField(Ticket, on_delete="CASCADE")
    action = CharField(max_length=32)
    from_state = CharField(max_length=32, default="")
    to_state = CharField(max_length=32)
    actor_id = CharField(max_length=32, default="")
    reason = CharField(max_length=400, default="")
    note = TextField(default="")
    department = CharField(max_length=32, default="")
    assignee_id = CharField(max_length=32, default="")
    escalation_level = IntegerField(default=0)
    event_time = DateTimeField()


class TicketCallback(BaseModel):
    id = CharField(primary_key=True, max_length=32)
    ticket = ForeignKeyField(Ticket, on_delete="CASCADE")
    community = ForeignKeyField(Community, on_delete="RESTRICT")
    kind = CharField(max_length=16)
    department = CharField(max_length=32)
    due_time = DateTimeField(null=True)
    done_time = DateTimeField(null=True)
    satisfied = BooleanField(null=True)
    score = IntegerField(default=0)
    comment = TextField(default="")
    actor_id = CharField(max_length=32, default="")
    #: Monday of the sampled week, for quality callbacks.
    sample_week = DateField(null=True)
    create_time = DateTimeField()

    class Meta:
        indexes = ((("community", "kind", "sample_week"), False),)


class DailyClosure(BaseModel):
    """The stored daily closure (信息一日清) of a community and local date."""

    id = AutoField()
    community = ForeignKeyField(Community, on_delete="RESTRICT")
    day = DateField()
    as_of = DateTimeField()
    #: JSON of svcq.domain.tickets.closure.DailyClosureReport.
    report = TextField()
    create_time = DateTimeField()

    class Meta:
        indexes = ((("community", "day"), True),)


class TicketCategoryTree(BaseModel):
    """A community's own category tree; communities without one use the configured default."""

    community = ForeignKeyField(Community, primary_key=True, on_delete="RESTRICT")
    #: JSON list of category paths.
    categories = TextField()
    version = IntegerField(default=1)
    update_time = DateTimeField()


#: The tables of tickets (their events are in svcq.storage.events.Event).
TICKET_MODELS = [Ticket, TicketHistory, TicketCallback, DailyClosure, TicketCategoryTree]


# -- hot-path statements ---------------------------------------------------------


def _whole_row(arity: int, build: Callable[[list[Value]], Any]) -> Prepared:
    """A :class:`Prepared` statement of ``arity`` arguments that reach the driver unconverted.

    Unconverted, integer and boolean columns can be arguments too, which a
    whole-row write needs; callers convert with :func:`column_values`, as
    peewee would have.
    """
    def compile_(*marks: str) -> Any:
        return build([Value(mark, converter=False) for mark in marks])

    compile_.__signature__ = Signature(  # type: ignore[attr-defined]
        [Parameter(f"v{i}", Parameter.POSITIONAL_ONLY) for i in range(arity)])
    return Prepared(compile_)


def column_values(row: Model, fields: Sequence[Field]) -> list[Any]:
    """The row's values of ``fields`` as the driver takes them (unset ones as NULL)."""
    data = row.__data__
    return [field.db_value(data.get(field.name)) for field in fields]


TICKET_FIELDS: tuple[Field, ...] = tuple(Ticket._meta.sorted_fields)
HISTORY_FIELDS: tuple[Field, ...] = tuple(TicketHistory._meta.sorted_fields)
CALLBACK_FIELDS: tuple[Field, ...] = tuple(TicketCallback._meta.sorted_fields)

ticket_by_id = Prepared(lambda ident: Ticket.select().where(Ticket.id == ident).limit(1))
#: PostgreSQL only: SQLite has no FOR UPDATE (its writers hold the database lock).
ticket_by_id_locked = Prepared(
    lambda ident: Ticket.select().where(Ticket.id == ident).limit(1).for_update())
#: Arguments: :func:`column_values` of :data:`TICKET_FIELDS`.
insert_ticket = _whole_row(len(TICKET_FIELDS), lambda v: Ticket.insert(
    dict(zip(TICKET_FIELDS, v, strict=True))))
#: Arguments: :func:`column_values` of :data:`TICKET_FIELDS` (the id first), then the
#: version the row must still have.
update_ticket = _whole_row(len(TICKET_FIELDS) + 1, lambda v: Ticket.update(
    dict(zip(TICKET_FIELDS[1:], v[1:-1], strict=True)))
    .where((Ticket.id == v[0]) & (Ticket.version == v[-1])))
insert_history = _whole_row(len(HISTORY_FIELDS), lambda v: TicketHistory.insert(
    dict(zip(HISTORY_FIELDS, v, strict=True))))
insert_callback = _whole_row(len(CALLBACK_FIELDS), lambda v: TicketCallback.insert(
    dict(zip(CALLBACK_FIELDS, v, strict=True))))
category_tree_of = Prepared(lambda community: TicketCategoryTree.select().where(
    TicketCategoryTree.community == community).limit(1))
