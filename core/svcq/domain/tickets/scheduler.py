"""The server's background ticket work: the overdue sweep, daily closures, the weekly sample.

A thread, not a plugin job: this is core work every community gets. Each
pass takes its own connection and catches everything, so one bad pass is
logged and the next one runs. Everything it calls is also a plain method of
:class:`~svcq.domain.tickets.service.TicketService`, which is how tests drive
it with a fake clock.
"""

from __future__ import annotations

import threading

import structlog

from svcq.domain.tickets.service import TicketService
from svcq.storage.db import database

log = structlog.get_logger("svcq.tickets")


class TicketScheduler:
    def __init__(self, service: TicketService) -> None:
        self.service = service
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="ticket-jobs", daemon=True)

    @property
    def interval(self) -> float:
        return self.service.settings.schedule.interval.total_seconds()

    def start(self) -> None:
        """Start the thread; a zero interval (``tickets.schedule.interval``) turns it off."""
        if self.interval > 0:
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    def run_once(self) -> None:
        with database.connection_context():
            swept = self.service.sweep()
            self.service.run_due_jobs()
        if swept.overdue or swept.escalated:
            log.info("tickets_swept", overdue=len(swept.overdue), escalated=len(swept.escalated))

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.run_once()
            except Exception:
                log.exception("ticket_jobs_failed")
