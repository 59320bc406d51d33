"""Who may do what, in one place: every RPC's permission, every role's permissions, scopes.

Read it as three tables:

1. :data:`METHODS`: each RPC of the core names the permission it needs and
   whether only a company-wide caller may use it. A new RPC without a line
   here is refused to everyone (and fails the table-driven test).
2. :data:`ROLES`: which permissions each role holds.
3. :data:`CLEAR_PERSONAL_DATA`: the roles that see phones and plates
   unmasked; everybody else gets :mod:`svcq.masking`'s forms.

Plugin services cannot be listed here ahead of time, so :func:`rule_for`
gives their RPCs a permission by verb: Get/List/Watch/Search/BatchGet read,
anything else writes.

Scopes are the other half: the interceptor decides the role half before the
handler runs; the domain decides the scope half (:func:`covers`) when it
knows which community a request touches, always before it looks for the
resource, so that PERMISSION_DENIED never tells a caller what exists
outside its scope.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from svcq.security.principal import Principal, Role, ScopeKind


class Permission(StrEnum):
    DIRECTORY_READ = "directory.read"
    DIRECTORY_WRITE = "directory.write"
    OWNERS_READ = "owners.read"
    OWNERS_WRITE = "owners.write"
    TICKETS_READ = "tickets.read"
    TICKETS_WRITE = "tickets.write"
    #: Customer and quality callbacks (回访): the quality department's work.
    CALLBACKS_WRITE = "callbacks.write"
    EVALUATIONS_READ = "evaluations.read"
    #: Inspections, verification, surveys, weather alerts.
    EVALUATIONS_WRITE = "evaluations.write"
    #: Rectifying or escalating a defect: the responsible staff's side of the loop.
    DEFECTS_RECTIFY = "defects.rectify"
    #: Figures, bulletins, daily closures: management information.
    FIGURES_READ = "figures.read"
    #: Settings of the business: checklist templates, ticket categories.
    SETTINGS_WRITE = "settings.write"
    #: The server itself: configuration and plugins.
    SERVER_ADMIN = "server.admin"
    TOKENS_MANAGE = "tokens.manage"
    AUDIT_READ = "audit.read"
    PLUGINS_READ = "plugins.read"
    PLUGINS_WRITE = "plugins.write"


@dataclass(frozen=True)
class Rule:
    permission: Permission
    #: Only a COMPANY-scope caller may call it (it changes company-wide things).
    company_only: bool = False


P = Permission
_R = Rule


def _company(permission: Permission) -> Rule:
    return Rule(permission, company_only=True)


#: Service full name -> method -> rule. Keep in the order of the protos.
SERVICES: dict[str, dict[str, Rule]] = {
    "svcq.v1.DirectoryService": {
        "CreateRegion": _company(P.DIRECTORY_WRITE),
        "GetRegion": _R(P.DIRECTORY_READ),
        "ListRegions": _R(P.DIRECTORY_READ),
        "UpdateRegion": _company(P.DIRECTORY_WRITE),
        "CreateCommunity": _R(P.DIRECTORY_WRITE),
        "GetCommunity": _R(P.DIRECTORY_READ),
        "ListCommunities": _R(P.DIRECTORY_READ),
        "UpdateCommunity": _R(P.DIRECTORY_WRITE),
        "CreateBuilding": _R(P.DIRECTORY_WRITE),
        "GetBuilding": _R(P.DIRECTORY_READ),
        "ListBuildings": _R(P.DIRECTORY_READ),
        "CreateUnit": _R(P.DIRECTORY_WRITE),
        "GetUnit": _R(P.DIRECTORY_READ),
        "ListUnits": _R(P.DIRECTORY_READ),
        "CreateStaff": _R(P.DIRECTORY_WRITE),
        "GetStaff": _R(P.DIRECTORY_READ),
        "ListStaff": _R(P.DIRECTORY_READ),
        "UpdateStaff": _R(P.DIRECTORY_WRITE),
    },
    "svcq.v1.OwnerService": {
        "CreateOwner": _R(P.OWNERS_WRITE),
        "GetOwner": _R(P.OWNERS_READ),
        "ListOwners": _R(P.OWNERS_READ),
        "UpdateOwner": _R(P.OWNERS_WRITE),
        "DeleteOwner": _R(P.OWNERS_WRITE),
        "UndeleteOwner": _R(P.OWNERS_WRITE),
        "AddPersonalNeed": _R(P.OWNERS_WRITE),
    },
    "svcq.v1.TicketService": {
        "CreateTicket": _R(P.TICKETS_WRITE),
        "GetTicket": _R(P.TICKETS_READ),
        "ListTickets": _R(P.TICKETS_READ),
        "UpdateTicket": _R(P.TICKETS_WRITE),
        "DispatchTicket": _R(P.TICKETS_WRITE),
        "StartTicket": _R(P.TICKETS_WRITE),
        "HoldTicket": _R(P.TICKETS_WRITE),
        "ResumeTicket": _R(P.TICKETS_WRITE),
        "ResolveTicket": _R(P.TICKETS_WRITE),
        "RecordCallback": _R(P.CALLBACKS_WRITE),
        "CloseTicket": _R(P.TICKETS_WRITE),
        "CancelTicket": _R(P.TICKETS_WRITE),
        "ReportDefectRecurrence": _R(P.TICKETS_WRITE),
        "ListTicketHistory": _R(P.TICKETS_READ),
        "ListMyFirstContactTickets": _R(P.TICKETS_READ),
        "GetDailyClosure": _R(P.FIGURES_READ),
        "GetTicketFigures": _R(P.FIGURES_READ),
        "WatchEvents": _R(P.TICKETS_READ),
        "ListTicketCallbacks": _R(P.TICKETS_READ),
        "CompleteTicketCallback": _R(P.CALLBACKS_WRITE),
        "GetTicketCategories": _R(P.TICKETS_READ),
        "UpdateTicketCategories": _R(P.SETTINGS_WRITE),
    },
    "svcq.v1.EvaluationService": {
        "CreateChecklistTemplate": _company(P.SETTINGS_WRITE),
        "GetChecklistTemplate": _R(P.EVALUATIONS_READ),
        "ListChecklistTemplates": _R(P.EVALUATIONS_READ),
        "UpdateChecklistTemplate": _company(P.SETTINGS_WRITE),
        "RecordInspection": _R(P.EVALUATIONS_WRITE),
        "GetInspection": _R(P.EVALUATIONS_READ),
        "ListInspections": _R(P.EVALUATIONS_READ),
        "RecordExternalResult": _R(P.EVALUATIONS_WRITE),
        "GetDefect": _R(P.EVALUATIONS_READ),
        "ListDefects": _R(P.EVALUATIONS_READ),
        "RectifyDefect": _R(P.DEFECTS_RECTIFY),
        "VerifyDefect": _R(P.EVALUATIONS_WRITE),
        "ReopenDefect": _R(P.EVALUATIONS_WRITE),
        "EscalateDefect": _R(P.DEFECTS_RECTIFY),
        "ProposeNightCheckSlots": _R(P.EVALUATIONS_WRITE),
        "RecordWeatherAlert": _R(P.EVALUATIONS_WRITE),
        "CreateSurveyCampaign": _R(P.EVALUATIONS_WRITE),
        "DrawSurveySample": _R(P.EVALUATIONS_WRITE),
        "RecordSurveyResponse": _R(P.EVALUATIONS_WRITE),
        "CloseSurveyCampaign": _R(P.EVALUATIONS_WRITE),
        "GetSurveyCampaign": _R(P.EVALUATIONS_READ),
        "RecordSurveyMilestone": _R(P.EVALUATIONS_WRITE),
        "GetInspectionFigures": _R(P.FIGURES_READ),
        "GetDefectFigures": _R(P.FIGURES_READ),
        "GetSurveyFigures": _R(P.FIGURES_READ),
        "GetNightCheckFigures": _R(P.FIGURES_READ),
        "GetMonthlyBulletin": _R(P.FIGURES_READ),
        "WatchEvaluationEvents": _R(P.EVALUATIONS_READ),
    },
    "svcq.v1.AdminService": {
        "ReloadConfig": _company(P.SERVER_ADMIN),
        "ValidateConfig": _company(P.SERVER_ADMIN),
        "ListPlugins": _company(P.SERVER_ADMIN),
        "RetryHookFailures": _company(P.SERVER_ADMIN),
        "CreateApiToken": _company(P.TOKENS_MANAGE),
        "ListApiTokens": _company(P.TOKENS_MANAGE),
        "RevokeApiToken": _company(P.TOKENS_MANAGE),
        "ListAuditRecords": _R(P.AUDIT_READ),
    },
}

_READ = frozenset({P.DIRECTORY_READ, P.OWNERS_READ, P.TICKETS_READ, P.EVALUATIONS_READ,
                   P.PLUGINS_READ})
_RUN_COMMUNITIES = _READ | {P.DIRECTORY_WRITE, P.OWNERS_WRITE, P.TICKETS_WRITE,
                            P.CALLBACKS_WRITE, P.EVALUATIONS_WRITE, P.DEFECTS_RECTIFY,
                            P.FIGURES_READ, P.SETTINGS_WRITE, P.AUDIT_READ, P.PLUGINS_WRITE}

#: Role -> what it may do (within its scope).
ROLES: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.REGION_MANAGER: _RUN_COMMUNITIES,
    Role.PROJECT_HEAD: _RUN_COMMUNITIES,
    Role.QUALITY_INSPECTOR: _READ | {P.CALLBACKS_WRITE, P.EVALUATIONS_WRITE, P.FIGURES_READ},
    Role.STAFF: _READ | {P.OWNERS_WRITE, P.TICKETS_WRITE, P.DEFECTS_RECTIFY, P.PLUGINS_WRITE},
    Role.SERVICE_ACCOUNT: _READ | {P.OWNERS_WRITE, P.TICKETS_WRITE, P.FIGURES_READ,
                                   P.PLUGINS_WRITE},
}

#: Roles that see residents' phones and plates in clear: they call residents back
#: or let cars in (security posts are staff of the community). Region managers and
#: quality inspectors work on figures and samples and get masked values.
CLEAR_PERSONAL_DATA: frozenset[Role] = frozenset({
    Role.ADMIN, Role.PROJECT_HEAD, Role.STAFF, Role.SERVICE_ACCOUNT})

#: Verbs a plugin RPC may start with to count as a read.
PLUGIN_READ_VERBS = ("Get", "List", "Watch", "Search", "BatchGet")


def split_method(method: str) -> tuple[str, str]:
    """``/pkg.Service/Method`` -> (``pkg.Service``, ``Method``)."""
    service, _, name = method.lstrip("/").rpartition("/")
    return service, name


def rule_for(method: str) -> Rule | None:
    """The rule of a full gRPC method name; None for a core RPC missing from the table."""
    service, name = split_method(method)
    if service in SERVICES or service.startswith("svcq.v1."):
        return SERVICES.get(service, {}).get(name)
    read = name.startswith(PLUGIN_READ_VERBS)
    return Rule(P.PLUGINS_READ if read else P.PLUGINS_WRITE)


def permits(principal: Principal, method: str) -> bool:
    """The role half of the decision: may this caller call this RPC at all?"""
    rule = rule_for(method)
    if rule is None or rule.permission not in ROLES[principal.role]:
        return False
    return principal.company_wide or not rule.company_only


def covers(principal: Principal, community_id: str | None, region_id: str | None) -> bool:
    """The scope half: does the caller's scope contain this resource?

    ``community_id`` is the resource's community (None for region- or
    company-level resources), ``region_id`` the region it belongs to (for a
    community's resource: the community's region; "" when unknown).
    """
    if principal.scope_kind is ScopeKind.COMPANY:
        return True
    if principal.scope_kind is ScopeKind.REGION:
        return bool(region_id) and region_id == principal.scope_id
    return bool(community_id) and community_id == principal.scope_id


def sees_personal_data(principal: Principal) -> bool:
    return principal.role in CLEAR_PERSONAL_DATA
