"""The running plugin host: config reload and checks, plugin listing, retries, periodic jobs.

:func:`build_plugin_host` loads the plugins at start-up; :class:`AdminService`
is what AdminService RPCs, SIGHUP and the job scheduler call afterwards.

A reload swaps only the plugin settings snapshot (``[plugins]`` and
``[conflicts]``); the other sections still need a restart, but are checked
too, so a file that would not start the server is never half-applied.
Conflict checks use the communities' real regions from the database, so a
community is only asked for the winners its own region needs.
"""

from __future__ import annotations

import json
import threading
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import structlog
from peewee import Database, fn

from svcq.clock import Clock
from svcq.config import Config, ConfigError, load_config
from svcq.domain.common import HOST_ROWS_NOT_AUDITED, ServiceContext, keyset_page
from svcq.domain.filtering import EQ, ORDERED, compare, parse_filter
from svcq.domain.tickets.settings import parse_ticket_settings
from svcq.errors import FailedPrecondition, FieldViolation, InvalidArgument, SvcqError
from svcq.plugin import HookContext, Setting
from svcq.plugins import (
    HookRunner,
    PluginLoadError,
    PluginSettings,
    SvcqPluginManager,
    build_plugin_manager,
    load_plugin_settings,
    required_plugins,
    validate_plugin_config,
)
from svcq.plugins.jobs import period_key
from svcq.plugins.payload import decode
from svcq.security import policy
from svcq.security.redact import mask_as, personal_kind
from svcq.security.tokens import TokenInput, issue_token, revoke_token
from svcq.storage.db import write_transaction
from svcq.storage.directory import Community
from svcq.storage.migrate import migrate
from svcq.storage.plugins import HookFailureRow, JobRun
from svcq.storage.security import ApiToken, AuditRecord

log = structlog.get_logger("svcq.plugins")

#: Raw section -> parser raising InvalidArgument; run by every full config check.
#: Domain owners add theirs here so ValidateConfig and ``svcq config validate`` see them.
SECTION_CHECKS: dict[str, Callable[[Mapping[str, Any]], object]] = {
    "tickets": parse_ticket_settings,
}


@dataclass(frozen=True)
class HostSettings:
    """Knobs of the plugin host itself (not from DOMAIN.md)."""

    #: Seconds between two passes of the periodic-job scheduler.
    job_interval_seconds: float = 60.0
    #: Failures one RetryHookFailures call retries when the caller names no limit.
    retry_batch: int = 100
    #: Most failures one call may retry.
    max_retry_batch: int = 1000


@dataclass(frozen=True)
class PluginSource:
    """Which plugins a server loads: installed ones and/or these objects (tests)."""

    load_entrypoints: bool = True
    extra: tuple[tuple[str, object], ...] = ()
    block: tuple[str, ...] = ()


# ---------------------------------------------------------------------------
# Start-up
# ---------------------------------------------------------------------------


def plugin_tables(config: Config) -> dict[str, Any]:
    """The part of the config the plugin host validates."""
    return {"plugins": config.plugins, "conflicts": config.conflicts}


def community_regions() -> dict[str, str]:
    """Community id -> region id, for conflict checks against real regions."""
    return {c.id: c.region_id for c in Community.select(Community.id, Community.region)}


def build_plugin_host(
    config: Config, clock: Clock, db: Database, source: PluginSource | None = None
) -> HookRunner:
    """Load plugins (guarded), migrate their tables, validate their config.

    Runs after the core's migrations: a plugin's tables may refer to core
    tables, never the other way round.
    """
    source = source or PluginSource()
    raw = plugin_tables(config)
    pm = build_plugin_manager(
        load_entrypoints=source.load_entrypoints,
        extra_plugins=source.extra,
        block=source.block,
        required=required_plugins(raw),
    )
    for failure in pm.load_failures:
        log.error("plugin_load_failed", plugin=failure.plugin, error=failure.error)
    migrate_plugins(db, pm)
    with db.connection_context():
        regions = community_regions()
    try:
        settings = load_plugin_settings(raw, pm.catalog, community_regions=regions)
    except InvalidArgument as exc:
        raise ConfigError.of(exc.violations) from None
    return HookRunner(pm, settings, clock)


def migrate_plugins(db: Database, pm: SvcqPluginManager) -> None:
    """Apply each plugin's own migrations with its own history table."""
    for registered in pm.catalog.migrations:
        m = registered.record
        try:
            applied = migrate(db, m.directory, m.history_table)
        except Exception as error:
            raise PluginLoadError(
                f"plugin {registered.plugin!r}: migration failed: {type(error).__name__}: {error}"
            ) from error
        if applied:
            log.info("plugin_migrated", plugin=registered.plugin, applied=applied)


# ---------------------------------------------------------------------------
# Config checks (also used offline by ``svcq config validate``)
# ---------------------------------------------------------------------------


def config_from_text(text: str) -> Config:
    """Parse and check the core sections of a TOML document (no environment)."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError([f"(document): not valid TOML: {exc}"]) from None
    problems = [f"{k}: unknown section" for k, v in raw.items() if not isinstance(v, Mapping)]
    if problems:
        raise ConfigError(problems)
    return load_config(None, overrides=raw, environ={})


def as_violations(error: ConfigError) -> list[FieldViolation]:
    """ConfigError's ``key: message`` lines as field violations."""
    return [FieldViolation(*_split(problem)) for problem in error.problems]


def _split(problem: str) -> tuple[str, str]:
    key, sep, message = problem.partition(": ")
    return (key, message) if sep else ("", problem)


def check_config(
    config: Config,
    pm: SvcqPluginManager,
    *,
    community_regions: Mapping[str, str] | None = None,
) -> list[FieldViolation]:
    """Every problem of the sections validated after load: domains' and plugins'."""
    problems: list[FieldViolation] = []
    for section, parse in SECTION_CHECKS.items():
        try:
            parse(getattr(config, section))
        except InvalidArgument as exc:
            problems += exc.violations
    problems += validate_plugin_config(
        plugin_tables(config), pm.catalog, community_regions=community_regions
    )
    return problems


def check_text(
    text: str, pm: SvcqPluginManager, *, community_regions: Mapping[str, str] | None = None
) -> list[FieldViolation]:
    try:
        config = config_from_text(text)
    except ConfigError as exc:
        return as_violations(exc)
    return check_config(config, pm, community_regions=community_regions)


# ---------------------------------------------------------------------------
# Records the admin API returns
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PluginInfo:
    name: str
    distribution: str
    version: str
    loaded: bool
    load_error: str = ""
    required: bool = False
    everywhere: bool = False
    region_ids: tuple[str, ...] = ()
    community_ids: tuple[str, ...] = ()
    declared: tuple[Setting, ...] = ()
    settings: Mapping[str, Any] = field(default_factory=dict)
    runs_in_community: bool = False
    service_names: tuple[str, ...] = ()
    cli_commands: tuple[str, ...] = ()
    jobs: tuple[str, ...] = ()
    conflicts_with: tuple[str, ...] = ()
    pending_hook_failures: int = 0


@dataclass(frozen=True)
class RetryOutcome:
    succeeded: int = 0
    failed: int = 0
    skipped: int = 0


@dataclass(frozen=True)
class JobOutcome:
    plugin: str
    job: str
    community_id: str
    period_key: str
    error: str = ""


AUDIT_FILTERS = {"principal": EQ, "method": EQ, "resource_type": EQ, "resource_id": EQ,
                 "community_id": EQ, "time": ORDERED}


@dataclass(frozen=True)
class AuditEntry:
    id: str
    time: datetime
    principal: str
    method: str
    resource_type: str
    resource_id: str
    community_id: str
    #: (field, old, new) per changed field.
    changes: tuple[tuple[str, Any, Any], ...]


class _Handle:
    """:class:`svcq.plugin.PluginHandle` for one plugin's gRPC servicer."""

    def __init__(self, name: str, ctx: ServiceContext, hooks: HookRunner) -> None:
        self.name = name
        self._ctx = ctx
        self._hooks = hooks

    def runs_in(self, community_id: str) -> bool:
        return self.name in self._hooks.enabled_for(self._ctx.scope(community_id))

    def context(self, community_id: str) -> HookContext:
        """Checks the caller's scope first: a plugin service is confined like the core."""
        self._ctx.authorize(community_id)
        if not self.runs_in(community_id):
            raise FailedPrecondition(
                f"plugin {self.name!r} is not enabled in community {community_id!r}",
                reason="PLUGIN_NOT_ENABLED",
                metadata={"plugin": self.name, "community_id": community_id},
            )
        return self._hooks.context(self.name, self._ctx.scope(community_id))


# ---------------------------------------------------------------------------
# The service
# ---------------------------------------------------------------------------


class AdminService:
    def __init__(
        self,
        ctx: ServiceContext,
        config: Config,
        *,
        reread: Callable[[], Config] | None = None,
        settings: HostSettings | None = None,
    ) -> None:
        if ctx.hooks is None:
            raise ValueError("AdminService needs the plugin host (ctx.hooks)")
        self.ctx = ctx
        self.hooks: HookRunner = ctx.hooks
        self.config = config
        self.settings = settings or HostSettings()
        self._reread = reread or (lambda: load_config(config.source or None))
        #: Applied to every config read before it takes effect (the demo adds its plugins).
        self.adjust: Callable[[Config], Config] = lambda read: read
        self._reload_lock = threading.Lock()

    @property
    def pm(self) -> SvcqPluginManager:
        return self.hooks.pm

    def handle(self, plugin: str) -> _Handle:
        return _Handle(plugin, self.ctx, self.hooks)

    # -- configuration --------------------------------------------------------

    def reload_config(self) -> Config:
        """Re-read the config file and swap the plugin settings in, or change nothing."""
        with self._reload_lock:
            try:
                config = self.adjust(self._reread())
            except ConfigError as exc:
                raise InvalidArgument(as_violations(exc), reason="INVALID_CONFIG") from None
            settings = self._checked(config)
            self.hooks.replace_settings(settings)
            self.config = config
        log.info("config_reloaded", source=config.source,
                 plugins={n: _where(c) for n, c in settings.plugins.items() if _where(c)})
        return config

    def _checked(self, config: Config) -> PluginSettings:
        regions = community_regions()
        problems = check_config(config, self.pm, community_regions=regions)
        if problems:
            raise InvalidArgument(problems, reason="INVALID_CONFIG")
        return load_plugin_settings(plugin_tables(config), self.pm.catalog,
                                    community_regions=regions)

    def validate_config(self, text: str) -> list[FieldViolation]:
        """Every problem ``text`` would have as the server's config; [] when valid."""
        return check_text(text, self.pm, community_regions=community_regions())

    # -- plugins ----------------------------------------------------------------

    def list_plugins(self, community_id: str = "") -> list[PluginInfo]:
        catalog, snapshot = self.pm.catalog, self.hooks.settings
        scope = self.ctx.scope(community_id) if community_id else None
        running = set(self.hooks.enabled_for(scope)) if scope else set()
        pending = dict(
            HookFailureRow.select(HookFailureRow.plugin, fn.COUNT(HookFailureRow.id))
            .where(HookFailureRow.state == "PENDING")
            .group_by(HookFailureRow.plugin)
            .tuples()
        )

        def owned(records: Iterable[Any], name: str, label: Callable[[Any], Iterable[str]]
                  ) -> tuple[str, ...]:
            return tuple(x for r in records if r.plugin == name for x in label(r.record))

        infos = []
        for name in catalog.plugins:
            cfg = snapshot.plugins[name]
            dist, version = self.pm.distributions.get(name, ("", ""))
            infos.append(PluginInfo(
                name=name, distribution=dist, version=version, loaded=True,
                required=cfg.required, everywhere=cfg.everywhere,
                region_ids=tuple(sorted(cfg.regions)),
                community_ids=tuple(sorted(cfg.communities)),
                declared=catalog.settings[name],
                settings=snapshot.settings_for(
                    name, scope.community_id if scope else None, scope.region_id if scope else None
                ),
                runs_in_community=name in running,
                service_names=owned(catalog.services, name, lambda s: s.service_names),
                cli_commands=owned(catalog.cli_commands, name, lambda c: [c.name]),
                jobs=owned(catalog.jobs, name, lambda j: [f"{j.name} ({j.period})"]),
                conflicts_with=tuple(sorted(
                    other for pair in snapshot.conflicts if name in pair for other in pair - {name}
                )),
                pending_hook_failures=pending.get(name, 0),
            ))
        for failure in self.pm.load_failures:
            dist, version = self.pm.distributions.get(failure.plugin, ("", ""))
            infos.append(PluginInfo(name=failure.plugin, distribution=dist, version=version,
                                    loaded=False, load_error=failure.error,
                                    pending_hook_failures=pending.get(failure.plugin, 0)))
        return infos

    # -- reaction failures -----------------------------------------------------

    def retry_hook_failures(self, plugin: str = "", limit: int = 0) -> RetryOutcome:
        """Run pending failed reactions again, oldest first.

        Retried on request rather than in the background: a reaction fails
        mostly because the plugin has a bug or its system is down, and the
        operator who fixed that is the one who knows it is time to retry.
        """
        if not 0 <= limit <= self.settings.max_retry_batch:
            raise InvalidArgument.one(
                "limit", f"between 0 and {self.settings.max_retry_batch} (0: default)")
        query = HookFailureRow.select().where(HookFailureRow.state == "PENDING")
        if plugin:
            query = query.where(HookFailureRow.plugin == plugin)
        rows = list(query.order_by(HookFailureRow.create_time, HookFailureRow.id)
                    .limit(limit or self.settings.retry_batch))
        succeeded = failed = skipped = 0
        for row in rows:
            scope = self.ctx.scope(row.community_id)
            try:
                runs_there = row.plugin in self.hooks.enabled_for(scope)
            except SvcqError:
                runs_there = False
            if not runs_there or row.arguments is None:
                skipped += 1
                continue
            try:
                failure = self.hooks.react_plugin(row.plugin, row.hook, scope,
                                                  **decode(row.arguments))
                error = failure.error if failure else ""
            except Exception as exc:  # arguments that no longer decode
                error = f"{type(exc).__name__}: {exc}"
            now = self.ctx.now()
            values: dict[Any, Any] = {HookFailureRow.attempts: HookFailureRow.attempts + 1,
                                      HookFailureRow.last_attempt_time: now}
            if error:
                failed += 1
                values[HookFailureRow.error] = error
                log.error("reaction_hook_failed_again", plugin=row.plugin, hook=row.hook,
                          community_id=row.community_id, error=error)
            else:
                succeeded += 1
                values |= {HookFailureRow.state: "DONE", HookFailureRow.resolve_time: now}
            with write_transaction():
                HookFailureRow.update(values).where(HookFailureRow.id == row.id).execute()
                self.ctx.audit_row("hook_failure", row, HookFailureRow.get_by_id(row.id),
                                   leave_out=HOST_ROWS_NOT_AUDITED)
        return RetryOutcome(succeeded, failed, skipped)

    # -- periodic jobs ---------------------------------------------------------

    def run_due_jobs(self) -> list[JobOutcome]:
        """Run every job not yet run this period in each community where it is enabled.

        The scheduler thread calls this every ``job_interval_seconds``; tests
        call it after moving the fake clock. A claim (an insert on a unique
        key) comes before the run, so two replicas or a restart never run
        the same period twice; a run that failed is claimed again next pass.
        """
        if not self.pm.catalog.jobs:
            return []
        now = self.ctx.clock.now()
        outcomes = []
        for community in Community.select(Community.id, Community.region, Community.time_zone):
            scope = self.ctx.scope(community.id)
            try:
                jobs = self.hooks.jobs_for(scope)
            except SvcqError as exc:  # an unresolved conflict: nothing runs there
                log.error("jobs_skipped", community_id=community.id, error=exc.message)
                continue
            local_day = now.astimezone(ZoneInfo(community.time_zone)).date()
            for job in jobs:
                key = period_key(job.record.period, local_day)
                run = _run_key(job.plugin, job.record.name, community.id, key)
                claimed = self._claim(job.plugin, job.record.name, community.id, key)
                if claimed is None:
                    continue
                failure = self.hooks.run_job(job, scope)
                error = failure.error if failure else ""
                if failure:
                    log.error("job_failed", plugin=job.plugin, job=job.record.name,
                              community_id=community.id, period_key=key, error=error)
                with write_transaction():
                    JobRun.update(state="FAILED" if error else "DONE", error=error,
                                  finish_time=self.ctx.now()).where(run).execute()
                    self.ctx.audit_row("job_run", claimed, JobRun.get(run),
                                       leave_out=HOST_ROWS_NOT_AUDITED)
                outcomes.append(JobOutcome(job.plugin, job.record.name, community.id, key, error))
        return outcomes

    def _claim(self, plugin: str, job: str, community_id: str, key: str) -> JobRun | None:
        """The run, claimed (RUNNING) by this pass; None when it is done or running elsewhere.

        Every claim is audited (as the system: no caller runs jobs), like the
        run's outcome after it.
        """
        now = self.ctx.now()
        run = _run_key(plugin, job, community_id, key)
        with write_transaction():
            before = None
            claimed = JobRun.insert(
                plugin=plugin, job=job, community_id=community_id, period_key=key,
                state="RUNNING", start_time=now,
            ).on_conflict_ignore().as_rowcount().execute()
            if not claimed:
                before = JobRun.get_or_none(run, JobRun.state == "FAILED")
                if before is None:
                    return None
                claimed = JobRun.update(
                    state="RUNNING", attempts=JobRun.attempts + 1, start_time=now, error=""
                ).where(run, JobRun.state == "FAILED").execute()
            if not claimed:
                return None
            after = JobRun.get(run)
            self.ctx.audit_row("job_run", before, after, leave_out=HOST_ROWS_NOT_AUDITED)
        return after

    # -- API tokens ---------------------------------------------------------------
    def create_token(self, data: TokenInput) -> tuple[ApiToken, str]:
        """A new token and its secret (returned this once, stored only as a hash)."""
        sec = self.config.security
        return issue_token(data, self.ctx.now(), default_days=sec.token_default_days,
                           max_days=sec.token_max_days)

    def list_tokens(self, page_size: int, token: str, show_inactive: bool
                    ) -> tuple[list[ApiToken], str]:
        query = ApiToken.select()
        if not show_inactive:
            query = query.where(ApiToken.revoke_time.is_null()
                                & (ApiToken.expire_time > self.ctx.now()))
        return keyset_page(query, ApiToken.id, self.ctx.page_tokens, requested_size=page_size,
                           token=token, query_key=f"tokens:{show_inactive}")

    def revoke_token(self, token_id: str) -> ApiToken:
        return revoke_token(token_id, self.ctx.now())

    # -- the audit trail -----------------------------------------------------------
    def list_audit_records(self, page_size: int, token: str, filter_text: str
                           ) -> tuple[list[AuditEntry], str]:
        """Audit records within the caller's scope; masked for roles that see no phones."""
        query = self.ctx.scoped(AuditRecord.select(), AuditRecord.community_id)
        for term in parse_filter(filter_text, AUDIT_FILTERS):
            column = getattr(AuditRecord, term.field)
            if term.field == "time":
                try:
                    when = datetime.fromisoformat(term.value.replace("Z", "+00:00"))
                except ValueError:
                    raise InvalidArgument.one("filter", "time takes an RFC 3339 time",
                                              reason="INVALID_FILTER") from None
                when = when.astimezone(UTC).replace(tzinfo=None) if when.tzinfo else when
                query = query.where(compare(column, term.op, when))
            else:
                query = query.where(column == term.value)
        clear = policy.sees_personal_data(self.ctx.principal)
        return keyset_page(query, AuditRecord.id, self.ctx.page_tokens,
                           requested_size=page_size, token=token,
                           query_key=f"audit:{filter_text}",
                           convert=lambda row: _audit_entry(row, clear))


def _audit_entry(row: AuditRecord, clear: bool) -> AuditEntry:
    changes = []
    for name, (old, new) in json.loads(row.changes).items():
        kind = "" if clear else personal_kind(name)
        if kind:
            old, new = mask_as(kind, old), mask_as(kind, new)
        changes.append((name, old, new))
    return AuditEntry(row.id, row.time, row.principal, row.method, row.resource_type,
                      row.resource_id, row.community_id, tuple(changes))


def _run_key(plugin: str, job: str, community_id: str, key: str) -> Any:
    return ((JobRun.plugin == plugin) & (JobRun.job == job)
            & (JobRun.community_id == community_id) & (JobRun.period_key == key))


def _where(cfg: Any) -> str:
    parts = ["everywhere"] if cfg.everywhere else []
    parts += [f"region {r}" for r in sorted(cfg.regions)]
    parts += [f"community {c}" for c in sorted(cfg.communities)]
    return ", ".join(parts)
