"""Who acts: a token bound to a staff member acts as that staff member, and as nobody else.

Many requests name the staff member who does the thing (``actor_staff_id``
of a ticket transition, the first receiver of a new ticket, the inspector
of an inspection). Without a check, anybody holding a staff member's token
could put a colleague's name on their work: the history, the figures and the
five-step scores would believe it. So, for a principal whose token carries a
``staff_id``, the interceptor applies :func:`bind_actor` before the handler
runs: an empty actor field is filled with the token's staff member, another
staff member is PERMISSION_DENIED (``ACTOR_NOT_CALLER``). Tokens without a
staff member (service accounts, admins, integrations) name whoever acts, as
before.

Declared in one table, :data:`ACTORS` (method -> field), rather than checked
in each service: one place to read, and one test
(``tests/security/test_actors.py``) walks every request of every service
(core and installed plugins) from the descriptors and fails for any staff
field that is neither an actor here nor listed in :data:`NOT_ACTORS` with the
reason it names somebody else. A plugin's RPC not in the table has an actor
when its request has a top-level ``actor_staff_id`` (the convention plugin
authors follow; see docs/security.md). Decision 0009 records the design.
"""

from __future__ import annotations

from google.protobuf.message import Message

from svcq.errors import PermissionDenied
from svcq.security.principal import Principal

#: Full gRPC method -> dotted path (from the request) of the field naming who acts.
ACTORS: dict[str, str] = {
    "/svcq.v1.OwnerService/AddPersonalNeed": "recorded_by_staff_id",
    "/svcq.v1.TicketService/CreateTicket": "ticket.first_receiver_staff_id",
    "/svcq.v1.TicketService/UpdateTicket": "actor_staff_id",
    "/svcq.v1.TicketService/DispatchTicket": "actor_staff_id",
    "/svcq.v1.TicketService/StartTicket": "actor_staff_id",
    "/svcq.v1.TicketService/HoldTicket": "actor_staff_id",
    "/svcq.v1.TicketService/ResumeTicket": "actor_staff_id",
    "/svcq.v1.TicketService/ResolveTicket": "actor_staff_id",
    "/svcq.v1.TicketService/RecordCallback": "actor_staff_id",
    "/svcq.v1.TicketService/CloseTicket": "actor_staff_id",
    "/svcq.v1.TicketService/CancelTicket": "actor_staff_id",
    "/svcq.v1.TicketService/ReportDefectRecurrence": "actor_staff_id",
    "/svcq.v1.TicketService/CompleteTicketCallback": "actor_staff_id",
    "/svcq.v1.EvaluationService/RecordInspection": "inspection.inspector_id",
    "/svcq.v1.EvaluationService/RectifyDefect": "actor_id",
    "/svcq.v1.EvaluationService/EscalateDefect": "actor_id",
    # Built-in plugins (they ship with svcq, so the same test covers them).
    "/svcq.eastchina.v1.EastChinaService/RecordEtiquetteCheck": "supervisor_staff_id",
    "/svcq.eastchina.v1.EastChinaService/RequestFreeService": "staff_id",
    "/svcq.fivestep.v1.FiveStepService/RecordKnowledgeCheck": "check.examiner_staff_id",
}

#: Staff fields of requests that name somebody other than the one acting, by the
#: field's full protobuf name, and why. The test needs every staff field here or in
#: ACTORS; a field may be an actor for one method (ACTORS) and not for others.
NOT_ACTORS: dict[str, str] = {
    "svcq.v1.ApiToken.staff_id": "the staff member a new token will act for (admins make tokens)",
    "svcq.v1.PersonalNeed.recorded_by_staff_id":
        "ignored in CreateOwner and UpdateOwner; AddPersonalNeed records needs",
    "svcq.v1.Ticket.assignee_staff_id": "output only; DispatchTicket assigns",
    "svcq.v1.Ticket.first_receiver_staff_id":
        "the actor of CreateTicket; UpdateTicket cannot change it",
    "svcq.v1.Ticket.reporter_back_staff_id": "the colleague who reports back to the customer",
    "svcq.v1.TicketCallback.actor_staff_id": "output only",
    "svcq.v1.DispatchTicketRequest.assignee_staff_id": "who will do the work",
    "svcq.v1.ListMyFirstContactTicketsRequest.staff_id":
        "a read naming whose tickets (ListTickets reads the same)",
    "svcq.v1.Inspection.countersigned_by": "the checked person who signed",
    "svcq.v1.ItemResult.responsible_staff_id": "who answers for the item",
    "svcq.v1.Finding.responsible_staff_id": "who answers for the finding",
    "svcq.v1.PersonScore.staff_id": "who was scored",
    "svcq.v1.SurveyCampaign.coordinator_id":
        "who runs the campaign, named by whoever creates it (often their manager)",
    "svcq.fivestep.v1.KnowledgeCheck.staff_id": "who was checked",
    "svcq.fivestep.v1.GetWorkAloneClearanceRequest.staff_id": "a read naming whose clearance",
    "svcq.vip_butler.v1.ButlerAssignment.butler_staff_id": "who is assigned",
    "svcq.vip_butler.v1.LoyalCustomer.manager_staff_id": "whose list the customer joins",
    "svcq.vip_butler.v1.RemoveLoyalCustomerRequest.manager_staff_id": "whose list changes",
    "svcq.vip_butler.v1.ListLoyalCustomersRequest.manager_staff_id": "a read naming whose list",
}

#: The field a plugin's request names its actor by, for RPCs the table does not list.
CONVENTION = "actor_staff_id"

#: Method -> resolved path (None: no actor); filled on first use, per method.
_resolved: dict[str, str | None] = {}


def actor_path(method: str, request: Message) -> str | None:
    """The request field naming who acts in ``method``; None when nobody is named."""
    try:
        return _resolved[method]
    except KeyError:
        pass
    path = ACTORS.get(method)
    if path is None and not method.startswith("/svcq.v1."):
        path = CONVENTION if CONVENTION in request.DESCRIPTOR.fields_by_name else None
    _resolved[method] = path
    return path


def bind_actor(method: str, request: Message, principal: Principal) -> None:
    """Fill or check the actor field for a principal bound to a staff member, in place.

    Raises PermissionDenied when the request names another staff member.
    Nothing happens for principals without a staff member.
    """
    if not principal.staff_id:
        return
    path = actor_path(method, request)
    if path is None:
        return
    *parents, name = path.split(".")
    target = request
    for parent in parents:
        target = getattr(target, parent)
    named = getattr(target, name)
    if not named:
        setattr(target, name, principal.staff_id)
    elif named != principal.staff_id:
        raise PermissionDenied(
            f"{path} is {named!r}, but this token acts for staff member "
            f"{principal.staff_id!r}: leave it empty or name that staff member",
            reason="ACTOR_NOT_CALLER", metadata={"field": path})
