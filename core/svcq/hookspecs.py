"""Every hook svcq calls: the one contract between the core and its plugins.

Implement a hook by defining a function of the same name decorated with
``@svcq.hookimpl``; it may accept any subset of the parameters below.

Three kinds of hooks, in lifecycle order:

* **Registration** hooks run once when the host starts. They receive a
  ``register`` callback instead of returning lists, so the host attributes
  every record to its plugin and rejects duplicates with a clear error.
* **Decision** hooks run inside the core's transaction. Exactly one answer
  wins (``firstresult``): the first plugin returning non-None decides. A
  plugin that raises fails the request and nothing is written.
* **Reaction** hooks run after commit. Each plugin is called on its own: one
  that raises does not stop the others, and its failure is recorded for retry.

Per-community hooks run only for plugins enabled (and not losing a conflict)
in that community, and each receives its own ``ctx`` with its own settings.
Wrappers (``wrapper=True``) are not supported: each implementation is called
separately so it can receive its own ``ctx``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from svcq.plugin import (
    CliCommand,
    Conflict,
    Deadlines,
    DefectView,
    GrpcService,
    HookContext,
    InspectionView,
    Migration,
    OwnerView,
    PeriodicJob,
    Routing,
    SampleConstraint,
    Setting,
    SurveyView,
    TicketView,
    Veto,
    hookspec,
)

# -------------------------------------------------------------------------
# Registration hooks (once, at start-up; no community, no ctx)
# -------------------------------------------------------------------------


@hookspec
def svcq_register_settings(register: Callable[[Setting], None]) -> None:
    """Declare the settings this plugin reads from ``[plugins.<name>]``.

    Undeclared keys in the config are refused, so declare every key.

    :param register: Call once per :class:`~svcq.plugin.Setting`.
    """


@hookspec
def svcq_register_migrations(register: Callable[[Migration], None]) -> None:
    """Declare this plugin's own migrations directory and history table.

    :param register: Call once per :class:`~svcq.plugin.Migration`; history
        table names must be unique across plugins.
    """


@hookspec
def svcq_register_services(register: Callable[[GrpcService], None]) -> None:
    """Declare gRPC services this plugin serves (under its own proto package).

    :param register: Call once per :class:`~svcq.plugin.GrpcService`; full
        service names must be unique across plugins.
    """


@hookspec
def svcq_register_cli_commands(register: Callable[[CliCommand], None]) -> None:
    """Add subcommands to the ``svcq`` command line (``svcq <name> ...``).

    :param register: Call once per :class:`~svcq.plugin.CliCommand`; command
        names must be unique across plugins.
    """


@hookspec
def svcq_register_jobs(register: Callable[[PeriodicJob], None]) -> None:
    """Declare work to run once per community per period.

    :param register: Call once per :class:`~svcq.plugin.PeriodicJob`; job
        names must be unique within the plugin.
    """


@hookspec
def svcq_declare_conflicts(register: Callable[[Conflict], None]) -> None:
    """Name the plugins whose practice contradicts this one's.

    :param register: Call once per :class:`~svcq.plugin.Conflict`. Declaring
        it on either side is enough.
    """


# -------------------------------------------------------------------------
# Owner hooks
# -------------------------------------------------------------------------


@hookspec
def svcq_owner_plugin_data(owner: OwnerView, ctx: HookContext) -> dict[str, Any] | None:
    """Return data to attach to the Owner resource under this plugin's name.

    A plugin that raises is left out of the answer (and reported); reading an
    owner never fails because of a plugin.

    :param owner: The owner being read.
    :param ctx: This plugin's context in the owner's community.
    """


@hookspec
def svcq_owner_created(owner: OwnerView, ctx: HookContext) -> None:
    """React to a new owner profile, after commit.

    :param owner: The owner just created.
    :param ctx: This plugin's context in the owner's community.
    """


@hookspec
def svcq_owner_moved_in(
    owner: OwnerView, unit_id: str, moved_in_on: date, ctx: HookContext
) -> None:
    """React to an owner moving in or a transfer completing, after commit.

    :param owner: The owner who moved in.
    :param unit_id: The unit moved into.
    :param moved_in_on: Move-in (or transfer) date, local to the community.
    :param ctx: This plugin's context in the owner's community.
    """


# -------------------------------------------------------------------------
# Ticket decision hooks (inside the transaction)
# -------------------------------------------------------------------------


@hookspec(firstresult=True)
def svcq_ticket_route(ticket: TicketView, ctx: HookContext) -> Routing | None:
    """Decide which department (and assignee) a new ticket goes to.

    Stops at the first non-None result; None leaves the core's routing.

    :param ticket: The ticket being created, not yet committed.
    :param ctx: This plugin's context in the ticket's community.
    """


@hookspec(firstresult=True)
def svcq_ticket_deadlines(
    ticket: TicketView, proposed: Deadlines, ctx: HookContext
) -> Deadlines | None:
    """Decide a ticket's response and completion deadlines.

    Stops at the first non-None result; None keeps ``proposed``.

    :param ticket: The ticket being created or re-dispatched.
    :param proposed: The deadlines the core computed from its own settings.
    :param ctx: This plugin's context in the ticket's community.
    """


@hookspec(firstresult=True)
def svcq_ticket_validate(ticket: TicketView, action: str, ctx: HookContext) -> Veto | None:
    """Refuse an action on a ticket by returning a :class:`~svcq.plugin.Veto`.

    Stops at the first non-None result: the first veto fails the request
    with FAILED_PRECONDITION (reason ``PLUGIN_VETO``) and nothing is written.

    :param ticket: The ticket as it would be after the action.
    :param action: The action: ``create``, ``dispatch``, ``resolve``, ...
    :param ctx: This plugin's context in the ticket's community.
    """


# -------------------------------------------------------------------------
# Ticket reaction hooks (after commit)
# -------------------------------------------------------------------------


@hookspec
def svcq_ticket_created(ticket: TicketView, ctx: HookContext) -> None:
    """React to a committed new ticket.

    :param ticket: The ticket as committed.
    :param ctx: This plugin's context in the ticket's community.
    """


@hookspec
def svcq_ticket_transitioned(
    ticket: TicketView, from_state: str, action: str, ctx: HookContext
) -> None:
    """React to a committed state change.

    :param ticket: The ticket as committed (``ticket.state`` is the new state).
    :param from_state: The state before the action.
    :param action: The action that moved it.
    :param ctx: This plugin's context in the ticket's community.
    """


@hookspec
def svcq_ticket_overdue(ticket: TicketView, deadline: str, ctx: HookContext) -> None:
    """React to a ticket passing a deadline (found by the overdue sweep).

    :param ticket: The overdue ticket.
    :param deadline: Which one passed: ``respond`` or ``complete``.
    :param ctx: This plugin's context in the ticket's community.
    """


@hookspec
def svcq_ticket_plugin_data(ticket: TicketView, ctx: HookContext) -> dict[str, Any] | None:
    """Return data to attach to the Ticket resource under this plugin's name.

    :param ticket: The ticket being read.
    :param ctx: This plugin's context in the ticket's community.
    """


# -------------------------------------------------------------------------
# Evaluation hooks
# -------------------------------------------------------------------------


@hookspec
def svcq_inspection_recorded(inspection: InspectionView, ctx: HookContext) -> None:
    """React to a committed inspection (with its item scores).

    :param inspection: The inspection as committed.
    :param ctx: This plugin's context in the inspection's community.
    """


@hookspec
def svcq_defect_transitioned(defect: DefectView, from_state: str, ctx: HookContext) -> None:
    """React to a defect moving through rectification and verification.

    :param defect: The defect as committed (``defect.state`` is the new state).
    :param from_state: The state before.
    :param ctx: This plugin's context in the defect's community.
    """


@hookspec
def svcq_survey_sample_constraints(
    survey: SurveyView, ctx: HookContext
) -> Sequence[SampleConstraint] | None:
    """Add constraints to a survey's household sample (decision, every plugin).

    All enabled plugins are asked and their constraints combined; a plugin
    that raises fails the request, since the sample would be wrong without it.

    :param survey: The survey being issued.
    :param ctx: This plugin's context in the survey's community.
    """


@hookspec
def svcq_survey_closed(survey: SurveyView, ctx: HookContext) -> None:
    """React to a survey closing with its tallied results.

    :param survey: The closed survey.
    :param ctx: This plugin's context in the survey's community.
    """
