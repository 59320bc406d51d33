"""What every domain service shares: its context, etags, conditional updates, keyset pages."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

import structlog
from peewee import SQL, Field, Model, ModelSelect

from svcq.clock import Clock, SystemClock
from svcq.domain.ids import new_id
from svcq.domain.paging import PageTokens, page_size
from svcq.errors import Aborted, InvalidArgument, NotFound, PermissionDenied, SvcqError
from svcq.plugins.payload import encode
from svcq.plugins.runner import HookFailure, HookRunner, Scope
from svcq.security import policy
from svcq.security.audit import audit_rows, write_audit
from svcq.security.principal import Principal, ScopeKind, current_principal
from svcq.storage.db import after_commit, write_transaction
from svcq.storage.plugins import HookFailureRow

M = TypeVar("M", bound=Model)


log = structlog.get_logger("svcq.hooks")

#: Columns of hook_failure and job_run rows the audit trail does not copy: a hook's
#: arguments (a copy of a resident's record) and error texts (a plugin's message may
#: quote one). The rows keep them; the trail says what happened to whom and when.
HOST_ROWS_NOT_AUDITED = ("arguments", "error")


@dataclass
class ServiceContext:
    """Everything a domain service needs from the running server, injected once."""

    page_tokens: PageTokens
    clock: Clock = field(default_factory=SystemClock)
    #: The plugin host; None runs no plugins (unit tests of the domain).
    hooks: HookRunner | None = None
    #: Community id -> region id, filled lazily; communities never change region.
    _regions: dict[str, str] = field(default_factory=dict)

    def now(self) -> datetime:
        """Current UTC instant as the naive datetime the database stores."""
        return self.clock.now().astimezone(UTC).replace(tzinfo=None)

    def scope(self, community_id: str) -> Scope:
        """Where a hook call for ``community_id`` runs (its region decides plugins too)."""
        region = self._regions.get(community_id)
        if region is None:
            from svcq.storage.directory import Community

            row = Community.get_or_none(Community.id == community_id)
            region = row.region_id if row is not None else ""
            if row is not None:
                self._regions[community_id] = region
        return Scope(community_id, region or None)

    # -- who may see what (svcq.security.policy decides, this applies it) ----
    @property
    def principal(self) -> Principal:
        """The caller of the current RPC; the system outside one (jobs, reactions, start-up)."""
        return current_principal()

    def authorize(self, community_id: str | None, *, region_id: str | None = None) -> None:
        """PERMISSION_DENIED unless the caller's scope covers the resource.

        Give the resource's community, or for a region-level resource its
        region (``community_id`` None). Call it before looking the resource
        up, so the answer for something outside the scope is the same
        whether it exists or not.
        """
        principal = self.principal
        if principal.company_wide:
            return
        if community_id and not region_id and principal.scope_kind is ScopeKind.REGION:
            region_id = self.scope(community_id).region_id or ""
        if not policy.covers(principal, community_id or None, region_id):
            raise PermissionDenied(
                f"outside the caller's {principal.scope_kind.lower()} scope",
                reason="OUTSIDE_SCOPE")

    def visible(self, row: M | None, kind: str, ident: str,
                where: Callable[[M], tuple[str | None, str | None]] | None = None) -> M:
        """The row if the caller may see it: PERMISSION_DENIED comes before NOT_FOUND.

        ``where`` gives (community id, region id) of a row; by default its
        community. A scoped caller asking for an id that does not exist is
        told PERMISSION_DENIED, exactly like one asking for another
        community's resource; only a company-wide caller learns NOT_FOUND.
        """
        if row is None:
            if not self.principal.company_wide:
                raise PermissionDenied(
                    f"outside the caller's {self.principal.scope_kind.lower()} scope",
                    reason="OUTSIDE_SCOPE")
            raise NotFound(kind, ident)
        community_id, region_id = where(row) if where else (row.community_id, None)
        self.authorize(community_id, region_id=region_id)
        return row

    def scoped(self, query: ModelSelect, community: Field | None,
               region: Field | None = None) -> ModelSelect:
        """``query`` narrowed to what the caller's scope covers (every List calls this).

        ``community`` is the column holding a row's community id, ``region``
        (if any) the one holding its region id; a region-scoped caller without
        a region column gets the communities of its region.
        """
        from svcq.storage.directory import Community

        principal = self.principal
        if principal.company_wide:
            return query
        if principal.scope_kind is ScopeKind.REGION:
            if region is not None:
                return query.where(region == principal.scope_id)
            if community is None:
                return query.where(SQL("1 = 0"))
            return query.where(community.in_(
                Community.select(Community.id).where(Community.region == principal.scope_id)))
        if community is None:
            return query.where(SQL("1 = 0"))
        return query.where(community == principal.scope_id)

    # -- the audit trail -----------------------------------------------------
    def audit(self, resource_type: str, resource_id: str, community_id: str,
              old: Mapping[str, Any], new: Mapping[str, Any]) -> None:
        """Record a mutation (old {} for a create) in the current transaction."""
        write_audit(resource_type, resource_id, community_id, old, new, self.now())

    def audit_row(self, resource_type: str, before: Model | None, after: Model, *,
                  community_id: str | None = None, leave_out: Collection[str] = ()) -> None:
        """Record a row's change; ``before`` None for a create.

        The community is read off the row unless given (rows without one);
        ``leave_out`` names columns the trail must not copy.
        """
        audit_rows(resource_type, before, after, self.now(), community_id=community_id,
                   leave_out=leave_out)

    def wants(self, hook: str, community_id: str) -> bool:
        """Whether a plugin enabled in the community implements ``hook``."""
        return self.hooks is not None and self.hooks.implemented(hook, self.scope(community_id))

    def react(self, hook: str, community_id: str, /, **kwargs: Any) -> None:
        """Run a reaction hook after the current transaction commits.

        A reaction never undoes the core's write: failures are logged with the
        plugin's name (and kept for retry by the plugin host).
        """
        if not self.wants(hook, community_id):
            return
        runner, scope = self.hooks, self.scope(community_id)

        def run() -> None:
            try:
                failures = runner.react(hook, scope, **kwargs)
            except SvcqError as exc:  # e.g. an unresolved conflict; the write stands
                log.error("reaction_hooks_skipped", hook=hook, community_id=community_id,
                          error=exc.message)
                return
            for failure in failures:
                self.reaction_failed(failure, scope, kwargs)

        after_commit(run)

    def reaction_failed(self, failure: HookFailure, scope: Scope,
                        arguments: Mapping[str, Any] | None = None) -> None:
        """Log a plugin's failure; with ``arguments`` (a reaction) keep it for retry.

        Runs after commit, so it must not raise: the caller's write stands.
        The kept row is a mutation like any other: audited in its own
        transaction, as the caller whose write ran the reaction (the system
        outside an RPC).
        """
        log.error("reaction_hook_failed", plugin=failure.plugin, hook=failure.hook,
                  community_id=scope.community_id, error=failure.error)
        if arguments is None:
            return
        try:
            try:
                text: str | None = encode(arguments)
            except TypeError:
                text = None
            now, ident = self.now(), new_id("hf")
            with write_transaction():
                HookFailureRow.insert(
                    id=ident, plugin=failure.plugin, hook=failure.hook,
                    community_id=scope.community_id, arguments=text, error=failure.error,
                    state="PENDING", create_time=now, last_attempt_time=now,
                ).execute()
                self.audit_row("hook_failure", None, HookFailureRow.get_by_id(ident),
                               leave_out=HOST_ROWS_NOT_AUDITED)
        except Exception as exc:  # the database is down too: the log line is all we have
            log.error("hook_failure_not_kept", plugin=failure.plugin, hook=failure.hook,
                      error=f"{type(exc).__name__}: {exc}")


def etag_of(version: int) -> str:
    return f'W/"{version}"'


def version_from_etag(etag: str, path: str = "etag") -> int:
    """Read the version an etag carries; anything else is a bad argument."""
    if etag.startswith('W/"') and etag.endswith('"') and etag[3:-1].isdigit():
        return int(etag[3:-1])
    raise InvalidArgument.one(path, "not an etag this server issued", reason="INVALID_ETAG")


def conditional_update(
    model: type[Model], ident: str, etag: str, values: dict[Any, Any], now: datetime,
    *, kind: str, etag_path: str = "etag",
) -> Model:
    """Apply ``values`` only if the row still has the caller's version; the row after.

    One ``UPDATE ... WHERE version = ?`` behaves the same on SQLite and
    PostgreSQL, so optimistic concurrency needs no backend-specific locking.
    """
    expected = version_from_etag(etag, etag_path) if etag else None
    key = model._meta.primary_key
    before = model.get_or_none(key == ident)
    query = model.update(
        {**values, model.version: model.version + 1, model.update_time: now}
    ).where(model._meta.primary_key == ident)
    if expected is not None:
        query = query.where(model.version == expected)
    if query.execute() == 0:
        if not model.select().where(model._meta.primary_key == ident).exists():
            raise NotFound(kind, ident)
        raise Aborted(
            f"{kind} {ident!r} changed since it was read (etag mismatch); read it again",
            metadata={"resource_id": ident},
        )
    # Every conditional update is a caller's change: audit it here, once for all services.
    after = model.get(key == ident)
    audit_rows(kind, before, after, now)
    return after


def keyset_page(
    query: ModelSelect,
    key: Field,
    tokens: PageTokens,
    *,
    requested_size: int,
    token: str,
    query_key: str,
    convert: Callable[[Any], Any] = lambda row: row,
) -> tuple[list[Any], str]:
    """One page in key order and the token for the next (empty on the last page).

    Fetches one row more than the page to learn whether another page exists,
    so the last page never hands out a token that leads to an empty page.
    """
    size = page_size(requested_size)
    after = tokens.decode(token, query_key)
    if after is not None:
        query = query.where(key > after)
    rows: Sequence[Any] = list(query.order_by(key).limit(size + 1))
    items = [convert(r) for r in rows[:size]]
    more = len(rows) > size
    next_token = tokens.encode(getattr(rows[size - 1], key.name), query_key) if more else ""
    return items, next_token
