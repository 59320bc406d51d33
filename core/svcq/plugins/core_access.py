"""``ctx.core``: what a plugin may ask of the core, always inside its hook's community.

Plugins never import the API layer or the domain services; they read
owners, staff, tickets and the figures and open work (proactive tickets,
inspections) through this small facade, so the core can change underneath
without breaking them. Every call is confined to ``ctx.community_id``: a plugin
enabled in one community cannot reach into another.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from svcq.errors import FieldViolation, InvalidArgument, NotFound
from svcq.plugin import EvaluationFigures
from svcq.storage.db import write_transaction

if TYPE_CHECKING:
    from svcq.server import App


def _scoped(community_id: str, filter_text: str) -> str:
    term = f'community_id = "{community_id}"'
    return f"{term} AND {filter_text}" if filter_text.strip() else term


def _pages(fetch: Callable[[str], tuple[list[Any], str]]) -> Iterator[Any]:
    token = ""
    while True:
        items, token = fetch(token)
        yield from items
        if not token:
            return


@contextmanager
def _within_the_calendar() -> Iterator[None]:
    """A period near year 1 or 9999 overflows datetime (a day after it, the equally long
    period before it for trends): the plugin's caller asked for a bad period, not a crash."""
    try:
        yield
    except OverflowError:
        why = "the period, and one as long before it, must lie within years 1-9999"
        raise InvalidArgument([FieldViolation("start_date", why),
                               FieldViolation("end_date", why)]) from None


class CoreAccess:
    """The implementation behind :class:`svcq.plugin.Core` for one community."""

    def __init__(self, app: App, community_id: str) -> None:
        self._app = app
        self.community_id = community_id

    def _own(self, record: Any, kind: str, ident: str) -> Any:
        if record.community_id != self.community_id:
            raise NotFound(kind, ident)  # outside the plugin's community: as if absent
        return record

    # -- reads ---------------------------------------------------------------
    def owner(self, owner_id: str) -> Any:
        return self._own(self._app.owners.get(owner_id), "owner", owner_id)

    def owners(self, filter_text: str = "") -> Iterator[Any]:
        scoped = _scoped(self.community_id, filter_text)
        return _pages(lambda token: self._app.owners.list(500, token, scoped, False))

    def buildings(self) -> Iterator[Any]:
        scoped = _scoped(self.community_id, "")
        return _pages(lambda token: self._app.directory.list_buildings(500, token, scoped))

    def staff(self, filter_text: str = "") -> Iterator[Any]:
        scoped = _scoped(self.community_id, filter_text)
        return _pages(lambda token: self._app.directory.list_staff(500, token, scoped))

    def building(self, building_id: str) -> Any:
        """A building of this community (``id``, ``display_name``)."""
        return self._own(self._app.directory.get_building(building_id), "building", building_id)

    def unit(self, unit_id: str) -> Any:
        """A unit of this community; ``building_id`` says where it is (zones, liaisons)."""
        return self._own(self._app.directory.get_unit(unit_id), "unit", unit_id)

    def ticket(self, ticket_id: str) -> Any:
        return self._own(self._app.tickets.get(ticket_id), "ticket", ticket_id)

    def tickets(self, filter_text: str = "") -> Iterator[Any]:
        scoped = _scoped(self.community_id, filter_text)
        return _pages(lambda token: self._app.tickets.list(500, token, scoped))

    # -- figures -------------------------------------------------------------
    def ticket_figures(self, start: date, end: date, *, department: str = "",
                       kind: str = "") -> Any:
        """Figures of this community's tickets received from ``start`` to ``end`` (local
        dates, inclusive), of one department or kind if named: TicketService's, as
        GetTicketFigures answers them, so a practice never recounts tickets its own way."""
        with _within_the_calendar():
            figures, _ = self._app.tickets.figures(self.community_id, "", start, end,
                                                   department=department, kind=kind)
        return figures

    def evaluation_figures(self, start: date, end: date) -> EvaluationFigures:
        """Survey and defect figures of this community for ``start`` to ``end`` (local dates,
        inclusive): the evaluation service's, as GetSurveyFigures and GetDefectFigures
        answer them."""
        service = self._app.evaluations.figures
        scope = service.scope(self.community_id, "", start, end, path="")
        with _within_the_calendar():
            surveys, defects = service.surveys(scope), service.defects(scope)
        satisfaction = {g.name: g.actual for g in surveys.targets}
        return EvaluationFigures(
            start=start, end=end,
            owner_satisfaction=satisfaction.get("OWNER_SATISFACTION"),
            third_party_satisfaction=satisfaction.get("THIRD_PARTY_SATISFACTION"),
            survey_distribution_rate=surveys.figures.distribution_rate,
            survey_return_rate=surveys.figures.return_rate,
            defects_raised=defects.raised, defects_overdue=defects.overdue,
            rectification_rate=defects.rectification)

    # -- the community's calendar --------------------------------------------
    def today(self) -> date:
        """The community's local date now: due dates and daily figures count in it."""
        return self.local_time(self._app.ctx.clock.now()).date()

    def local_time(self, instant: datetime) -> datetime:
        """``instant`` (aware, or naive UTC as stored) on the community's wall clock."""
        zone = self._app.tickets.calendar(self.community_id).zone
        return (instant if instant.tzinfo else instant.replace(tzinfo=UTC)).astimezone(zone)

    def is_working_day(self, day: date) -> bool:
        """Whether ``day`` is a working day here (Chinese holidays, make-up days, extras)."""
        return self._app.tickets.calendar(self.community_id).is_working_day(day)

    # -- work ----------------------------------------------------------------
    def create_proactive_ticket(self, *, staff_id: str, description: str, **fields: Any) -> Any:
        """Open a proactive ticket (a visit, a load check, a greeting) in this community.

        ``fields`` are those of TicketService.create_proactive: category,
        owner_id, unit_id, public_area, department, assignee_staff_id,
        priority, channel.
        """
        return self._app.tickets.create_proactive(self.community_id, staff_id, description,
                                                  **fields)

    def record_inspection(self, data: Any) -> Any:
        """Record an inspection (an ``svcq.domain.evaluations.service.InspectionInput``, or
        any object with its ``draft`` and ``template_id``; see :meth:`inspection_input`)."""
        if data.draft.community_id != self.community_id:
            raise NotFound("community", data.draft.community_id)
        return self._app.evaluations.record_inspection(data)

    def inspection_input(self, *, template_id: str = "", **draft: Any) -> Any:
        """Build what :meth:`record_inspection` takes from plain values, in this community.

        ``draft`` holds the fields of ``InspectionDraft`` (kind, inspected_at,
        inspector_id, level, discipline, post, countersigned_by, findings);
        enum fields are given by their bare names ("DAILY", "SUPERVISOR"), so
        a plugin needs no domain import.
        """
        from svcq.domain.evaluations.inspections import InspectionDraft
        from svcq.domain.evaluations.kinds import DailyLevel, Discipline, InspectionKind
        from svcq.domain.evaluations.service import InspectionInput

        enums = {"kind": InspectionKind, "level": DailyLevel, "discipline": Discipline}
        values = {k: enums[k](v) if k in enums and v is not None else v
                  for k, v in draft.items()}
        return InspectionInput(InspectionDraft(community_id=self.community_id, **values),
                               template_id)

    def transaction(self) -> AbstractContextManager[None]:
        """A write transaction for the plugin's own tables (nested: a savepoint)."""
        return write_transaction()
