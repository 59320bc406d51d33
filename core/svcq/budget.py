"""The time a caller gave its RPC, so work nobody waits for any more stops.

grpc tells a handler how long its caller will wait, but does not stop the
handler when that time is up: without a check, a create whose caller gave up
(and will retry) still commits, and a month's figures are still computed for
no one. The interceptor opens a budget per RPC from the call's deadline;
:func:`check_budget` refuses to go on once it is spent. Outside an RPC (jobs,
reactions, the CLI) there is no budget and the checks never fire.

The outermost write transaction checks just before it commits
(:func:`svcq.storage.db.write_transaction`), so a write whose caller has
already given up is rolled back, not committed; long reads check between
batches.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from svcq.errors import DeadlineExceeded

#: ``time.monotonic()`` value after which the current RPC's caller no longer waits.
_deadline: ContextVar[float | None] = ContextVar("svcq_call_deadline", default=None)


@contextmanager
def call_budget(seconds: float | None) -> Iterator[None]:
    """Run the body with ``seconds`` left (None: the caller set no deadline)."""
    token = _deadline.set(None if seconds is None else time.monotonic() + seconds)
    try:
        yield
    finally:
        _deadline.reset(token)


def check_budget(doing: str) -> None:
    """DEADLINE_EXCEEDED if the current RPC's caller has stopped waiting."""
    deadline = _deadline.get()
    if deadline is not None and time.monotonic() >= deadline:
        raise DeadlineExceeded(f"the call's deadline passed before {doing}; nothing was written",
                               reason="CALL_DEADLINE_PASSED", metadata={"stage": doing})
