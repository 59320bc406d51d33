"""Who is calling: the principal of the current RPC, kept in a context variable.

The interceptor sets it after checking the caller's token; the domain reads
it through :class:`svcq.domain.common.ServiceContext`. Code that runs
outside an RPC (the scheduler, periodic jobs, start-up, demo loading, the
offline CLI) has no principal and acts as :data:`SYSTEM`, which may do
everything: those paths are the server's own work, not a caller's.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    ADMIN = "ADMIN"
    REGION_MANAGER = "REGION_MANAGER"
    PROJECT_HEAD = "PROJECT_HEAD"
    QUALITY_INSPECTOR = "QUALITY_INSPECTOR"
    STAFF = "STAFF"
    SERVICE_ACCOUNT = "SERVICE_ACCOUNT"


class ScopeKind(StrEnum):
    COMPANY = "COMPANY"
    REGION = "REGION"
    COMMUNITY = "COMMUNITY"


@dataclass(frozen=True)
class Principal:
    #: ``token:<id>`` or ``system``; what audit records name.
    id: str
    role: Role
    scope_kind: ScopeKind
    #: The region or community the scope is; empty for COMPANY.
    scope_id: str = ""
    #: The staff member a token acts for, if any.
    staff_id: str = ""
    name: str = ""

    @property
    def company_wide(self) -> bool:
        return self.scope_kind is ScopeKind.COMPANY


SYSTEM = Principal("system", Role.ADMIN, ScopeKind.COMPANY, name="system")

_principal: ContextVar[Principal | None] = ContextVar("svcq_principal", default=None)
_method: ContextVar[str] = ContextVar("svcq_method", default="")


def current_principal() -> Principal:
    """The caller of the current RPC, or SYSTEM outside one."""
    return _principal.get() or SYSTEM


def current_method() -> str:
    """The full gRPC method being served (``/svcq.v1.X/Y``); empty outside an RPC."""
    return _method.get()


@contextmanager
def acting_as(principal: Principal | None, method: str = "") -> Iterator[None]:
    """Run the block as ``principal`` (None: as the system) in ``method``."""
    p, m = _principal.set(principal), _method.set(method)
    try:
        yield
    finally:
        _principal.reset(p)
        _method.reset(m)
