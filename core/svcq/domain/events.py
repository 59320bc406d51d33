"""Following the outbox: resume tokens, filters and the polling loop of every WatchEvents.

Changes write their events with :func:`svcq.storage.events.write_events`
in their own transaction. A watcher reads them back in ``seq`` order, a
batch per poll, each poll on a connection borrowed only while it reads
(a watch may last for hours), and sleeps between polls that found nothing.
A resume token is a ``seq``: the watcher resumes right after the event it
last received, so after a disconnect it sees every later event once and in
order (on PostgreSQL writers take a lock that makes ``seq`` order commit
order; see :class:`svcq.storage.events.Event`).

An :class:`EventFeed` is the part of the outbox one service streams: the
event types it publishes, narrowed to the caller's scope.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol, TypeVar

from svcq.domain.common import ServiceContext
from svcq.domain.filtering import EQ, Term, parse_filter
from svcq.errors import InvalidArgument
from svcq.storage.db import database
from svcq.storage.events import Event

T = TypeVar("T")

#: Terms a WatchEvents filter may use.
EVENT_FILTERS = {"community_id": EQ, "type": EQ}


class FollowSettings(Protocol):
    """How a feed polls: each service configures it in its own section
    (svcq.domain.tickets.settings.EventSettings, ``[tickets.events]`` and
    ``[evaluations.events]``)."""

    #: Seconds between polls when the watcher has seen everything.
    @property
    def poll_seconds(self) -> float: ...

    #: Events read per poll.
    @property
    def batch_size(self) -> int: ...


@dataclass(frozen=True)
class StoredEvent:
    """An event as read back from the outbox; ``payload`` is what its writer stored."""

    seq: int
    type: str
    resource_type: str
    resource_id: str
    community_id: str
    event_time: datetime
    payload: Mapping[str, Any]


#: The largest ``seq`` SQLite can compare (a 64-bit integer); no server issues one larger.
MAX_SEQ = 2**63 - 1


def resume_token(seq: int) -> str:
    return f"ev{seq}"


def parse_resume_token(token: str) -> int:
    """The ``seq`` of a token :func:`resume_token` made.

    Only ASCII digits, and no more than :data:`MAX_SEQ`: ``str.isdigit``
    alone takes "²" (which ``int`` refuses) and numbers past what SQLite
    can bind, which would fail as INTERNAL instead of INVALID_RESUME_TOKEN.
    """
    digits = token[2:]
    # the length first: int() itself refuses thousands of digits
    if (token.startswith("ev") and digits.isascii() and digits.isdigit()
            and len(digits) <= len(str(MAX_SEQ)) and int(digits) <= MAX_SEQ):
        return int(digits)
    raise InvalidArgument.one("resume_token", "not a token this server issued",
                              reason="INVALID_RESUME_TOKEN")


class EventFeed:
    """The events of ``types`` (``<resource_type>.<what happened>``), as a service streams them.

    A filter naming a type outside ``types`` is refused rather than left to
    stream nothing forever: such a filter is a caller's typo.
    """

    def __init__(self, ctx: ServiceContext, types: Iterable[str], settings: FollowSettings
                 ) -> None:
        self.ctx = ctx
        self.types = frozenset(types)
        self.resource_types = sorted({t.partition(".")[0] for t in self.types})
        self.settings = settings

    def _terms(self, filter_text: str) -> list[Term]:
        terms = parse_filter(filter_text, EVENT_FILTERS)
        for t in terms:
            if t.field == "type" and t.value not in self.types:
                raise InvalidArgument.one(
                    "filter", f"type is one of {', '.join(sorted(self.types))}",
                    reason="INVALID_FILTER")
        return terms

    def latest(self) -> int:
        """The newest event of the whole outbox: where a watch "from now" starts."""
        last = Event.select(Event.seq).order_by(Event.seq.desc()).first()
        return last.seq if last is not None else 0

    def after(self, seq: int, terms: Iterable[Term] = (), limit: int | None = None
              ) -> list[StoredEvent]:
        """The next events after ``seq`` the caller may see, oldest first."""
        query = self.ctx.scoped(Event.select(), Event.community_id).where(
            (Event.seq > seq) & Event.resource_type.in_(self.resource_types))
        for t in terms:
            column = Event.community_id if t.field == "community_id" else Event.type
            query = query.where(column == t.value)
        rows = query.order_by(Event.seq).limit(limit or self.settings.batch_size)
        return [StoredEvent(seq=r.seq, type=r.type, resource_type=r.resource_type,
                            resource_id=r.resource_id, community_id=r.community_id,
                            event_time=r.event_time.replace(tzinfo=UTC),
                            payload=json.loads(r.payload)) for r in rows]

    def follow(self, token: str, filter_text: str, is_active: Callable[[], bool],
               wait: Callable[[float], object], read: Callable[[StoredEvent], T]
               ) -> Iterator[T]:
        """Events after ``token`` (from now when empty), polling until ``is_active`` says stop.

        ``read`` makes each event the service's record while the poll still
        has its connection, so it may query (a ticket on hold reads its
        community's calendar); none is held while the caller takes events.
        """
        terms = self._terms(filter_text)
        with database.connection_context():
            seq = parse_resume_token(token) if token else self.latest()
        while is_active():
            with database.connection_context():
                batch = [(event.seq, read(event)) for event in self.after(seq, terms)]
            for event_seq, record in batch:
                if not is_active():
                    return
                seq = event_seq
                yield record
            if not batch:
                wait(self.settings.poll_seconds)
