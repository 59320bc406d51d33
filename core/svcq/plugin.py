"""The small, stable API a svcq plugin is written against.

A plugin imports only this module (and :mod:`svcq.hookspecs` for reference):
the two markers, the typed records it hands to ``register`` callbacks, the
records decision hooks return, and :class:`HookContext`. Everything here is a
frozen value so the host can keep what a plugin registered without fearing
that the plugin mutates it later.

The ``*View`` protocols describe the domain objects hooks receive. They name
only the attributes a plugin may rely on, so the domain dataclasses can grow
without breaking plugins, and the contract can tighten in one place.
"""

from __future__ import annotations

import argparse
import enum
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import date, datetime
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, get_args, get_origin

import pluggy

from svcq.storage.db import BaseModel

if TYPE_CHECKING:
    from svcq.clock import Clock

#: Project name shared by both markers and the plugin manager.
PROJECT_NAME = "svcq"
#: Entry-point group third-party and built-in plugins are discovered from.
ENTRY_POINT_GROUP = "svcq.plugins"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


# ---------------------------------------------------------------------------
# Views of domain objects: what hooks may read (the core passes richer records)
# ---------------------------------------------------------------------------


class OwnerView(Protocol):
    id: str
    community_id: str
    #: Full name; personal data: never log it.
    display_name: str
    #: The owner card as stored: other_names, phones, plates, units (unit_id, role,
    #: move_in_date, transfer_date), tags, notes, care_flags, appliances,
    #: personal_needs and identity, as plain JSON values (see docs/api.md).
    profile: dict[str, Any]
    #: Data other enabled plugins attach, by plugin name (read-only).
    plugin_data: dict[str, dict[str, Any]]
    archived: bool


class TicketView(Protocol):
    id: str
    community_id: str
    kind: str
    #: Channel name: FRONT_DESK (the customer came in person), PHONE_HOTLINE, APP, ...
    channel: str
    category: str
    priority: str
    emergency: bool
    owner_id: str | None
    #: The unit (household) it concerns; empty for public areas.
    unit_id: str
    state: str
    #: When it was closed (naive UTC, as stored); None while open.
    close_time: datetime | None


class InspectionView(Protocol):
    id: str
    community_id: str
    #: InspectionKind name: DAILY, PATROL, NIGHT, MONTHLY, QUARTERLY or ANNUAL.
    kind: str
    inspector_id: str
    #: When it took place (aware, UTC).
    inspected_at: datetime
    #: Overall score as a percentage (two decimals); None when nothing was scored.
    percent: float | None
    #: Ids of the defects opened for its recorded findings.
    defect_ids: tuple[str, ...]


class DefectView(Protocol):
    id: str
    community_id: str
    inspection_id: str
    #: Discipline name, e.g. SECURITY.
    discipline: str
    responsible_staff_id: str
    #: DefectState name: OPEN, RECTIFIED, VERIFIED, REOPENED or ESCALATED.
    state: str


class SurveyView(Protocol):
    id: str
    community_id: str
    #: First day of the survey month.
    period: date
    #: SurveyCampaignState name: DRAFT, OPEN or CLOSED.
    state: str
    #: Unit ids of the households in the community (the sampling frame).
    household_ids: tuple[str, ...]
    #: Unit ids drawn; empty before the draw.
    sampled_unit_ids: tuple[str, ...]


class TicketFigures(Protocol):
    """Ticket figures of one community and period (``ctx.core.ticket_figures``).

    The counts and rates GetTicketFigures answers (docs/tickets.md): every
    rate is a count over a count, both kept; a rate over nothing is 0.
    """

    #: Tickets received in the period, cancelled ones included.
    ticket_count: int
    #: Of those, not cancelled: the denominator of same-day closure and reopen rate.
    counted: int
    response_decided: int
    response_met: int
    resolution_decided: int
    resolution_met: int
    closed_same_day: int
    reopened: int
    resolved: int
    called_back: int
    callback_count: int
    satisfied_count: int

    @property
    def response_met_rate(self) -> float: ...
    @property
    def resolution_met_rate(self) -> float: ...
    @property
    def same_day_closure_rate(self) -> float: ...
    @property
    def reopen_rate(self) -> float: ...
    @property
    def callback_coverage(self) -> float: ...
    @property
    def callback_satisfaction(self) -> float: ...
    @property
    def average_callback_score(self) -> float: ...


@dataclass(frozen=True)
class EvaluationFigures:
    """Evaluation figures of one community and period (``ctx.core.evaluation_figures``).

    The numbers GetSurveyFigures and GetDefectFigures answer for the same
    community and period (docs/evaluations.md), as exact fractions; a rate is
    None when the period has nothing to judge (no survey answer, no defect
    raised), never 0 or 100 %.
    """

    #: First and last local day of the period, inclusive.
    start: date
    end: date
    #: Satisfaction rate of the ordinary survey campaigns whose month lies in the period.
    owner_satisfaction: Fraction | None
    #: Satisfaction rate of the campaigns flagged third-party-style.
    third_party_satisfaction: Fraction | None
    #: Households sampled / households, over every campaign of the period.
    survey_distribution_rate: Fraction | None
    #: Responses / questionnaires distributed, over every campaign of the period.
    survey_return_rate: Fraction | None
    #: Defects raised in the period.
    defects_raised: int
    #: Of those, past their due date and not rectified.
    defects_overdue: int
    #: Of those, verified as rectified.
    rectification_rate: Fraction | None


@dataclass(frozen=True)
class SampleConstraint:
    """A plugin's adjustment of a survey draw (svcq_survey_sample_constraints).

    ``require`` households are always asked (they take the first places of
    their building's quota); ``exclude`` households are never asked (e.g.
    vacant units); ``min_rate`` raises the sampling rate. Exclusion wins over
    requirement. ``reason`` is shown on the campaign, so keep it free of
    personal data.
    """

    require: frozenset[str] = frozenset()
    exclude: frozenset[str] = frozenset()
    min_rate: float | None = None
    reason: str = ""


# ---------------------------------------------------------------------------
# Records a plugin registers
# ---------------------------------------------------------------------------

#: The value types a setting may declare; they are what TOML can express.
SETTING_TYPES: tuple[Any, ...] = (str, int, float, bool, list[str], dict)

_KEY = re.compile(r"^[a-z][a-z0-9_]*$")


def type_name(setting_type: Any) -> str:
    return str(setting_type) if get_origin(setting_type) else setting_type.__name__


def conforms(value: object, setting_type: Any) -> bool:
    """Whether a TOML value fits a declared setting type.

    ``bool`` is not accepted as ``int`` (Python says it is one; an admin
    writing ``true`` for a count made a mistake) and an ``int`` is accepted as
    ``float`` because TOML writes ``3`` and ``3.0`` differently.
    """
    if get_origin(setting_type) is list:
        (item_type,) = get_args(setting_type)
        return isinstance(value, list) and all(isinstance(v, item_type) for v in value)
    if setting_type is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if setting_type is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, setting_type)


@dataclass(frozen=True)
class Setting:
    """One key a plugin reads from its ``[plugins.<name>]`` section.

    Declaring it lets the host reject typos and wrong types when the config
    is loaded, instead of the plugin failing on the first ticket.
    """

    key: str
    type: Any
    default: Any
    description: str

    def __post_init__(self) -> None:
        if not _KEY.match(self.key):
            raise ValueError(f"setting key {self.key!r} must be lower_snake_case")
        if self.type not in SETTING_TYPES:
            allowed = ", ".join(type_name(t) for t in SETTING_TYPES)
            raise ValueError(f"setting {self.key!r}: type must be one of {allowed}")
        if not conforms(self.default, self.type):
            raise ValueError(
                f"setting {self.key!r}: default {self.default!r} is not {type_name(self.type)}"
            )


@dataclass(frozen=True)
class Migration:
    """A plugin's own numbered migration scripts and its own history table.

    A separate history table lets a plugin be installed, upgraded or removed
    without touching the core's migration record.
    """

    directory: Path
    history_table: str


class PluginHandle(Protocol):
    """What a plugin's gRPC servicer holds on to: its view of the running host.

    Services answer per community, so the servicer asks for the community's
    context on each call; the settings it gets are current after a reload.
    """

    name: str

    def runs_in(self, community_id: str) -> bool:
        """Whether the plugin is enabled (and not losing a conflict) there."""
        ...

    def context(self, community_id: str) -> HookContext:
        """This plugin's context in the community; FailedPrecondition
        (``PLUGIN_NOT_ENABLED``) where it does not run."""
        ...


@dataclass(frozen=True)
class GrpcService:
    """A gRPC service a plugin serves next to the core, under its own package.

    ``servicer_factory`` is called once at server start with the plugin's
    :class:`PluginHandle`; ``add_to_server`` is the generated
    ``add_XServicer_to_server``. ``service_names`` are the full names
    (``svcq.fivestep.v1.StarService``) registered with health and reflection.
    """

    servicer_factory: Callable[[PluginHandle], object]
    add_to_server: Callable[[object, Any], None]
    service_names: tuple[str, ...]


@dataclass(frozen=True)
class CliCommand:
    """A subcommand of ``svcq`` (``svcq <name> ...``), run without a server.

    ``configure`` adds arguments to the subcommand's parser; ``run`` returns
    the exit status (None means 0). Names of core commands are refused.
    """

    name: str
    help: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int | None]


class Period(enum.StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    YEARLY = "yearly"


@dataclass(frozen=True)
class PeriodicJob:
    """Work run once per community per period, where the plugin is enabled.

    ``function`` receives the :class:`HookContext` of that community; the host
    records each (job, community, period) it ran so a restart does not repeat
    it.
    """

    name: str
    period: Period
    function: Callable[[HookContext], None]


@dataclass(frozen=True)
class Conflict:
    """This plugin's practice contradicts ``plugin``'s (``about`` says how).

    The host refuses a config that enables both in one community unless the
    config names a winner there.
    """

    plugin: str
    about: str


# ---------------------------------------------------------------------------
# What decision hooks return
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Routing:
    department: str
    assignee_id: str | None = None
    reason: str = ""


@dataclass(frozen=True)
class Deadlines:
    respond_by: datetime
    complete_by: datetime


@dataclass(frozen=True)
class Veto:
    """Refuse an action; ``reason`` is shown to the caller, so keep it free of
    personal data."""

    reason: str


# ---------------------------------------------------------------------------
# The context every per-community hook receives
# ---------------------------------------------------------------------------


#: Base class of a plugin's own tables, bound to the server's database.
Model = BaseModel


class Core(Protocol):
    """What a plugin may ask of the core through ``ctx.core``, inside ``ctx.community_id``.

    Reads are iterators over every match (the host pages for you); filters
    use the List grammar of docs/api.md. Anything outside the community
    answers NOT_FOUND, as if it did not exist.
    """

    community_id: str

    def owner(self, owner_id: str) -> OwnerView: ...
    def owners(self, filter_text: str = "") -> Iterator[OwnerView]: ...
    def buildings(self) -> Iterator[Any]: ...
    def staff(self, filter_text: str = "") -> Iterator[Any]: ...
    def building(self, building_id: str) -> Any: ...
    def unit(self, unit_id: str) -> Any: ...
    def ticket(self, ticket_id: str) -> TicketView: ...
    def tickets(self, filter_text: str = "") -> Iterator[TicketView]: ...
    def ticket_figures(self, start: date, end: date, *, department: str = "",
                       kind: str = "") -> TicketFigures: ...
    def evaluation_figures(self, start: date, end: date) -> EvaluationFigures: ...
    def today(self) -> date: ...
    def local_time(self, instant: datetime) -> datetime: ...
    def is_working_day(self, day: date) -> bool: ...
    def create_proactive_ticket(self, *, staff_id: str, description: str,
                                **fields: Any) -> TicketView: ...
    def record_inspection(self, data: Any) -> Any: ...
    def inspection_input(self, *, template_id: str = "", **draft: Any) -> Any: ...
    def transaction(self) -> AbstractContextManager[None]: ...


@dataclass(frozen=True)
class HookContext:
    """Where and when a hook runs, as seen by one plugin.

    Built by the host for each plugin on each call: ``settings`` holds only
    this plugin's effective settings for the community (declared defaults,
    then ``[plugins.<name>]``, then the region's and the community's
    overrides), read-only, so one plugin never sees another's section.
    """

    plugin: str
    community_id: str
    region_id: str | None
    clock: Clock
    settings: Mapping[str, Any]
    #: A structlog logger already bound with ``plugin`` and ``community_id``.
    log: Any = field(repr=False)
    #: The core, confined to this community (:class:`Core`); None in unit tests
    #: that run hooks without a server.
    core: Core | None = field(default=None, repr=False, compare=False)

    def now(self) -> datetime:
        return self.clock.now()
