"""The generic outbox: migration 0006 keeps every ticket event's seq, so old resume tokens
stay valid, and new events continue the sequence on both backends; the one token format."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from svcq.domain.common import ServiceContext
from svcq.domain.events import MAX_SEQ, EventFeed, parse_resume_token, resume_token
from svcq.domain.paging import PageTokens
from svcq.domain.tickets.service import TICKET_EVENT_TYPES
from svcq.domain.tickets.settings import EventSettings
from svcq.errors import InvalidArgument
from svcq.storage.db import write_transaction
from svcq.storage.events import Event, NewEvent, write_events
from svcq.storage.migrate import CORE_MIGRATIONS, drift, migrate
from svcq.storage.models import CORE_MODELS
from svcq.testing import bound_database
from tests.conftest import fresh_database

#: seq, type, ticket, community: gaps as a PostgreSQL sequence leaves after rollbacks.
OLD = [(3, "ticket.created", "tk_a", "cm_1"), (4, "ticket.transitioned", "tk_a", "cm_1"),
       (9, "ticket.created", "tk_b", "cm_2")]


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_db(request, tmp_path_factory):
    url, pg = fresh_database(request.param, tmp_path_factory)
    try:
        with bound_database(url) as db:
            yield db
    finally:
        if pg is not None:
            pg.drop()


def test_ticket_events_move_to_the_outbox_with_their_seq(empty_db, tmp_path: Path):
    before = tmp_path / "migrations"
    before.mkdir()
    for script in sorted(CORE_MIGRATIONS.glob("[0-9]*.py")):
        if script.stem < "0006":
            shutil.copy(script, before / script.name)
    migrate(empty_db, before)
    with empty_db.connection_context():
        for seq, kind, ticket, community in OLD:
            empty_db.execute_sql(
                "INSERT INTO ticket_event (seq, type, ticket_id, community_id, event_time, "
                f"payload) VALUES ({seq}, '{kind}', '{ticket}', '{community}', "
                f"'2026-06-0{seq % 9 + 1} 08:00:00', '{{\"n\": {seq}}}')")

    assert migrate(empty_db) == ["0006_event_outbox"]
    assert drift(empty_db, CORE_MODELS) == ""
    with empty_db.connection_context():
        assert "ticket_event" not in empty_db.get_tables()
        moved = [(e.seq, e.type, e.resource_type, e.resource_id, e.community_id, e.payload)
                 for e in Event.select().order_by(Event.seq)]
        assert moved == [(seq, kind, "ticket", ticket, community, f'{{"n": {seq}}}')
                         for seq, kind, ticket, community in OLD]
        # TicketService's feed reads them as before: a token "ev4" resumes before tk_b's event.
        tickets = EventFeed(ServiceContext(page_tokens=PageTokens(b"secret")),
                            TICKET_EVENT_TYPES, EventSettings())
        assert [(e.seq, e.resource_id) for e in tickets.after(parse_resume_token("ev4"))
                ] == [(9, "tk_b")]
        with write_transaction():
            write_events([NewEvent("defect.opened", "defect", "df_x", "cm_1",
                                   Event.select().first().event_time, "{}")])
        newest = Event.select().order_by(Event.seq.desc()).first()
        assert (newest.seq, newest.type) == (10, "defect.opened")  # after the moved rows
        # and the ticket feed does not see other resources' events
        assert [e.seq for e in tickets.after(0)] == [3, 4, 9]


def test_a_token_is_the_seq_it_resumes_after():
    """Clients keep tokens across upgrades: the format is part of the API."""
    for seq in (0, 7, 123456, MAX_SEQ):
        assert resume_token(seq) == f"ev{seq}"
        assert parse_resume_token(resume_token(seq)) == seq


@pytest.mark.parametrize("token", [
    "ev", "7", "EV7", "ev-1", "ev+1", "ev 1", " ev1", "ev1.0", "evx",
    "ev²", "ev١",  # digits to str.isdigit, not issued by any server ("²" is not even int())
    f"ev{MAX_SEQ + 1}", "ev" + "9" * 5000,  # past what SQLite binds, past what int() reads
])
def test_a_token_no_server_issues_is_refused(token: str):
    with pytest.raises(InvalidArgument) as caught:
        parse_resume_token(token)
    assert caught.value.reason == "INVALID_RESUME_TOKEN"
    assert [v.field for v in caught.value.violations] == ["resume_token"]
